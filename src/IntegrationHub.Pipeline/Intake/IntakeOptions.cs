using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Pipeline.Intake;

/// <summary>Section "Intake": limits and batching of the intake stage.</summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>Bodies above this are rejected unread. A fragment is a few KiB; 256 KiB leaves room for long address histories.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Messages applied in one database transaction. Larger batches amortise round trips.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How long a partial batch waits for more messages before it is applied anyway.</summary>
    [Range(1, 10_000)]
    public int BatchWaitMilliseconds { get; set; } = 20;

    /// <summary>
    /// Batches stored at the same time by one hub instance. Above 1, batches that touch the same child or
    /// repeat a message id meet at the database (unique keys, concurrency token) and the loser is retried:
    /// correct, but slower when that is frequent. SQLite allows one writer: keep 1 there.
    /// </summary>
    [Range(1, 16)]
    public int ConcurrentBatches { get; set; } = 1;

    /// <summary>Unacknowledged messages the broker may push ahead of the consumer.</summary>
    [Range(1, 65535)]
    public int PrefetchCount { get; set; } = 1000;

    /// <summary>Attempts at a batch that fails for an unexpected reason (database down, concurrent writer) before it is dead-lettered.</summary>
    [Range(0, 20)]
    public int RetryLimit { get; set; } = 5;

    /// <summary>How far in the future producedAt may be (clock skew between a source and the hub).</summary>
    [Range(0, 86_400)]
    public int ClockSkewSeconds { get; set; } = 300;

    /// <summary>How long an update or end waits for the start it names before it is rejected (ADR 0005).</summary>
    [Range(1, 90 * 86_400)]
    public int HoldForStartSeconds { get; set; } = 86_400;

    /// <summary>How often held messages past their time are looked for and rejected.</summary>
    [Range(1, 3600)]
    public int HeldSweepSeconds { get; set; } = 60;
}
