using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.IntegrationTests.Dashboard;

/// <summary>A local HTTP endpoint standing in for the alert webhook (a chat room, a pager): records what it is sent.</summary>
public sealed class WebhookListener : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookListener(WebApplication app) => _app = app;

    public ConcurrentQueue<JsonElement> Received { get; } = new();

    /// <summary>While true the endpoint answers 503, as a webhook that is down would.</summary>
    public bool Down { get; set; }

    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";

    public static async Task<WebhookListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var listener = new WebhookListener(app);
        app.MapPost("/hook", async (HttpContext ctx) =>
        {
            if (listener.Down)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            listener.Received.Enqueue(await JsonSerializer.DeserializeAsync<JsonElement>(ctx.Request.Body));
            return Results.Ok();
        });
        await app.StartAsync();
        return listener;
    }

    public List<(string Condition, string State, string Detail)> For(string sourceId) =>
        Received.Where(e => e.GetProperty("sourceId").GetString() == sourceId)
            .Select(e => (e.GetProperty("condition").GetString()!, e.GetProperty("state").GetString()!, e.GetProperty("detail").GetString()!))
            .ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
