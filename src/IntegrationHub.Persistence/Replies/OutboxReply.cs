using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Persistence.Replies;

/// <summary>
/// A reply to a source (stop and resume notices, retention confirmation prompts) written in the same transaction as
/// the decision that causes it, sent after the commit and marked sent; a sweep re-sends any row still unsent after a
/// grace period (ADR 0012). The body is the reply exactly as first serialized, so a re-send carries the same
/// notificationId and the source can drop the repeat. Sent rows are deleted after a few days. Receipts are not here:
/// they have their own record (processed_messages) and are repeated on a redelivered message.
/// </summary>
public sealed class OutboxReply
{
    /// <summary>The row's own id (also the key a sweeper claims by).</summary>
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The source whose reply queue (hub.replies.&lt;sourceId&gt;) it goes to.</summary>
    public required string SourceId { get; set; }

    /// <summary>The reply's messageType, also sent as the messageType header.</summary>
    public required string MessageType { get; set; }

    /// <summary>The serialized reply (UTF-8 JSON), sent as it is.</summary>
    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the broker accepted it; null until then.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>A sweeper that took the row to re-send it, and until when the claim stands (another sweeper leaves it).</summary>
    public Guid? ClaimToken { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>How many times a sweep tried to re-send it.</summary>
    public int Attempts { get; set; }
}

internal sealed class OutboxReplyConfiguration : IEntityTypeConfiguration<OutboxReply>
{
    public void Configure(EntityTypeBuilder<OutboxReply> e)
    {
        e.ToTable("reply_outbox");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.SourceId).HasMaxLength(63);
        e.Property(x => x.MessageType).HasMaxLength(50);
        e.Property(x => x.Body).HasMaxLength(8000);
        e.HasIndex(x => new { x.SentAt, x.CreatedAt });
    }
}
