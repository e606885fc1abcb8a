using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Host.Dashboard;

/// <summary>
/// Reads feed health from the outcome rows (processed_messages, dead_letters: ADR 0004) and the broker.
/// Every method takes the <see cref="Viewer"/> and only ever reads sources the viewer may see; a source
/// of another authority is reported as not found, so its existence is not revealed either.
/// </summary>
public sealed class FeedHealth(IHubDbContextFactory databases, TimeProvider clock, BrokerStatus broker, IOptions<DashboardOptions> options)
{
    private readonly DashboardOptions _options = options.Value;

    public async Task<IReadOnlyList<Source>> VisibleSourcesAsync(Viewer viewer, CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        var all = await db.Sources.AsNoTracking().ToListAsync(cancellationToken);
        return all.Where(viewer.CanSee).OrderBy(s => s.LocalAuthority, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The source if it exists and the viewer may see it; otherwise null (shown as 404).</summary>
    public async Task<Source?> FindAsync(Viewer viewer, string sourceId, CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        var source = await db.Sources.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sourceId, cancellationToken);
        return source is not null && viewer.CanSee(source) ? source : null;
    }

    public async Task<Overview> OverviewAsync(Viewer viewer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sources = await VisibleSourcesAsync(viewer, cancellationToken);
        var queues = await broker.QueuesAsync(sources.Select(s => Topology.ReplyQueue(s.Id)).Append(Topology.IntakeQueue), cancellationToken);
        var rows = await RowsAsync(sources, now, queues, cancellationToken);
        // Worst first: what needs attention is at the top of the page.
        var ordered = rows.Select(r => r.Row).OrderBy(r => r.Health.Level switch { HealthLevel.Red => 0, HealthLevel.Amber => 1, HealthLevel.Green => 2, _ => 3 }).ToList();
        return new Overview(now, viewer.Scope, queues[Topology.IntakeQueue], ordered);
    }

    public async Task<SourceDetail?> DetailAsync(Viewer viewer, string sourceId, CancellationToken cancellationToken)
    {
        var source = await FindAsync(viewer, sourceId, cancellationToken);
        if (source is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var queues = await broker.QueuesAsync([Topology.ReplyQueue(source.Id)], cancellationToken);
        var (row, events, rule) = (await RowsAsync([source], now, queues, cancellationToken))[0];

        await using var db = databases.Create();
        var since = now.AddDays(-30);
        var reasonRows = await Recent(db.ProcessedMessages.AsNoTracking().Where(p => p.SourceId == source.Id && p.ReasonCodes != null), db, p => p.ProcessedAt >= since)
            .Select(p => new { p.ReasonCodes, p.Outcome, At = p.ProcessedAt })
            .ToListAsync(cancellationToken);
        var top = reasonRows.Where(r => r.At >= since)
            .SelectMany(r => r.ReasonCodes!.Split(',', StringSplitOptions.RemoveEmptyEntries))
            .GroupBy(c => c, StringComparer.Ordinal)
            .Select(g => (Code: g.Key, Count: g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Code, StringComparer.Ordinal)
            .Take(10)
            .ToList();
        var reasons = new List<ReasonCount>();
        foreach (var (code, count) in top)
        {
            // The hub keeps no message bodies; the receipt's reasons (path, code, sentence) are the example.
            var receipt = await db.ProcessedMessages.AsNoTracking()
                .Where(p => p.SourceId == source.Id && p.ReasonCodes != null && p.ReasonCodes.Contains(code))
                .Select(p => p.ReceiptJson)
                .FirstOrDefaultAsync(cancellationToken);
            var (path, sentence) = ReasonIn(receipt, code);
            reasons.Add(new ReasonCount(code, count, path, sentence));
        }

        var open = db.ChildFragments.AsNoTracking().Where(f => f.SourceId == source.Id).SelectMany(f => f.Involvements).Where(i => i.EndDate == null);
        var staleBefore = now.AddDays(-_options.StaleInvolvementDays);
        var openCount = await open.CountAsync(cancellationToken);
        var staleCount = db.Database.IsSqlite()
            ? (await open.Select(i => i.UpdatedAt).ToListAsync(cancellationToken)).Count(u => u < staleBefore)
            : await open.CountAsync(i => i.UpdatedAt < staleBefore, cancellationToken);

        var hourStart = TruncateToHour(now);
        var dayStart = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return new SourceDetail(
            row,
            Buckets(events, hourStart.AddHours(-47), TimeSpan.FromHours(1), 48),
            Buckets(events, dayStart.AddDays(-29), TimeSpan.FromDays(1), 30),
            reasons,
            openCount,
            staleCount,
            _options.StaleInvolvementDays,
            rule,
            await SourceQuality.ReadAsync(db, source, row.Last30Days, reasonRows.Select(r => (r.ReasonCodes!, r.Outcome, r.At)).ToList(), since, cancellationToken));
    }

    /// <summary>The reason with this code in a stored receipt: read loosely, so a receipt of an older shape still shows.</summary>
    private static (string? Path, string? Message) ReasonIn(string? receiptJson, string code)
    {
        if (receiptJson is null)
        {
            return (null, null);
        }

        try
        {
            using var receipt = JsonDocument.Parse(receiptJson);
            if (receipt.RootElement.TryGetProperty("reasons", out var reasons) && reasons.ValueKind == JsonValueKind.Array)
            {
                foreach (var reason in reasons.EnumerateArray())
                {
                    if (reason.TryGetProperty("code", out var c) && c.GetString() == code)
                    {
                        return (reason.TryGetProperty("path", out var p) ? p.GetString() : null, reason.TryGetProperty("message", out var m) ? m.GetString() : null);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A receipt that cannot be read has no example to offer; the count still stands.
        }

        return (null, null);
    }

    public async Task<IReadOnlyList<DeadLetterRow>> DeadLettersAsync(Viewer viewer, int limit, CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        return await (await VisibleDeadLettersAsync(db, viewer, cancellationToken))
            .OrderByDescending(d => d.Id) // ids rise with time; ordering by the timestamp is not portable to SQLite
            .Take(limit)
            .Select(d => new DeadLetterRow(d.Id, d.At, d.SourceId ?? d.AmqpUser, d.AmqpUser, d.MessageId, d.Cause, d.BodyBytes, d.BodySha256, d.ReprocessedAt, d.ReprocessedBy))
            .ToListAsync(cancellationToken);
    }

    /// <summary>True when the viewer may see (and so reprocess) dead letter <paramref name="id"/>.</summary>
    public async Task<bool> CanSeeDeadLetterAsync(Viewer viewer, long id, CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        return await (await VisibleDeadLettersAsync(db, viewer, cancellationToken)).AnyAsync(d => d.Id == id, cancellationToken);
    }

    private async Task<IQueryable<DeadLetter>> VisibleDeadLettersAsync(HubDbContext db, Viewer viewer, CancellationToken cancellationToken)
    {
        var query = db.DeadLetters.AsNoTracking();
        if (viewer.CanSeeUnattributed)
        {
            return query;
        }

        // A dead letter belongs to the source it was attributed to, else to the broker user that published it
        // (a source's user name is its id); one attributable to no source is the national team's alone.
        var sources = await VisibleSourcesAsync(viewer, cancellationToken);
        var visible = sources.Select(s => s.Id).ToList();
        var users = sources.Select(s => s.AmqpUser).ToList();
        return query.Where(d => (d.SourceId != null && visible.Contains(d.SourceId)) || (d.SourceId == null && d.AmqpUser != null && users.Contains(d.AmqpUser)));
    }

    /// <summary>Every source's row, for the alert monitor (no broker call: alerts are about what the sources send).</summary>
    internal async Task<IReadOnlyList<(Source Source, FeedRow Row)>> AllRowsAsync(CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        var sources = await db.Sources.AsNoTracking().ToListAsync(cancellationToken);
        var rows = await RowsAsync(sources, clock.GetUtcNow(), new Dictionary<string, QueueInfo>(), cancellationToken);
        return sources.Zip(rows, (s, r) => (s, r.Row)).ToList();
    }

    public async Task<EffectiveRule> RuleAsync(string sourceId, CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        var rule = await db.Set<AlertRule>().AsNoTracking().SingleOrDefaultAsync(r => r.SourceId == sourceId, cancellationToken);
        return Effective(rule);
    }

    private EffectiveRule Effective(AlertRule? rule) => rule is null
        ? new EffectiveRule(_options.NoMessagesHours, _options.RejectionRatePercent, DeadLetters: true, _options.ReviewQueueDays, IsDefault: true)
        : new EffectiveRule(rule.NoMessagesHours, rule.RejectionRatePercent, rule.DeadLetters, rule.ReviewQueueDays, IsDefault: false);

    private sealed record Event(string SourceId, MessageOutcome Outcome, DateTimeOffset At);

    private async Task<List<(FeedRow Row, List<Event> Events, EffectiveRule Rule)>> RowsAsync(
        IReadOnlyList<Source> sources, DateTimeOffset now, IReadOnlyDictionary<string, QueueInfo> queues, CancellationToken cancellationToken)
    {
        var ids = sources.Select(s => s.Id).ToList();
        var byUser = sources.GroupBy(s => s.AmqpUser, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var users = byUser.Keys.ToList();
        var since = now.AddDays(-30);
        await using var db = databases.Create();

        // Two narrow columns per message of the last 30 days, bucketed here: portable across the three providers.
        // At a volume where this is too much, a per-hour roll-up table written by the intake replaces it.
        var processed = await Recent(db.ProcessedMessages.AsNoTracking().Where(p => ids.Contains(p.SourceId)), db, p => p.ProcessedAt >= since)
            .Select(p => new { p.SourceId, p.Outcome, At = p.ProcessedAt })
            .ToListAsync(cancellationToken);
        // The intake attributes a dead letter by the broker user that published it (DeadLetter.AmqpUser).
        var deadRows = await Recent(db.DeadLetters.AsNoTracking().Where(d => (d.SourceId != null && ids.Contains(d.SourceId)) || (d.SourceId == null && d.AmqpUser != null && users.Contains(d.AmqpUser))), db, d => d.At >= since)
            .Select(d => new { d.SourceId, d.AmqpUser, d.At })
            .ToListAsync(cancellationToken);
        var dead = deadRows.Select(d => new { SourceId = d.SourceId ?? byUser[d.AmqpUser!], d.At }).ToList();
        var events = processed.Select(p => new Event(p.SourceId, p.Outcome, p.At))
            .Concat(dead.Select(d => new Event(d.SourceId, MessageOutcome.DeadLettered, d.At)))
            .ToList();

        // Last message ever received (it may be older than 30 days: "no messages for 45 days").
        Dictionary<string, DateTimeOffset> last;
        if (db.Database.IsSqlite())
        {
            last = events.GroupBy(e => e.SourceId).ToDictionary(g => g.Key, g => g.Max(e => e.At));
        }
        else
        {
            var lastProcessed = await db.ProcessedMessages.AsNoTracking().Where(p => ids.Contains(p.SourceId))
                .GroupBy(p => p.SourceId).Select(g => new { g.Key, Last = g.Max(p => p.ProcessedAt) }).ToListAsync(cancellationToken);
            last = lastProcessed.ToDictionary(x => x.Key, x => x.Last);
            foreach (var d in dead.Where(d => !last.TryGetValue(d.SourceId, out var at) || at < d.At))
            {
                last[d.SourceId] = d.At;
            }
        }

        events = events.Where(e => e.At >= since).ToList();
        var rules = await db.Set<AlertRule>().AsNoTracking().Where(r => ids.Contains(r.SourceId)).ToDictionaryAsync(r => r.SourceId, cancellationToken);
        var alerts = await db.Set<AlertState>().AsNoTracking().Where(a => ids.Contains(a.SourceId) && a.Open).ToListAsync(cancellationToken);
        // Oldest open review item per source, in memory: SQLite cannot aggregate a DateTimeOffset, and the open queue is short.
        var oldestReview = (await db.Set<Persistence.Linking.ReviewItem>().AsNoTracking()
                .Where(r => r.Status == Persistence.Linking.ReviewStatus.Open && ids.Contains(r.SourceId))
                .Select(r => new { r.SourceId, r.CreatedAt }).ToListAsync(cancellationToken))
            .GroupBy(r => r.SourceId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(r => r.CreatedAt), StringComparer.Ordinal);

        var result = new List<(FeedRow, List<Event>, EffectiveRule)>();
        foreach (var source in sources)
        {
            var own = events.Where(e => e.SourceId == source.Id).ToList();
            var rule = Effective(rules.GetValueOrDefault(source.Id));
            var lastReceived = last.TryGetValue(source.Id, out var l) ? l : (DateTimeOffset?)null;
            var hour = Count(own, now.AddHours(-1), now);
            var day = Count(own, now.AddDays(-1), now);
            var month = Count(own, since, now);
            var health = HealthAssessment.Assess(
                new HealthAssessment.Input(source.Status, source.RegisteredAt, lastReceived, hour, day, month, rule, _options.MinimumMessagesForRate,
                    oldestReview.TryGetValue(source.Id, out var oldest) ? oldest : null), now);
            var replyQueue = Topology.ReplyQueue(source.Id);
            var row = new FeedRow(
                source.Id,
                source.Name,
                source.LocalAuthority,
                source.Status,
                lastReceived,
                hour,
                day,
                month,
                Buckets(own, TruncateToHour(now).AddHours(-23), TimeSpan.FromHours(1), 24),
                queues.TryGetValue(replyQueue, out var q) ? q : new QueueInfo(replyQueue, null, null, "not read"),
                health,
                alerts.Where(a => a.SourceId == source.Id).Select(a => new OpenAlert(a.Condition, a.Detail, a.RaisedAt, !a.NotificationPending)).ToList());
            result.Add((row, own, rule));
        }

        return result;
    }

    /// <summary>
    /// Filters by time in the database, except on SQLite, where EF Core cannot compare DateTimeOffset values in SQL;
    /// there the caller filters the rows it reads (SQLite is the embedded, single-process mode: small volumes).
    /// </summary>
    private static IQueryable<T> Recent<T>(IQueryable<T> query, HubDbContext db, System.Linq.Expressions.Expression<Func<T, bool>> since) =>
        db.Database.IsSqlite() ? query : query.Where(since);

    private static OutcomeCounts Count(IEnumerable<Event> events, DateTimeOffset from, DateTimeOffset to)
    {
        int applied = 0, held = 0, rejected = 0, dead = 0;
        foreach (var e in events)
        {
            if (e.At < from || e.At >= to.AddTicks(1))
            {
                continue;
            }

            switch (e.Outcome)
            {
                case MessageOutcome.Applied: applied++; break;
                case MessageOutcome.Held: held++; break;
                case MessageOutcome.Rejected: rejected++; break;
                case MessageOutcome.DeadLettered: dead++; break;
            }
        }

        return new OutcomeCounts(applied, held, rejected, dead);
    }

    private static List<Bucket> Buckets(IReadOnlyList<Event> events, DateTimeOffset start, TimeSpan step, int count) =>
        Enumerable.Range(0, count)
            .Select(i => start + (step * i))
            .Select(from => new Bucket(from, Count(events, from, from + step - TimeSpan.FromTicks(1))))
            .ToList();

    private static DateTimeOffset TruncateToHour(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero);
}
