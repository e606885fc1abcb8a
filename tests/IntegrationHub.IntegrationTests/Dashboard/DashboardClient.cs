using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using IntegrationHub.Host.Dashboard;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Accounts;
using IntegrationHub.Pipeline.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.IntegrationTests.Dashboard;

/// <summary>A person's browser, as far as the server can tell: cookies kept, redirects not followed, forms posted with their token.</summary>
public sealed partial class DashboardClient : IDisposable
{
    public const string Password = "correct horse battery staple";

    private DashboardClient(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    public static DashboardClient Anonymous(HubUnderTest hub) => Anonymous(hub.HttpAddress);

    public static DashboardClient Anonymous(Uri address) =>
        new(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address });

    /// <summary>Creates the account (as `hub accounts add` does) and signs in through the form.</summary>
    public static async Task<DashboardClient> SignedInAsync(HubUnderTest hub, string user, AccountRole role, string? authority)
    {
        await hub.Services.GetRequiredService<AccountStore>().AddAsync(user, role, authority, Password, "test");
        return await SignInAsync(hub, user, Password);
    }

    public static Task<DashboardClient> SignInAsync(HubUnderTest hub, string user, string password) => SignInAsync(hub.HttpAddress, user, password);

    public static async Task<DashboardClient> SignInAsync(Uri address, string user, string password)
    {
        var client = Anonymous(address);
        using var response = await client.PostFormAsync("/dashboard/sign-in", new() { ["user"] = user, ["password"] = password }, tokenFrom: "/dashboard/sign-in");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "sign-in should redirect to the dashboard");
        return client;
    }

    public async Task<string> TokenAsync(string page)
    {
        var html = await Http.GetStringAsync(page);
        return TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {page}");
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, string? tokenFrom = "/dashboard")
    {
        if (tokenFrom is not null)
        {
            fields["__RequestVerificationToken"] = await TokenAsync(tokenFrom);
        }

        return await Http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public Task<T?> ApiAsync<T>(string path) => Http.GetFromJsonAsync<T>(path, Json);

    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public static class DashboardWorld
{
    /// <summary>A provisioned source (its own broker user) belonging to a local authority.</summary>
    public static async Task<SourceClient> AddSourceAsync(this HubUnderTest hub, string name, string authority, string? displayName = null)
    {
        var client = await hub.AddSourceAsync(name);
        await hub.Services.GetRequiredService<SourceRegistry>().RegisterAsync(client.SourceId, displayName ?? name, authority, "test");
        return client;
    }

    /// <summary>A source registered in the hub only (no broker user): enough for what the dashboard reads.</summary>
    public static async Task<string> RegisterSourceAsync(this HubUnderTest hub, string name, string authority, string? displayName = null)
    {
        var id = $"{name}-{hub.RunId}";
        await hub.Services.GetRequiredService<SourceRegistry>().RegisterAsync(id, displayName ?? name, authority, "test");
        return id;
    }

    /// <summary>Outcome rows as the intake writes them, at chosen times: history without publishing it.</summary>
    public static async Task RecordOutcomesAsync(this HubUnderTest hub, string sourceId, MessageOutcome outcome, int count, DateTimeOffset at, string? reasonCode = null)
    {
        await using var db = hub.Database();
        for (var i = 0; i < count; i++)
        {
            var messageId = Guid.NewGuid().ToString();
            db.ProcessedMessages.Add(new ProcessedMessage
            {
                SourceId = sourceId,
                MessageId = messageId,
                Outcome = outcome,
                ReasonCodes = reasonCode,
                ReceiptJson = reasonCode is null
                    ? "{\"reasons\":[]}"
                    : $"{{\"receiptId\":\"{Guid.NewGuid()}\",\"inReplyTo\":\"{messageId}\",\"sourceId\":\"{sourceId}\",\"status\":\"rejected\",\"reasons\":[{{\"path\":\"child.nhsNumber\",\"code\":\"{reasonCode}\",\"message\":\"The NHS number fails its check digit.\"}}],\"duplicate\":false}}",
                ProcessedAt = at,
            });
        }

        await db.SaveChangesAsync();
    }

    public static async Task AddDeadLetterAsync(this HubUnderTest hub, string sourceId, string cause, DateTimeOffset at)
    {
        await using var db = hub.Database();
        // As the intake records one: attributed by the publishing broker user (a source's user name is its id).
        var body = System.Text.Encoding.UTF8.GetBytes("{\"messageId\":" + Guid.NewGuid());
        db.DeadLetters.Add(new DeadLetter
        {
            At = at,
            AmqpUser = sourceId,
            Cause = cause,
            BodyBytes = body.Length,
            BodySha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body)),
        });
        await db.SaveChangesAsync();
    }
}
