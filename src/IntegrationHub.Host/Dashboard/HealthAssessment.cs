using IntegrationHub.Persistence;

namespace IntegrationHub.Host.Dashboard;

/// <summary>
/// Turns a feed's numbers into red/amber/green with the reasons in words. Pure: the overview, the API and the
/// alert monitor all judge by this one function, so an alert and the colour on the page can never disagree.
/// </summary>
public static class HealthAssessment
{
    public const string NoMessages = "no-messages";
    public const string RejectionRate = "rejection-rate";
    public const string DeadLetters = "dead-letters";
    public const string ReviewQueue = "review-queue";

    public sealed record Input(
        SourceStatus Status,
        DateTimeOffset RegisteredAt,
        DateTimeOffset? LastReceived,
        OutcomeCounts LastHour,
        OutcomeCounts LastDay,
        OutcomeCounts Last30Days,
        EffectiveRule Rule,
        int MinimumMessagesForRate,
        DateTimeOffset? OldestOpenReview = null);

    public static Health Assess(Input feed, DateTimeOffset now)
    {
        if (feed.Status == SourceStatus.Terminated)
        {
            return new Health(HealthLevel.Off, [new Finding(HealthLevel.Off, "terminated: its messages are no longer accepted")]);
        }

        var findings = new List<Finding>();
        if (feed.Status == SourceStatus.Suspended)
        {
            findings.Add(new Finding(HealthLevel.Amber, "suspended: its messages are rejected (source.suspended) until it is resumed"));
        }

        // Only an accredited feed is expected to send; a suspended one going quiet is what was asked of it.
        if (feed.Status == SourceStatus.Accredited && feed.Rule.NoMessagesHours is { } hours)
        {
            var since = feed.LastReceived ?? feed.RegisteredAt;
            var silent = now - since;
            if (silent >= TimeSpan.FromHours(hours))
            {
                var text = feed.LastReceived is null
                    ? $"no messages since it was registered {Duration(silent)} ago"
                    : $"no messages for {Duration(silent)}";
                findings.Add(new Finding(HealthLevel.Red, text, NoMessages));
            }
        }

        if (feed.LastReceived is null && findings.Count == 0)
        {
            findings.Add(new Finding(HealthLevel.Amber, "no messages received yet"));
        }

        var baseline = feed.Last30Days.Received - feed.LastHour.Received >= feed.MinimumMessagesForRate
            ? 100.0 * (feed.Last30Days.Rejected + feed.Last30Days.DeadLettered - feed.LastHour.Rejected - feed.LastHour.DeadLettered)
                / (feed.Last30Days.Received - feed.LastHour.Received)
            : (double?)null;
        if (feed.LastHour.Received >= feed.MinimumMessagesForRate && feed.LastHour.RejectedPercent is { } hourRate)
        {
            var threshold = feed.Rule.RejectionRatePercent;
            var words = baseline is { } b && b < hourRate
                ? $"rejections up from {Percent(b)} to {Percent(hourRate)} in the last hour"
                : $"{Percent(hourRate)} of messages rejected in the last hour";
            if (threshold is { } t && hourRate > t)
            {
                findings.Add(new Finding(HealthLevel.Red, words, RejectionRate));
            }
            else if (hourRate > 0 && baseline is { } b2 && hourRate >= Math.Max(5, 2 * b2))
            {
                findings.Add(new Finding(HealthLevel.Amber, words));
            }
        }
        else if (feed.LastDay.Received >= feed.MinimumMessagesForRate && feed.LastDay.RejectedPercent is { } dayRate
                 && feed.Rule.RejectionRatePercent is { } dayThreshold && dayRate > dayThreshold)
        {
            findings.Add(new Finding(HealthLevel.Amber, $"{Percent(dayRate)} of messages rejected in the last 24 hours"));
        }

        if (feed.LastDay.DeadLettered > 0)
        {
            findings.Add(new Finding(
                feed.Rule.DeadLetters ? HealthLevel.Red : HealthLevel.Amber,
                $"{Plural(feed.LastDay.DeadLettered, "message")} dead-lettered in the last 24 hours",
                feed.Rule.DeadLetters ? DeadLetters : null));
        }

        if (feed.LastDay.Held > 0)
        {
            findings.Add(new Finding(HealthLevel.Amber, $"{Plural(feed.LastDay.Held, "message")} held for review in the last 24 hours"));
        }

        // 002 4.52: held fragments are to be matched "on a regular basis"; one left waiting is a data supply issue too.
        if (feed.OldestOpenReview is { } oldest && feed.Rule.ReviewQueueDays is { } days && now - oldest >= TimeSpan.FromDays(days))
        {
            findings.Add(new Finding(HealthLevel.Red, $"a possible match has waited for review for {Duration(now - oldest)}", ReviewQueue));
        }

        if (findings.Count == 0)
        {
            findings.Add(new Finding(HealthLevel.Green, $"receiving normally; last message {Ago(now - feed.LastReceived!.Value)}"));
        }

        var ordered = findings.OrderByDescending(f => f.Level).ToList();
        return new Health(ordered[0].Level, ordered);
    }

    /// <summary>"40 seconds", "5 minutes", "7 hours", "3 days": the largest whole unit, as people say it.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalDays >= 2 ? Plural((int)span.TotalDays, "day")
            : span.TotalHours >= 2 ? Plural((int)span.TotalHours, "hour")
            : span.TotalMinutes >= 2 ? Plural((int)span.TotalMinutes, "minute")
            : Plural((int)span.TotalSeconds, "second");
    }

    public static string Ago(TimeSpan span) => span < TimeSpan.FromMinutes(1) ? "under a minute ago" : Duration(span) + " ago";

    public static string Percent(double value) =>
        (value is > 0 and < 1 ? value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) : Math.Round(value).ToString(System.Globalization.CultureInfo.InvariantCulture)) + "%";

    private static string Plural(int n, string unit) => $"{n} {unit}{(n == 1 ? string.Empty : "s")}";
}
