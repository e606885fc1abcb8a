using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Persistence.Accounts;

/// <summary>
/// A source's alert thresholds, set by its data manager on the source page. A source without a row uses the
/// defaults from configuration (section Dashboard). A null threshold switches that condition off.
/// </summary>
public sealed class AlertRule
{
    public required string SourceId { get; set; }

    /// <summary>Alert when nothing has arrived for this many hours.</summary>
    public int? NoMessagesHours { get; set; }

    /// <summary>Alert when more than this share (percent) of the last hour's messages were rejected.</summary>
    public double? RejectionRatePercent { get; set; }

    /// <summary>Alert when the source has dead letters in the last 24 hours.</summary>
    public bool DeadLetters { get; set; } = true;

    /// <summary>Alert when this feed's oldest open review item has waited this many days; null: off.</summary>
    public int? ReviewQueueDays { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>
/// One row per (source, condition): whether the condition is raised now, and whether the webhook has been told
/// of its latest change. One notification per change (raised, then cleared) is what keeps the webhook from floods.
/// </summary>
public sealed class AlertState
{
    public required string SourceId { get; set; }

    /// <summary>"no-messages", "rejection-rate" or "dead-letters".</summary>
    public required string Condition { get; set; }

    public bool Open { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset? ClearedAt { get; set; }

    /// <summary>The condition in words when last raised ("no messages for 3 days"). No personal data.</summary>
    public required string Detail { get; set; }

    /// <summary>The latest change (raise or clear) has not yet been delivered to the webhook.</summary>
    public bool NotificationPending { get; set; }

    public DateTimeOffset? NotifiedAt { get; set; }

    /// <summary>Two hub instances evaluating at once: only one records (and so announces) a change.</summary>
    public int Version { get; set; }
}

internal sealed class AlertRuleConfiguration : IEntityTypeConfiguration<AlertRule>
{
    public void Configure(EntityTypeBuilder<AlertRule> e)
    {
        e.ToTable("alert_rules");
        e.HasKey(x => x.SourceId);
        e.Property(x => x.SourceId).HasMaxLength(63);
        e.Property(x => x.UpdatedBy).HasMaxLength(100);
    }
}

internal sealed class AlertStateConfiguration : IEntityTypeConfiguration<AlertState>
{
    public void Configure(EntityTypeBuilder<AlertState> e)
    {
        e.ToTable("alert_states");
        e.HasKey(x => new { x.SourceId, x.Condition });
        e.Property(x => x.SourceId).HasMaxLength(63);
        e.Property(x => x.Condition).HasMaxLength(30);
        e.Property(x => x.Detail).HasMaxLength(500);
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
