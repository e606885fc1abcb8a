using IntegrationHub.Pipeline.Replies;
using IntegrationHub.Pipeline.Transport;
using System.Diagnostics;
using IntegrationHub.Persistence;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Pipeline.Intake;

/// <summary>
/// Consumes raw fragment deliveries from hub.intake in batches: one database transaction per batch,
/// then the receipts and dead letters, then MassTransit acknowledges the batch. Expected bad input
/// never throws; an exception here means the batch could not be stored and is retried whole.
/// </summary>
public sealed class IntakeConsumer(IntakeProcessor processor, ReplySender replies, IPublisherIdentity identity, ILogger<IntakeConsumer> logger)
    : IConsumer<Batch<InboundMessage>>
{
    public async Task Consume(ConsumeContext<Batch<InboundMessage>> context)
    {
        var deliveries = context.Message
            .Select(m => new Delivery(m.ReceiveContext.Body.GetBytes(), identity.AuthenticatedUser(m)))
            .ToList();

        var clock = Stopwatch.StartNew();
        IntakeResult result;
        try
        {
            result = await processor.ProcessAsync(deliveries, context.CancellationToken);
        }
        catch (Exception ex) when (StoreConflicts.IsConflict(ex))
        {
            // Another batch or hub instance wrote the same rows first. MassTransit's retry runs this batch
            // again, and then it sees those rows (an update, or a duplicate answered with its receipt).
            logger.LogInformation("A batch of {Count} met a concurrent writer and will be retried: {Cause}", deliveries.Count, ex.GetBaseException().Message);
            throw;
        }
        catch (Exception ex) when (deliveries.Count > 1 && !context.CancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "A batch of {Count} could not be stored; storing its messages one by one to isolate the cause", deliveries.Count);
            result = await OneByOneAsync(deliveries, context.CancellationToken);
        }

        var stored = clock.Elapsed;

        await replies.SendReceiptsAsync(result.Receipts.Select(r => (r.SourceId, r.Body)), context.CancellationToken);
        await replies.SendRepliesAsync(result.Notifications ?? [], context.CancellationToken);
        foreach (var dead in result.DeadLetters)
        {
            await replies.SendDeadLetterAsync(dead.Body, dead.Cause, dead.PublisherUser, context.CancellationToken);
        }

        logger.LogDebug("Intake batch of {Count}: validated and stored in {StoredMs:F1} ms, replies sent in {RepliedMs:F1} ms",
            deliveries.Count, stored.TotalMilliseconds, (clock.Elapsed - stored).TotalMilliseconds);
    }

    /// <summary>
    /// One message the database refuses must not take its whole batch down with it. Each message is tried
    /// alone; one that still fails for a reason other than a concurrent writer is dead-lettered with its
    /// cause. If the database is down altogether, recording the dead letter fails too and the exception
    /// retries the batch; so does a conflict that outlasts a few quick attempts.
    /// </summary>
    private const int ConflictAttempts = 5;

    private async Task<IntakeResult> OneByOneAsync(IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken)
    {
        var receipts = new List<OutgoingReceipt>();
        var deadLetters = new List<OutgoingDeadLetter>();
        var notifications = new List<Linking.OutgoingReply>();
        foreach (var delivery in deliveries)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var single = await processor.ProcessAsync([delivery], cancellationToken);
                    receipts.AddRange(single.Receipts);
                    deadLetters.AddRange(single.DeadLetters);
                    notifications.AddRange(single.Notifications ?? []);
                    break;
                }
                catch (Exception ex) when (StoreConflicts.IsConflict(ex) && attempt < ConflictAttempts)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
                }
                catch (Exception ex) when (!StoreConflicts.IsConflict(ex) && !cancellationToken.IsCancellationRequested)
                {
                    var cause = $"The hub could not store this message: {ex.GetType().Name}: {ex.GetBaseException().Message}";
                    logger.LogError(ex, "A message from {Publisher} was dead-lettered: it could not be stored", delivery.PublisherUser);
                    deadLetters.Add(await processor.DeadLetterAsync(delivery, cause, cancellationToken));
                    break;
                }
            }
        }

        return new IntakeResult(receipts, deadLetters, notifications);
    }
}
