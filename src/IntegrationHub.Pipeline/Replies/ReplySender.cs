using IntegrationHub.Contracts;
using IntegrationHub.Persistence;
using IntegrationHub.Pipeline.Transport;
using MassTransit;

namespace IntegrationHub.Pipeline.Replies;

/// <summary>
/// Sends replies to a source's own queue (hub.replies.&lt;sourceId&gt;) as plain JSON, so a vendor's AMQP
/// client in any language reads them without knowing MassTransit. Also sends dead letters.
/// </summary>
public sealed class ReplySender(ISendEndpointProvider endpoints, IHubDbContextFactory databases, TimeProvider clock)
{
    public const string CauseHeader = "x-hub-cause";
    public const string PublisherHeader = "x-hub-publisher";

    /// <summary>Sends serialized receipts (see <see cref="Receipt"/>) concurrently, each to its source's queue.</summary>
    public async Task SendReceiptsAsync(IEnumerable<(string SourceId, byte[] Body)> receipts, CancellationToken cancellationToken)
    {
        var sends = receipts.Select(async r =>
        {
            var endpoint = await endpoints.GetSendEndpoint(new Uri("queue:" + Topology.ReplyQueue(r.SourceId)));
            await endpoint.Send(new OutboundJson(r.Body), context =>
            {
                context.Serializer = RawBodySerializer.Json;
                context.Headers.Set("messageType", Receipt.Type);
            }, cancellationToken);
        });
        await Task.WhenAll(sends);
    }

    /// <summary>
    /// Sends serialized replies other than receipts (mismatch notifications, review outcomes, stop and resume notices,
    /// retention prompts), each to its source's queue; those from the reply outbox are marked sent once the broker has
    /// them (a failure leaves them to the outbox sweep).
    /// </summary>
    public async Task SendRepliesAsync(IEnumerable<Linking.OutgoingReply> replies, CancellationToken cancellationToken)
    {
        // In order within a source (a review outcome before the mismatch it brings), concurrently across sources.
        var sends = replies.GroupBy(r => r.SourceId).Select(async bySource =>
        {
            var endpoint = await endpoints.GetSendEndpoint(new Uri("queue:" + Topology.ReplyQueue(bySource.Key)));
            foreach (var r in bySource)
            {
                await endpoint.Send(new OutboundJson(r.Body), context =>
                {
                    context.Serializer = RawBodySerializer.Json;
                    context.Headers.Set("messageType", r.MessageType);
                }, cancellationToken);
            }

            await ReplyOutbox.MarkSentAsync(databases, [.. bySource.Where(r => r.OutboxId is not null).Select(r => r.OutboxId!.Value)], clock.GetUtcNow(), cancellationToken);
        });
        await Task.WhenAll(sends);
    }

    public async Task SendDeadLetterAsync(ReadOnlyMemory<byte> body, string cause, string? publisher, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.GetSendEndpoint(new Uri("queue:" + Topology.DeadLetterQueue));
        await endpoint.Send(new OutboundJson(body), context =>
        {
            context.Serializer = RawBodySerializer.Json;
            context.Headers.Set(CauseHeader, cause);
            if (publisher is not null)
            {
                context.Headers.Set(PublisherHeader, publisher);
            }
        }, cancellationToken);
    }
}
