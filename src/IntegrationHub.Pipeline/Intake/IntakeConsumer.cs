using IntegrationHub.Pipeline.Replies;
using IntegrationHub.Pipeline.Transport;
using System.Diagnostics;
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
        var result = await processor.ProcessAsync(deliveries, context.CancellationToken);
        var stored = clock.Elapsed;

        await replies.SendReceiptsAsync(result.Receipts.Select(r => (r.SourceId, r.Receipt)), context.CancellationToken);
        foreach (var dead in result.DeadLetters)
        {
            await replies.SendDeadLetterAsync(dead.Body, dead.Cause, dead.PublisherUser, context.CancellationToken);
        }

        logger.LogDebug("Intake batch of {Count}: validated and stored in {StoredMs:F1} ms, replies sent in {RepliedMs:F1} ms",
            deliveries.Count, stored.TotalMilliseconds, (clock.Elapsed - stored).TotalMilliseconds);
    }
}
