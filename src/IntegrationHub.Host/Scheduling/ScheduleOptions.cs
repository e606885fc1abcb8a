using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Host.Scheduling;

/// <summary>Section "Schedule": when the hub's daily jobs run. Times are in <see cref="TimeZone"/> (England's civil time by default).</summary>
public sealed class ScheduleOptions
{
    public const string Section = "Schedule";

    /// <summary>Off only for tools that build the hub without running it; `serve` runs the jobs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>IANA time zone for the cron expressions and for "today" in the rules.</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/London";

    /// <summary>Quartz cron for the time-based ends (seconds first). Default 02:30 every day.</summary>
    [Required]
    public string TimeBasedEndsCron { get; set; } = "0 30 2 * * ?";

    /// <summary>Quartz cron for the child-record lifecycle (adult transition, archive, purge). Default 03:00 every day.</summary>
    [Required]
    public string ChildLifecycleCron { get; set; } = "0 0 3 * * ?";

    /// <summary>
    /// Quartz cron for the review of involvement retention extensions (yearly confirmation prompts to the source, lapse
    /// of unconfirmed extensions). Default 03:15 every day.
    /// </summary>
    [Required]
    public string InvolvementRetentionCron { get; set; } = "0 15 3 * * ?";

    /// <summary>Quartz cron for the duplicate detection over the child records' best views. Default 03:30 every Sunday.</summary>
    [Required]
    public string DuplicateDetectionCron { get; set; } = "0 30 3 ? * SUN";

    /// <summary>
    /// A run this long after start, besides the nightly one: with the in-memory store (SQLite) a night missed
    /// while the hub was down leaves no misfire to catch up, and every job is safe to run again.
    /// </summary>
    [Range(0, 3600)]
    public int RunAfterStartSeconds { get; set; } = 60;

    /// <summary>How many stored involvements one transaction of the time-based ends job covers (and one page of the retention review).</summary>
    [Range(1, 10_000)]
    public int PageSize { get; set; } = 500;
}
