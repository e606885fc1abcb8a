using System.Text;
using System.Text.Json;
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
/// Takes dead letters back through the intake after a fix (a source registered, a database problem gone), so they
/// get the outcome they would have had: the whole queue in queue order, or one message together with the messages
/// ahead of it about the same child from the same source (so each child's messages keep their order). The publisher
/// is the one the hub recorded when it dead-lettered the message (header x-hub-publisher; only the hub can write that
/// queue). Each message is acked only after its outcome is committed, and the intake's own idempotency
/// (processed_messages) absorbs a repeat after a crash, so nothing is applied twice; one that fails again goes back to
/// the end of the queue, with its new cause, and is not taken again in the same run. Every message taken is audited.
/// </summary>
/// <remarks>
/// Only with RabbitMQ: the embedded in-memory transport keeps no dead-letter queue. To take one message out of the
/// middle, the messages ahead of it are fetched unacknowledged and given back with one requeue: RabbitMQ puts a
/// requeued message back at its original position in a classic queue (hub.deadletter is one) when no other consumer
/// takes from it, and the hub's only consumer of that queue is this class, one run at a time per process.
/// </remarks>
public sealed class DeadLetterReprocessor(
    IOptions<BusOptions> bus, IntakeProcessor intake, IServiceScopeFactory scopes, IHubDbContextFactory databases, TimeProvider clock, ILogger<DeadLetterReprocessor> logger)
{
    /// <summary>How deep in the queue a single message is looked for; deeper, reprocess the whole queue.</summary>
    public const int SingleMessageSearchDepth = 50_000;

    private readonly SemaphoreSlim oneRun = new(1, 1);

    /// <summary>Every message on the queue when the run starts, in queue order.</summary>
    public Task<ReprocessReport> ReprocessAllAsync(string actor, CancellationToken cancellationToken) =>
        RunAsync(async (channel, tally) =>
        {
            var waiting = (await channel.QueueDeclarePassiveAsync(Topology.DeadLetterQueue, cancellationToken)).MessageCount;
            for (var n = 0; n < waiting; n++)
            {
                var message = await channel.BasicGetAsync(Topology.DeadLetterQueue, autoAck: false, cancellationToken);
                if (message is null)
                {
                    break;
                }

                var taken = Taken.From(message);
                await ProcessAsync(channel, taken, null, actor, tally, cancellationToken);
            }

            logger.LogInformation("{Actor} reprocessed {Taken} dead letters: {Tally}", actor, tally.Taken, tally);
            return null;
        }, cancellationToken);

    /// <summary>
    /// The dead letter <paramref name="deadLetterId"/>, after the messages ahead of it on the queue that came from the
    /// same publisher about the same child (source child id), in queue order; every other message stays where it is.
    /// </summary>
    public Task<ReprocessReport> ReprocessOneAsync(long deadLetterId, string actor, CancellationToken cancellationToken) =>
        RunAsync(async (channel, tally) =>
        {
            DeadLetter? row;
            await using (var db = databases.Create())
            {
                row = await db.DeadLetters.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deadLetterId, cancellationToken);
            }

            if (row is null)
            {
                return $"There is no dead letter {deadLetterId}.";
            }

            if (row.ReprocessedAt is { } at)
            {
                return $"Dead letter {deadLetterId} was already reprocessed by {row.ReprocessedBy} at {at:yyyy-MM-dd HH:mm} UTC; nothing is reprocessed twice.";
            }

            var ahead = new List<Taken>();
            var taken = new HashSet<ulong>(); // delivery tags acked by this run
            Taken? target = null;
            try
            {
                var waiting = (await channel.QueueDeclarePassiveAsync(Topology.DeadLetterQueue, cancellationToken)).MessageCount;
                for (var n = 0; n < Math.Min(waiting, SingleMessageSearchDepth) && target is null; n++)
                {
                    var message = await channel.BasicGetAsync(Topology.DeadLetterQueue, autoAck: false, cancellationToken);
                    if (message is null)
                    {
                        break;
                    }

                    var fetched = Taken.From(message);
                    if (fetched.Fingerprint == row.BodySha256)
                    {
                        target = fetched;
                    }
                    else
                    {
                        ahead.Add(fetched);
                    }
                }

                if (target is null)
                {
                    return waiting > SingleMessageSearchDepth
                        ? $"Dead letter {deadLetterId} is not among the first {SingleMessageSearchDepth:N0} messages on the queue; reprocess the whole queue instead."
                        : $"Dead letter {deadLetterId} is no longer on the queue (another hub instance may have taken it); nothing was reprocessed.";
                }

                // Its child's earlier messages go first, so an update does not overtake its start.
                foreach (var earlier in ahead.Where(a => target.SameChildAs(a)))
                {
                    await ProcessAsync(channel, earlier, null, actor, tally, cancellationToken);
                    taken.Add(earlier.DeliveryTag);
                }

                await ProcessAsync(channel, target, row.Id, actor, tally, cancellationToken);
                taken.Add(target.DeliveryTag);
                logger.LogInformation("{Actor} reprocessed dead letter {Id} ({Taken} taken): {Tally}", actor, deadLetterId, tally.Taken, tally);
                return null;
            }
            finally
            {
                // Everything fetched and not taken goes back to where it was: one nack of every outstanding delivery up to
                // the last one not taken (naming a tag already acked would be a channel error).
                if (channel.IsOpen && ahead.Concat(target is null ? [] : [target]).Where(m => !taken.Contains(m.DeliveryTag))
                        .Select(m => m.DeliveryTag).DefaultIfEmpty().Max() is var last and > 0)
                {
                    await channel.BasicNackAsync(last, multiple: true, requeue: true, CancellationToken.None);
                }
            }
        }, cancellationToken);

    private async Task<ReprocessReport> RunAsync(Func<IChannel, Tally, Task<string?>> run, CancellationToken cancellationToken)
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
            var tally = new Tally();
            var notAvailable = await run(channel, tally);
            return new ReprocessReport(tally.Taken, tally.Applied, tally.Held, tally.Rejected, tally.Again, notAvailable);
        }
        finally
        {
            oneRun.Release();
        }
    }

    /// <summary>One message through the intake; its receipts and replies sent, its row marked, the run audited, then acked.</summary>
    private async Task ProcessAsync(IChannel channel, Taken message, long? rowId, string actor, Tally tally, CancellationToken cancellationToken)
    {
        var result = await intake.ProcessAsync([new Delivery(message.Body, message.Publisher)], cancellationToken);
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
        tally.Count(outcome);
        await MarkAsync(message, rowId, actor, outcome, cancellationToken);
        await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
    }

    /// <summary>The row (given, else the oldest not yet reprocessed one of these bytes) is marked, and the run audited.</summary>
    private async Task MarkAsync(Taken message, long? rowId, string actor, string outcome, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = databases.Create();
        var row = rowId is { } id
            ? await db.DeadLetters.SingleOrDefaultAsync(d => d.Id == id && d.ReprocessedAt == null, cancellationToken)
            : await db.DeadLetters.Where(d => d.BodySha256 == message.Fingerprint && d.ReprocessedAt == null).OrderBy(d => d.Id).FirstOrDefaultAsync(cancellationToken);
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
            SourceId = row?.SourceId ?? message.Publisher,
            Outcome = outcome,
            Detail = $"sha256:{message.Fingerprint}",
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A message taken off the queue: its bytes, recorded publisher, fingerprint and the child it is about, when it says.</summary>
    private sealed record Taken(ulong DeliveryTag, byte[] Body, string? Publisher, string Fingerprint)
    {
        private readonly Lazy<string?> sourceChildId = new(() => SourceChildIdOf(Body));

        /// <summary>The child the message is about, when it says; read only when asked (reprocessing one message).</summary>
        public string? SourceChildId => sourceChildId.Value;

        public static Taken From(BasicGetResult message)
        {
            var publisher = message.BasicProperties.Headers?.TryGetValue(ReplySender.PublisherHeader, out var value) == true && value is byte[] bytes
                ? Encoding.UTF8.GetString(bytes)
                : null;
            var body = message.Body.ToArray();
            return new Taken(message.DeliveryTag, body, publisher, FragmentValidator.Fingerprint(body)["sha256:".Length..]);
        }

        /// <summary>Same publisher and same source child id; a message whose child cannot be read is about no known child.</summary>
        public bool SameChildAs(Taken other) =>
            SourceChildId is not null && other.SourceChildId == SourceChildId && other.Publisher == Publisher;

        private static string? SourceChildIdOf(byte[] body)
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                return json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty("sourceChildId", out var id) && id.ValueKind == JsonValueKind.String
                    ? id.GetString()
                    : null;
            }
            catch (JsonException)
            {
                return null; // not JSON: dead-lettered for that, and about no child we can tell
            }
        }
    }

    private sealed class Tally
    {
        public int Taken { get; private set; }
        public int Applied { get; private set; }
        public int Held { get; private set; }
        public int Rejected { get; private set; }
        public int Again { get; private set; }

        public void Count(string outcome)
        {
            Taken++;
            switch (outcome)
            {
                case "applied": Applied++; break;
                case "held": Held++; break;
                case "rejected": Rejected++; break;
                default: Again++; break;
            }
        }

        public override string ToString() => $"{Applied} applied, {Held} held, {Rejected} rejected, {Again} dead-lettered again";
    }
}
