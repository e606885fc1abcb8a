using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.Persistence;
using IntegrationHub.Pipeline.Linking;
using IntegrationHub.Pipeline.Replies;
using DomainNotice = IntegrationHub.Domain.Lifecycle.StopNotice;
using StopNoticeKind = IntegrationHub.Domain.Lifecycle.StopNoticeKind;

namespace IntegrationHub.Pipeline.Lifecycle;

/// <summary>
/// Stop and resume notices and retention confirmation prompts as replies on the source's queue: the source's own ids,
/// never a reason. Written to the reply outbox with the decision (<see cref="Queue"/>, ADR 0012).
/// </summary>
public static class LifecycleNotices
{
    public static OutgoingReply ToReply(DomainNotice notice, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return notice.Kind == StopNoticeKind.Stop
            ? new OutgoingReply(notice.SourceId, StopNotice.Type, JsonSerializer.SerializeToUtf8Bytes(
                new StopNotice { NotificationId = Guid.CreateVersion7(), SourceId = notice.SourceId, SourceChildId = notice.SourceChildId, IssuedAt = now }, HubJson.Options))
            : new OutgoingReply(notice.SourceId, ResumeNotice.Type, JsonSerializer.SerializeToUtf8Bytes(
                new ResumeNotice { NotificationId = Guid.CreateVersion7(), SourceId = notice.SourceId, SourceChildId = notice.SourceChildId, IssuedAt = now }, HubJson.Options));
    }

    /// <summary>The notice, written to the reply outbox in <paramref name="db"/>'s transaction; send the result after the commit.</summary>
    public static OutgoingReply Queue(HubDbContext db, DomainNotice notice, DateTimeOffset now) => ReplyOutbox.Enqueue(db, ToReply(notice, now), now);

    /// <summary>A prompt to confirm a retention extension (002 3.42, 3.44), written to the reply outbox; send the result after the commit.</summary>
    public static OutgoingReply QueueRetentionPrompt(
        HubDbContext db, string sourceId, string sourceChildId, string serviceProvisionName, DateOnly startDate, DateOnly lapsesOn, DateOnly retainUntil, DateTimeOffset now)
    {
        var prompt = new RetentionConfirmationDue
        {
            NotificationId = Guid.CreateVersion7(),
            SourceId = sourceId,
            SourceChildId = sourceChildId,
            ServiceProvisionName = serviceProvisionName,
            StartDate = startDate,
            LapsesOn = lapsesOn,
            RetainUntil = retainUntil,
            IssuedAt = now,
        };
        return ReplyOutbox.Enqueue(db, new OutgoingReply(sourceId, RetentionConfirmationDue.Type, JsonSerializer.SerializeToUtf8Bytes(prompt, HubJson.Options)), now);
    }
}
