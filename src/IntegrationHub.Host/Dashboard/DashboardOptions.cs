using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Host.Dashboard;

/// <summary>Section "Dashboard": alert defaults, the webhook, and how health is judged.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>Default alert rule: no messages for this many hours (a source's own rule overrides it).</summary>
    [Range(1, 24 * 365)]
    public int NoMessagesHours { get; set; } = 72;

    /// <summary>Default alert rule: more than this percent of the last hour's messages rejected.</summary>
    [Range(0, 100)]
    public double RejectionRatePercent { get; set; } = 20;

    /// <summary>Rates over fewer messages than this are not judged (one rejection out of two is not a trend).</summary>
    [Range(1, 1_000_000)]
    public int MinimumMessagesForRate { get; set; } = 10;

    /// <summary>An open involvement not updated for this many days is counted as stale on the source page.</summary>
    [Range(1, 3650)]
    public int StaleInvolvementDays { get; set; } = 365;

    /// <summary>Where raised and cleared alerts are POSTed as JSON; none: alerts are only shown.</summary>
    public string? AlertWebhookUrl { get; set; }

    /// <summary>How often alert conditions are evaluated.</summary>
    [Range(1, 86_400)]
    public int AlertIntervalSeconds { get; set; } = 60;

    public bool AlertsEnabled { get; set; } = true;

    /// <summary>Alert when a feed's oldest open review item has waited this many days; null (empty): off. The default of a feed without rules of its own.</summary>
    [Range(1, 3650)]
    public int? ReviewQueueDays { get; set; } = 7;

    /// <summary>
    /// Alert when more messages than this wait on the intake queue (hub.intake, every feed's), or when nothing reads it;
    /// null (empty): off. Hub-wide: the queue is one for all feeds.
    /// </summary>
    [Range(0, 100_000_000)]
    public int? IntakeQueueDepth { get; set; } = 10_000;
}
