using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.Pipeline.Linking;
using DomainNotice = IntegrationHub.Domain.Lifecycle.StopNotice;
using StopNoticeKind = IntegrationHub.Domain.Lifecycle.StopNoticeKind;

namespace IntegrationHub.Pipeline.Lifecycle;

/// <summary>Stop and resume notices as replies on the source's queue: the source's own child id, never a reason.</summary>
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
}
