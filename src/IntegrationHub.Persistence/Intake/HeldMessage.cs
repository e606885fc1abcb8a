using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Persistence.Intake;

/// <summary>
/// An update or end that arrived before the start it names (ADR 0005). Its outcome is held: it is kept here
/// as sent, applied when that start arrives, or rejected when <see cref="ExpiresAt"/> passes. The row is
/// deleted once the message has its final outcome, so no case data outlives the hold.
/// </summary>
public sealed class HeldMessage
{
    public required string SourceId { get; set; }
    public required string MessageId { get; set; }
    public required string SourceChildId { get; set; }
    public long Sequence { get; set; }

    /// <summary>The message exactly as the source sent it (UTF-8 JSON), validated again when it is released.</summary>
    public required string Body { get; set; }

    public DateTimeOffset HeldAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class HeldMessageMapping : IEntityTypeConfiguration<HeldMessage>
{
    public void Configure(EntityTypeBuilder<HeldMessage> e)
    {
        e.ToTable("held_messages");
        e.HasKey(x => new { x.SourceId, x.MessageId });
        e.Property(x => x.SourceId).HasMaxLength(63);
        e.Property(x => x.MessageId).HasMaxLength(100);
        e.Property(x => x.SourceChildId).HasMaxLength(64);
        e.HasIndex(x => new { x.SourceId, x.SourceChildId });
        e.HasIndex(x => x.ExpiresAt);
    }
}
