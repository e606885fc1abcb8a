using IntegrationHub.Pipeline.Replies;
using IntegrationHub.Pipeline.Transport;
using MassTransit;

namespace IntegrationHub.Pipeline.Intake;

/// <summary>
/// Consumes raw fragment deliveries from hub.intake in batches: one database transaction per batch,
/// then the receipts and dead letters, then MassTransit acknowledges the batch. Expected bad input
/// never throws; an exception here means the batch could not be stored and is retried whole.
/// </summary>
public sealed class IntakeConsumer(IntakeProcessor processor, ReplySender replies, IPublisherIdentity identity) : IConsumer<Batch<InboundMessage>>
{
    public async Task Consume(ConsumeContext<Batch<InboundMessage>> context)
    {
        var deliveries = context.Message
            .Select(m => new Delivery(m.ReceiveContext.Body.GetBytes(), identity.AuthenticatedUser(m)))
            .ToList();

        var result = await processor.ProcessAsync(deliveries, context.CancellationToken);

        await replies.SendReceiptsAsync(result.Receipts.Select(r => (r.SourceId, r.Receipt)), context.CancellationToken);
        foreach (var dead in result.DeadLetters)
        {
            await replies.SendDeadLetterAsync(dead.Body, dead.Cause, dead.PublisherUser, context.CancellationToken);
        }
    }
}
