using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using IntegrationHub.Contracts;
using IntegrationHub.Pipeline.Intake;
using IntegrationHub.Pipeline.Sources;
using IntegrationHub.Pipeline.Transport;
using MassTransit;

namespace IntegrationHub.Host;

/// <summary>
/// The embedded demonstration: the in-memory bus and SQLite, the same intake path as production, a
/// small sample feed with good and bad messages, and a report of every receipt and the final counts.
/// </summary>
public static class SampleRun
{
    public const string SampleSource = "sample-cms";

    public static async Task<int> RunAsync(string databasePath, TextWriter output, CancellationToken cancellationToken)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(databasePath + suffix);
        }

        await using var app = HubHost.Build([], new Dictionary<string, string?>
        {
            ["Bus:Transport"] = nameof(BusTransport.InMemory),
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={databasePath}",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Urls"] = "http://127.0.0.1:0",
        });
        await app.StartAsync(cancellationToken);

        var services = app.Services;
        await services.GetRequiredService<SourceRegistry>().RegisterAsync(SampleSource, "Sample case-management system", "Leeds", "sample", cancellationToken);

        var receipts = Channel.CreateUnbounded<Receipt>();
        var handle = services.GetRequiredService<IReceiveEndpointConnector>().ConnectReceiveEndpoint(Topology.ReplyQueue(SampleSource), (context, e) =>
        {
            e.AddDeserializer(new RawBodySerializerFactory(RawBodySerializer.Json.ContentType), isDefault: true);
            e.Handler<InboundMessage>(c =>
            {
                receipts.Writer.TryWrite(JsonSerializer.Deserialize<Receipt>(c.ReceiveContext.Body.GetBytes(), HubJson.Options)!);
                return Task.CompletedTask;
            });
        });
        await handle.Ready;

        var lines = await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "SampleFeed", "sample-feed.ndjson"), cancellationToken);
        var intake = await services.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(new Uri("queue:" + Topology.IntakeQueue));
        output.WriteLine($"Publishing {lines.Length} sample messages as source '{SampleSource}', and one with no publisher...");
        foreach (var line in lines)
        {
            await SendAsync(intake, line, SampleSource, cancellationToken);
        }

        await SendAsync(intake, lines[0], publisher: null, cancellationToken);

        output.WriteLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        for (var received = 0; received < lines.Length; received++)
        {
            var receipt = await receipts.Reader.ReadAsync(timeout.Token);
            output.WriteLine($"{receipt.InReplyTo ?? "(no messageId)",-14} {receipt.Status.ToString().ToLowerInvariant()}{(receipt.Duplicate ? " (duplicate: already processed, not applied again)" : "")}");
            foreach (var reason in receipt.Reasons)
            {
                output.WriteLine($"    {reason.Path}  [{reason.Code}]  {reason.Message}{(reason.Rule is null ? "" : $" (rule {reason.Rule}, guidance {reason.Guidance})")}");
            }
        }

        // The message with no publisher produces no receipt: wait for it to reach the dead-letter count.
        var statistics = services.GetRequiredService<IntakeStatistics>();
        IReadOnlyList<SourceCounts> counts;
        do
        {
            counts = await statistics.CountsAsync(timeout.Token);
            await Task.Delay(50, timeout.Token);
        }
        while (counts.Sum(c => c.Deliveries) < lines.Length + 1);

        output.WriteLine();
        output.WriteLine($"{"source",-16} {"applied",8} {"held",6} {"rejected",9} {"dead",6} {"dupes",6}");
        foreach (var c in counts)
        {
            output.WriteLine($"{c.Source,-16} {c.Applied,8} {c.Held,6} {c.Rejected,9} {c.DeadLettered,6} {c.DuplicateDeliveries,6}");
        }

        var delivered = counts.Sum(c => c.Deliveries);
        output.WriteLine();
        output.WriteLine($"Published {lines.Length + 1}, accounted for {delivered}: {(delivered == lines.Length + 1 ? "every message reconciled" : "MISMATCH")}. Database: {databasePath}");
        await handle.StopAsync(cancellationToken);
        await app.StopAsync(cancellationToken);
        return delivered == lines.Length + 1 ? 0 : 1;
    }

    private static Task SendAsync(ISendEndpoint intake, string json, string? publisher, CancellationToken cancellationToken) =>
        intake.Send(new OutboundJson(Encoding.UTF8.GetBytes(json)), context =>
        {
            context.Serializer = RawBodySerializer.Json;
            if (publisher is not null)
            {
                context.Headers.Set(InProcessPublisher.Header, publisher);
            }
        }, cancellationToken);
}
