using System.Text.Json.Serialization;
using IntegrationHub.Persistence;

namespace IntegrationHub.Host.Dashboard;

// What the dashboard shows, as plain records: the pages render them as HTML, the API returns them as JSON,
// the exports as CSV. None of them carries personal data: counts, times, reason codes and receipt reasons only.

/// <summary>Where the distinct messages of a period ended (ADR 0004). Received is their sum.</summary>
public sealed record OutcomeCounts(int Applied, int Held, int Rejected, int DeadLettered)
{
    public static readonly OutcomeCounts None = new(0, 0, 0, 0);

    public int Received => Applied + Held + Rejected + DeadLettered;

    /// <summary>Rejected (and dead-lettered) share of what was received, in percent; null when nothing was received.</summary>
    public double? RejectedPercent => Received == 0 ? null : 100.0 * (Rejected + DeadLettered) / Received;

    public OutcomeCounts Add(OutcomeCounts other) =>
        new(Applied + other.Applied, Held + other.Held, Rejected + other.Rejected, DeadLettered + other.DeadLettered);
}

/// <summary>One bar of a chart: the outcomes of messages processed from <see cref="Start"/> for one period.</summary>
public sealed record Bucket(DateTimeOffset Start, OutcomeCounts Counts);

[JsonConverter(typeof(JsonStringEnumConverter<HealthLevel>))]
public enum HealthLevel
{
    Green,
    Amber,
    Red,

    /// <summary>Terminated: no longer a feed, so neither healthy nor unhealthy.</summary>
    Off,
}

/// <summary>One thing found about a feed, in words. <see cref="Condition"/> names the alert it raises, if any.</summary>
public sealed record Finding(HealthLevel Level, string Text, string? Condition = null);

/// <summary>A feed's red/amber/green and the reasons for it, worst first.</summary>
public sealed record Health(HealthLevel Level, IReadOnlyList<Finding> Findings)
{
    public string Summary => string.Join("; ", Findings.Select(f => f.Text));
}

/// <summary>A RabbitMQ queue as the management API reports it; <see cref="Problem"/> says why there are no numbers.</summary>
public sealed record QueueInfo(string Queue, long? Messages, int? Consumers, string? Problem);

/// <summary>The alert thresholds in force for a source (its own, or the configured defaults).</summary>
public sealed record EffectiveRule(int? NoMessagesHours, double? RejectionRatePercent, bool DeadLetters, int? ReviewQueueDays, bool IsDefault);

public sealed record OpenAlert(string Condition, string Detail, DateTimeOffset RaisedAt, bool Notified);

/// <summary>One row of the overview: a source and how it is doing.</summary>
public sealed record FeedRow(
    string SourceId,
    string Name,
    string? LocalAuthority,
    [property: JsonConverter(typeof(JsonStringEnumConverter<SourceStatus>))] SourceStatus Status,
    DateTimeOffset? LastReceived,
    OutcomeCounts LastHour,
    OutcomeCounts LastDay,
    OutcomeCounts Last30Days,
    IReadOnlyList<Bucket> Last24Hours,
    QueueInfo ReplyQueue,
    Health Health,
    IReadOnlyList<OpenAlert> Alerts);

public sealed record Overview(DateTimeOffset At, string Scope, QueueInfo IntakeQueue, IReadOnlyList<FeedRow> Feeds);

/// <summary>A reason code and how often it was given in the last 30 days, with one reason as sent (no personal data).</summary>
public sealed record ReasonCount(string Code, int Count, string? ExamplePath, string? ExampleMessage);

public sealed record SourceDetail(
    FeedRow Feed,
    IReadOnlyList<Bucket> Last48Hours,
    IReadOnlyList<Bucket> Last30Days,
    IReadOnlyList<ReasonCount> TopReasons,
    int OpenInvolvements,
    int StaleOpenInvolvements,
    int StaleInvolvementDays,
    EffectiveRule Rule,
    SourceQuality Quality);

public sealed record DeadLetterRow(long Id, DateTimeOffset At, string? SourceId, string? AmqpUser, string? MessageId, string Cause, long BodyBytes, string BodySha256, DateTimeOffset? ReprocessedAt, string? ReprocessedBy);
