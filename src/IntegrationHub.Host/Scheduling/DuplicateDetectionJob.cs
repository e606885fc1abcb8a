using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.Domain.BestView;
using IntegrationHub.Matching;
using IntegrationHub.Matching.Linkage;
using IntegrationHub.Matching.Scoring;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Linking;
using IntegrationHub.Pipeline.Linking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace IntegrationHub.Host.Scheduling;

/// <summary>
/// Issue 4's periodic duplicate detection: the best views of all child records are deduplicated with the matching
/// engine, and each pair of child records that matches or possibly matches is queued for a data administrator as
/// a <see cref="ReviewItem"/>. Nothing is merged automatically: two child records exist because the live linking
/// decided (or a person resolved) otherwise, so undoing that is a person's decision.
/// </summary>
/// <remarks>
/// Idempotent: the review item's id is derived from the two child record ids, so a pair is queued once however
/// often the job runs, and a pair already resolved is not queued again (the primary key guards a concurrent run too).
/// The item names a fragment of the younger record (its <see cref="ReviewItem.FragmentId"/>, source and source child
/// id) and the older record as its candidate. Resolving it as "link" merges the two records (ReviewService.Merge.cs,
/// ADR 0013); as "new record" keeps them apart. A record retired by a merge is deleted, so it is never compared again.
/// Scoring uses the live model (Linking:ModelPath, or the built-in values with Linking:PriorMatchProbability) and
/// the live thresholds.
/// </remarks>
public sealed class DuplicateDetectionRunner(IHubDbContextFactory databases, IOptions<LinkingOptions> linking, TimeProvider clock, ILogger<DuplicateDetectionRunner> logger)
{
    /// <summary>The reason every duplicate-detection review item starts with.</summary>
    public const string ReasonPrefix = "Possible duplicate child records";

    /// <returns>How many review items were created.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        var records = new List<PersonRecord>();
        await foreach (var child in db.Set<ChildRecord>().AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (Person(child) is { } person)
            {
                records.Add(person);
            }
        }

        if (records.Count < 2)
        {
            return 0;
        }

        var options = linking.Value;
        var engine = new MatchEngine(new MatchingOptions
        {
            Thresholds = new MatchThresholds { MatchProbability = options.MatchProbability, PossibleMatchProbability = options.PossibleMatchProbability },
        });
        var result = engine.Deduplicate(records, Model(engine, options));
        var pairs = result.Pairs
            .Where(p => p.Outcome != MatchOutcome.NoMatch)
            .Select(p => Ordered(Guid.Parse(records[p.Left].RecordId), Guid.Parse(records[p.Right].RecordId), p))
            .ToList();
        if (pairs.Count == 0)
        {
            logger.LogInformation("Duplicate detection: {Records} child records, no duplicates.", records.Count);
            return 0;
        }

        var ids = pairs.Select(p => ItemId(p.Older, p.Younger)).ToList();
        var existing = (await db.Set<ReviewItem>().AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken)).ToHashSet();
        var fresh = pairs.Where(p => !existing.Contains(ItemId(p.Older, p.Younger))).ToList();
        var younger = fresh.Select(p => p.Younger).Distinct().ToList();

        // One fragment per younger record names the item (the oldest fragment linked to it, so reruns agree).
        var fragments = (await db.Set<ChildLink>().AsNoTracking()
                .Where(l => younger.Contains(l.ChildId))
                .Join(db.ChildFragments.AsNoTracking(), l => l.FragmentId, f => f.Id, (l, f) => new { l.ChildId, f.Id, f.SourceId, f.SourceChildId, l.LinkedAt })
                .ToListAsync(cancellationToken))
            .GroupBy(f => f.ChildId)
            .ToDictionary(g => g.Key, g => g.OrderBy(f => f.LinkedAt).ThenBy(f => f.Id).First());

        var now = clock.GetUtcNow();
        var created = 0;
        foreach (var (older, young, pair) in fresh)
        {
            if (!fragments.TryGetValue(young, out var fragment))
            {
                continue;
            }

            var explained = result.Explain(pair);
            var reason = Truncate($"{ReasonPrefix} {older} and {young}: {explained.Outcome} at probability {explained.MatchProbability:0.####}.", 500);
            db.Set<ReviewItem>().Add(new ReviewItem
            {
                Id = ItemId(older, young),
                FragmentId = fragment.Id,
                SourceId = fragment.SourceId,
                SourceChildId = fragment.SourceChildId,
                Reason = reason,
                CandidatesJson = JsonSerializer.Serialize(new[] { Summary(older, explained) }, HubJson.Options),
                CreatedAt = now,
            });
            db.AddAudit(new AuditEntry
            {
                At = now,
                Actor = "hub",
                Action = "duplicate.queued",
                SourceId = fragment.SourceId,
                Outcome = "held",
                Detail = Truncate(JsonSerializer.Serialize(new { children = new[] { older, young }, fragment = fragment.Id, probability = Math.Round(explained.MatchProbability, 6) }, HubJson.Options), 4000),
            });
            created++;
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation(
            "Duplicate detection: {Records} child records, {Pairs} possible duplicate pairs, {Created} queued for review ({Known} already queued).",
            records.Count, pairs.Count, created, existing.Count);
        return created;
    }

    /// <summary>The review item id of a pair of child records: the same pair always gives the same id (a v8 GUID of a SHA-256).</summary>
    public static Guid ItemId(Guid first, Guid second)
    {
        var (a, b) = first.CompareTo(second) < 0 ? (first, second) : (second, first);
        Span<byte> input = stackalloc byte[48];
        Encoding.ASCII.GetBytes("dup:", input);
        a.TryWriteBytes(input[4..]);
        b.TryWriteBytes(input[20..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input[..36], hash);
        hash[7] = (byte)((hash[7] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16]);
    }

    /// <summary>The older record (v7 ids sort by creation time) first.</summary>
    private static (Guid Older, Guid Younger, ScoredPair Pair) Ordered(Guid a, Guid b, ScoredPair pair) =>
        a.CompareTo(b) < 0 ? (a, b, pair) : (b, a, pair);

    private static PersonRecord? Person(ChildRecord child)
    {
        var view = JsonSerializer.Deserialize<ChildView>(child.BestViewJson, HubJson.Options);
        if (view?.Details is not { } details)
        {
            return null;
        }

        return new PersonRecord
        {
            RecordId = child.Id.ToString(),
            GivenNames = string.IsNullOrWhiteSpace(details.MiddleNames) ? details.GivenName : details.GivenName + " " + details.MiddleNames,
            PreferredName = details.PreferredName,
            FamilyName = details.FamilyName,
            DateOfBirth = details.DateOfBirth,
            Sex = SexCodes.Parse(details.Gender),
            AddressLines = details.Address?.Lines,
            Postcode = details.Address?.Postcode,
            NhsNumber = details.NhsNumber,
            Upn = details.Upn,
        };
    }

    private static MatchModel Model(MatchEngine engine, LinkingOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ModelPath))
        {
            return MatchModel.FromDefaults(engine.Comparators, options.PriorMatchProbability);
        }

        var model = JsonSerializer.Deserialize<MatchModel>(File.ReadAllText(options.ModelPath), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"{options.ModelPath} holds no match model.");
        model.EnsureFits(engine.Comparators);
        return model;
    }

    /// <summary>The candidate in the shape LinkingStage writes (probability, weight, evidence levels; never values).</summary>
    private static object Summary(Guid child, MatchResult result) => new
    {
        child = child.ToString(),
        probability = Math.Round(result.MatchProbability, 6),
        weight = Math.Round(result.MatchWeight, 3),
        outcome = result.Outcome.ToString(),
        deterministic = result.Deterministic.Applies || result.Deterministic.Conflicts ? result.Deterministic.Describe() : null,
        possibleTwin = result.PossibleTwin,
        evidence = result.Evidence.Select(e => new { comparator = e.Comparator, level = e.Label, weight = Math.Round(e.Weight, 3) }),
    };

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}

/// <summary>The Quartz job around <see cref="DuplicateDetectionRunner"/>.</summary>
[DisallowConcurrentExecution]
public sealed class DuplicateDetectionJob(DuplicateDetectionRunner runner) : IJob
{
    public static readonly JobKey Key = new("duplicate-detection", "linking");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => await runner.RunAsync(cancellationToken);
}
