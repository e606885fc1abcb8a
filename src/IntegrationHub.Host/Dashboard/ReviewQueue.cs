using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.Domain.BestView;
using IntegrationHub.Host.Api;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Linking;
using IntegrationHub.Pipeline.Linking;
using IntegrationHub.Pipeline.Replies;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Host.Dashboard;

/// <summary>One open review item in the queue: no personal data (source, the source's own child id, the engine's reason).</summary>
public sealed record ReviewListRow(Guid Id, string SourceId, string SourceName, string SourceChildId, string Reason, DateTimeOffset CreatedAt, int Candidates, double? BestProbability);

/// <summary>The details a person compares: the held fragment's, or a candidate child's best view (privacy-projected).</summary>
public sealed record ReviewPerson(string? GivenName, string? FamilyName, DateOnly? DateOfBirth, string? Gender, string? Address, string? Postcode, string? NhsNumber, string? Upn, string? School);

/// <summary>One comparator's evidence: its agreement level and the match weight it contributed.</summary>
public sealed record ReviewEvidence(string Comparator, string Level, double Weight);

/// <summary>A candidate child. <see cref="Masked"/>: the reader may not see this child (none of its sources is in their authority), so <see cref="Person"/> is null and only the evidence shows.</summary>
public sealed record ReviewCandidate(Guid ChildId, double Probability, double Weight, string? Deterministic, bool PossibleTwin, IReadOnlyList<ReviewEvidence> Evidence, bool Masked, ReviewPerson? Person, IReadOnlyList<string> Sources);

/// <summary>
/// A review item with the held fragment and its candidates side by side. <see cref="Duplicate"/>: filed by duplicate
/// detection (the fragment is already on a child record): "link" merges the two records (ADR 0013).
/// </summary>
public sealed record ReviewItemDetail(Guid Id, string SourceId, string SourceName, string SourceChildId, string Reason, DateTimeOffset CreatedAt, ReviewStatus Status,
    string? Resolution, string? ResolvedBy, ReviewPerson Fragment, IReadOnlyList<ReviewCandidate> Candidates, bool Duplicate = false);

/// <summary>What came of a resolution asked for through the dashboard or the API.</summary>
public sealed record ReviewDecision(ReviewResolutionStatus Status, string? Problem, Guid? ChildId);

/// <summary>
/// The review queue (002 4.51-4.52) as the dashboard and the API read it. Scoped like the feeds: a data manager sees the
/// items whose fragment came from a source of their authority; the national team sees all. Opening an item shows
/// personal data, so it needs a reason and is audited (`review.viewed`: reader, reason, item), refusals too.
/// Resolutions go through <see cref="ReviewService"/>.
/// </summary>
public sealed class ReviewQueue(IHubDbContextFactory databases, ReviewService reviews, ReplySender replies, TimeProvider clock)
{
    public async Task<IReadOnlyList<ReviewListRow>> ListAsync(Viewer viewer, CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        var sources = (await db.Sources.AsNoTracking().ToListAsync(cancellationToken)).Where(viewer.CanSee).ToDictionary(s => s.Id, s => s.Name, StringComparer.Ordinal);
        // Ordered in memory: SQLite cannot order by a DateTimeOffset column, and the open queue is short.
        var open = await db.Set<ReviewItem>().AsNoTracking().Where(r => r.Status == ReviewStatus.Open).ToListAsync(cancellationToken);
        return open.Where(r => sources.ContainsKey(r.SourceId))
            .OrderBy(r => r.CreatedAt).Take(500)
            .Select(r =>
            {
                var candidates = Candidates(r.CandidatesJson);
                return new ReviewListRow(r.Id, r.SourceId, sources[r.SourceId], r.SourceChildId, r.Reason, r.CreatedAt, candidates.Count,
                    candidates.Count == 0 ? null : candidates.Max(c => c.Probability));
            })
            .ToList();
    }

    /// <summary>The item with personal data, audited with the reader and reason; null (also audited) when it does not exist or is another authority's.</summary>
    public async Task<ReviewItemDetail?> ViewAsync(Viewer viewer, Guid id, string reason, CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        var (item, source) = await FindAsync(db, viewer, id, cancellationToken);
        db.AddAudit(Audit(viewer, "review.viewed", item is null ? "notFound" : "viewed", item?.SourceId, new { item = id, reason }));
        await db.SaveChangesAsync(cancellationToken);
        if (item is null)
        {
            return null;
        }

        var fragment = await db.ChildFragments.AsNoTracking().SingleAsync(f => f.Id == item.FragmentId, cancellationToken);
        var candidates = new List<ReviewCandidate>();
        foreach (var c in Candidates(item.CandidatesJson))
        {
            // A candidate merged into another record since the item was filed is shown as the record it leads to.
            var leadsTo = await ChildMerges.LeadsToAsync(db, c.ChildId, cancellationToken);
            var record = await db.Set<ChildRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == leadsTo, cancellationToken);
            var entitled = record is not null && await ApiIdentity.CanReadChildAsync(db, viewer, leadsTo, cancellationToken);
            ReviewPerson? person = null;
            IReadOnlyList<string> linkedSources = [];
            if (entitled)
            {
                var view = PrivacyProjection.Project(JsonSerializer.Deserialize<ChildView>(record!.BestViewJson, HubJson.Options)!, record.Shielded);
                var d = view.Details;
                person = new ReviewPerson(d.GivenName, d.FamilyName, d.DateOfBirth, d.Gender, d.Address is null ? null : string.Join(", ", d.Address.Lines),
                    d.Address?.Postcode, d.NhsNumber, d.Upn, d.School?.Name);
                linkedSources = await db.Set<ChildLink>().Where(l => l.ChildId == leadsTo)
                    .Join(db.ChildFragments, l => l.FragmentId, f => f.Id, (l, f) => f.SourceId).Distinct().ToListAsync(cancellationToken);
            }

            candidates.Add(c with { Masked = !entitled, Person = person, Sources = linkedSources });
        }

        var child = string.IsNullOrEmpty(fragment.ChildJson) ? null : JsonSerializer.Deserialize<Child>(fragment.ChildJson, HubJson.Options);
        var held = new ReviewPerson(fragment.GivenName, fragment.FamilyName, fragment.DateOfBirth, fragment.Gender,
            child?.Address is { } a ? string.Join(", ", a.Lines) : null, fragment.Postcode, fragment.NhsNumber, fragment.Upn, child?.School?.Name);
        var duplicate = await db.Set<ChildLink>().AnyAsync(l => l.FragmentId == item.FragmentId, cancellationToken);
        return new ReviewItemDetail(item.Id, item.SourceId, source!.Name, item.SourceChildId, item.Reason, item.CreatedAt, item.Status,
            item.Resolution?.ToString(), item.ResolvedBy, held, candidates, duplicate);
    }

    /// <summary>
    /// Resolves an item the viewer may see. A link goes to one of the item's candidates or to a child the viewer may
    /// read; anything else is answered as an unknown child. On a duplicate-detection item, link merges the two records and
    /// the child named is the one kept. Replies go to the source after the commit.
    /// </summary>
    public async Task<ReviewDecision> ResolveAsync(Viewer viewer, Guid id, ReviewResolution resolution, Guid? childId, string? note, CancellationToken cancellationToken)
    {
        await using (var db = databases.Create())
        {
            var (item, _) = await FindAsync(db, viewer, id, cancellationToken);
            if (item is null)
            {
                return new(ReviewResolutionStatus.NotFound, "No review item has this id.", null);
            }

            if (resolution == ReviewResolution.Linked && item.Status == ReviewStatus.Open
                && (childId is not { } target || (Candidates(item.CandidatesJson).All(c => c.ChildId != target) && !await ApiIdentity.CanReadChildAsync(db, viewer, target, cancellationToken))))
            {
                return new(ReviewResolutionStatus.UnknownChild, "Name one of the candidates, or a child record you may read, to link to (childId).", null);
            }
        }

        var result = await reviews.ResolveAsync(id, resolution, childId, viewer.UserName, note, cancellationToken);
        if (result.Status == ReviewResolutionStatus.Resolved)
        {
            // Committed: now tell the source (final receipts, review outcome, any mismatch the new best view brings).
            await replies.SendRepliesAsync(result.Replies, cancellationToken);
        }

        return new(result.Status, result.Problem, result.ChildId);
    }

    private static async Task<(ReviewItem? Item, Source? Source)> FindAsync(HubDbContext db, Viewer viewer, Guid id, CancellationToken cancellationToken)
    {
        var item = await db.Set<ReviewItem>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (item is null)
        {
            return (null, null);
        }

        var source = await db.Sources.AsNoTracking().SingleOrDefaultAsync(s => s.Id == item.SourceId, cancellationToken);
        // Another authority's item is answered exactly as a missing one.
        return source is not null && viewer.CanSee(source) ? (item, source) : (null, null);
    }

    private static List<ReviewCandidate> Candidates(string json)
    {
        var list = new List<ReviewCandidate>();
        foreach (var c in JsonDocument.Parse(json).RootElement.EnumerateArray())
        {
            if (c.GetProperty("child").GetString() is not { } child || !Guid.TryParse(child, out var childId))
            {
                continue;
            }

            var evidence = c.TryGetProperty("evidence", out var e) && e.ValueKind == JsonValueKind.Array
                ? e.EnumerateArray().Select(x => new ReviewEvidence(x.GetProperty("comparator").GetString() ?? "", x.GetProperty("level").GetString() ?? "", x.GetProperty("weight").GetDouble())).ToList()
                : [];
            list.Add(new ReviewCandidate(childId, c.GetProperty("probability").GetDouble(), c.GetProperty("weight").GetDouble(),
                c.TryGetProperty("deterministic", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null,
                c.TryGetProperty("possibleTwin", out var t) && t.ValueKind == JsonValueKind.True, evidence, true, null, []));
        }

        return list;
    }

    private AuditEntry Audit(Viewer viewer, string action, string outcome, string? sourceId, object detail) => new()
    {
        At = clock.GetUtcNow(),
        Actor = viewer.UserName,
        Action = action,
        SourceId = sourceId,
        Outcome = outcome,
        Detail = JsonSerializer.Serialize(detail, HubJson.Options) is { Length: > 4000 } text ? text[..4000] : JsonSerializer.Serialize(detail, HubJson.Options),
    };
}
