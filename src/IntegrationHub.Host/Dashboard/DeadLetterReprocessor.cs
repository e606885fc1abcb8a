using System.Text;
using IntegrationHub.Contracts;
using IntegrationHub.Persistence;
using IntegrationHub.Pipeline.Intake;
using IntegrationHub.Pipeline.Replies;
using IntegrationHub.Pipeline.Transport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace IntegrationHub.Host.Dashboard;

/// <summary>What a reprocessing run did.</summary>
public sealed record ReprocessReport(int Taken, int Applied, int Held, int Rejected, int DeadLetteredAgain, string? NotAvailable = null);

/// <summary>
/// Takes every message on the dead-letter queue (as many as it holds when the run starts) back through the intake,
/// in queue order, so each child's messages keep their order: after a fix (a source registered, a database
/// problem gone), they get the outcome they would have had. The publisher is the one the hub recorded when it
/// dead-lettered the message (header x-hub-publisher; only the hub can write that queue). Each message is acked
/// only after its outcome is committed, and the intake's own idempotency (processed_messages) absorbs a repeat
/// after a crash, so nothing is applied twice; one that fails again goes back to the end of the queue, with its
/// new cause, and is not taken again in the same run. Every message taken is audited.
/// </summary>
/// <remarks>
/// One message cannot be taken out of the middle of the queue without reordering the ones ahead of it, so the
/// run is for all of them. Only with RabbitMQ: the embedded in-memory transport keeps no dead-letter queue.
/// </remarks>
public sealed class DeadLetterReprocessor(
    IOptions<BusOptions> bus, IntakeProcessor intake, IServiceScopeFactory scopes, IHubDbContextFactory databases, TimeProvider clock, ILogger<DeadLetterReprocessor> logger)
{
    private readonly SemaphoreSlim oneRun = new(1, 1);

    public async Task<ReprocessReport> ReprocessAllAsync(string actor, CancellationToken cancellationToken)
    {
        var options = bus.Value;
        if (options.Transport != BusTransport.RabbitMq)
        {
            return new ReprocessReport(0, 0, 0, 0, 0, "The embedded in-memory transport keeps no dead-letter queue to take messages from.");
        }

        if (!await oneRun.WaitAsync(0, cancellationToken))
        {
            return new ReprocessReport(0, 0, 0, 0, 0, "A reprocessing run is already going on.");
        }

        try
        {
            var factory = new ConnectionFactory { HostName = options.Host, Port = options.Port, VirtualHost = options.VirtualHost, UserName = options.Username, Password = options.Password };
            await using var connection = await factory.CreateConnectionAsync("hub dead-letter reprocessing", cancellationToken);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var waiting = (await channel.QueueDeclarePassiveAsync(Topology.DeadLetterQueue, cancellationToken)).MessageCount;

            int taken = 0, applied = 0, held = 0, rejected = 0, again = 0;
            for (var n = 0; n < waiting; n++)
            {
                var message = await channel.BasicGetAsync(Topology.DeadLetterQueue, autoAck: false, cancellationToken);
                if (message is null)
                {
                    break;
                }

                taken++;
                var publisher = message.BasicProperties.Headers?.TryGetValue(ReplySender.PublisherHeader, out var value) == true && value is byte[] bytes
                    ? Encoding.UTF8.GetString(bytes)
                    : null;
                var body = message.Body.ToArray();
                var result = await intake.ProcessAsync([new Delivery(body, publisher)], cancellationToken);

                await using (var scope = scopes.CreateAsyncScope())
                {
                    var replies = scope.ServiceProvider.GetRequiredService<ReplySender>();
                    await replies.SendReceiptsAsync(result.Receipts.Select(r => (r.SourceId, r.Body)), cancellationToken);
                    await replies.SendRepliesAsync(result.Notifications ?? [], cancellationToken);
                    foreach (var dead in result.DeadLetters)
                    {
                        await replies.SendDeadLetterAsync(dead.Body, dead.Cause, dead.PublisherUser, cancellationToken);
                    }
                }

                var outcome = result.DeadLetters.Count > 0 ? "deadLetteredAgain"
                    : result.Receipts.FirstOrDefault()?.Receipt.Status switch
                    {
                        ReceiptStatus.Accepted => "applied",
                        ReceiptStatus.Held => "held",
                        _ => "rejected",
                    };
                switch (outcome)
                {
                    case "applied": applied++; break;
                    case "held": held++; break;
                    case "rejected": rejected++; break;
                    default: again++; break;
                }

                await MarkAsync(body, publisher, actor, outcome, cancellationToken);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            }

            logger.LogInformation("{Actor} reprocessed {Taken} dead letters: {Applied} applied, {Held} held, {Rejected} rejected, {Again} dead-lettered again", actor, taken, applied, held, rejected, again);
            return new ReprocessReport(taken, applied, held, rejected, again);
        }
        finally
        {
            oneRun.Release();
        }
    }

    /// <summary>The oldest not yet reprocessed dead-letter row of these bytes is marked, and the run audited.</summary>
    private async Task MarkAsync(byte[] body, string? publisher, string actor, string outcome, CancellationToken cancellationToken)
    {
        var fingerprint = FragmentValidator.Fingerprint(body)["sha256:".Length..];
        var now = clock.GetUtcNow();
        await using var db = databases.Create();
        var row = await db.DeadLetters.Where(d => d.BodySha256 == fingerprint && d.ReprocessedAt == null).OrderBy(d => d.Id).FirstOrDefaultAsync(cancellationToken);
        if (row is not null)
        {
            row.ReprocessedAt = now;
            row.ReprocessedBy = actor;
        }

        db.AddAudit(new AuditEntry
        {
            At = now,
            Actor = actor,
            Action = "deadLetter.reprocessed",
            SourceId = row?.SourceId ?? publisher,
            Outcome = outcome,
            Detail = $"sha256:{fingerprint}",
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
