using System.Text.Json;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Linking;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Host.Dashboard;

/// <summary>How many fragments of the source were last told that a data item disagrees with the best view.</summary>
public sealed record ItemCount(string Item, int Fragments);

/// <summary>
/// The four data-quality dimensions of statutory guidance 4.6 for one source, from what the hub stores (shares from 0
/// to 1; null when there is nothing to judge). Definitions (docs/dashboard.md, "Quality"):
/// <list type="bullet">
/// <item>Validity: of the distinct messages received in the last 30 days, the share neither dead-lettered nor rejected
/// for a format or identifier reason (reason codes <c>schema.*</c>, <c>message.*</c>, <c>messageType.*</c>, <c>child.*</c>).</item>
/// <item>Completeness: of the source's fragments, the mean share holding an NHS number, a UPN and a postcode (each shown).</item>
/// <item>Uniqueness: of the source's linked fragments, the share not linked to the same child as another fragment of the
/// same source (a source holding two records for one child has a duplicate).</item>
/// <item>Coverage: children held by this source, as a share of the children that any source of the same local authority holds.</item>
/// </list>
/// </summary>
public sealed record SourceQuality(
    double? Validity, int ValidityMessages, int InvalidMessages,
    double? Completeness, double? NhsNumberShare, double? UpnShare, double? PostcodeShare, int Fragments,
    double? Uniqueness, int LinkedFragments, int DuplicateFragments,
    double? Coverage, int ChildrenHeld, int ChildrenInAuthority,
    IReadOnlyList<ItemCount> MismatchesByItem)
{
    private static readonly string[] InvalidPrefixes = ["schema.", "message.", "messageType.", "child."];

    public static bool IsFormatReason(string code) => InvalidPrefixes.Any(p => code.StartsWith(p, StringComparison.Ordinal));

    /// <param name="last30Days">The source's outcome counts over the same 30 days (received, dead-lettered).</param>
    public static async Task<SourceQuality> ReadAsync(HubDbContext db, Source source, OutcomeCounts last30Days, IReadOnlyList<(string Codes, MessageOutcome Outcome, DateTimeOffset At)> reasonRows,
        DateTimeOffset since, CancellationToken cancellationToken)
    {
        var invalidRejected = reasonRows.Count(r => r.At >= since && r.Outcome == MessageOutcome.Rejected
            && r.Codes.Split(',', StringSplitOptions.RemoveEmptyEntries).Any(IsFormatReason));
        var invalid = invalidRejected + last30Days.DeadLettered;
        var received = last30Days.Received;

        var present = await db.ChildFragments.AsNoTracking().Where(f => f.SourceId == source.Id)
            .Select(f => new { Nhs = f.NhsNumber != null && f.NhsNumber != "", Upn = f.Upn != null && f.Upn != "", Postcode = f.Postcode != null && f.Postcode != "" })
            .ToListAsync(cancellationToken);
        double? Share(int n) => present.Count == 0 ? null : (double)n / present.Count;
        var nhs = Share(present.Count(p => p.Nhs));
        var upn = Share(present.Count(p => p.Upn));
        var postcode = Share(present.Count(p => p.Postcode));

        var links = await db.Set<ChildLink>().AsNoTracking()
            .Join(db.ChildFragments.AsNoTracking(), l => l.FragmentId, f => f.Id, (l, f) => new { l.ChildId, f.SourceId })
            .Where(x => x.SourceId == source.Id)
            .Select(x => x.ChildId)
            .ToListAsync(cancellationToken);
        var duplicates = links.GroupBy(c => c).Where(g => g.Count() > 1).Sum(g => g.Count());
        var held = links.Distinct().Count();

        var authoritySources = (await db.Sources.AsNoTracking().Select(s => new { s.Id, s.LocalAuthority }).ToListAsync(cancellationToken))
            .Where(s => source.LocalAuthority is not null && string.Equals(s.LocalAuthority, source.LocalAuthority, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.Id).DefaultIfEmpty(source.Id).ToList();
        var inAuthority = await db.Set<ChildLink>().AsNoTracking()
            .Join(db.ChildFragments.AsNoTracking(), l => l.FragmentId, f => f.Id, (l, f) => new { l.ChildId, f.SourceId })
            .Where(x => authoritySources.Contains(x.SourceId))
            .Select(x => x.ChildId).Distinct().CountAsync(cancellationToken);

        var notified = await db.Set<MismatchState>().AsNoTracking()
            .Join(db.ChildFragments.AsNoTracking(), m => m.FragmentId, f => f.Id, (m, f) => new { m.NotifiedJson, f.SourceId })
            .Where(x => x.SourceId == source.Id)
            .Select(x => x.NotifiedJson)
            .ToListAsync(cancellationToken);
        var byItem = notified
            .SelectMany(json => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)?.Keys ?? Enumerable.Empty<string>())
            .GroupBy(i => i, StringComparer.Ordinal)
            .Select(g => new ItemCount(g.Key, g.Count()))
            .OrderByDescending(i => i.Fragments).ThenBy(i => i.Item, StringComparer.Ordinal)
            .ToList();

        return new SourceQuality(
            received == 0 ? null : 1 - ((double)invalid / received), received, invalid,
            present.Count == 0 ? null : (nhs!.Value + upn!.Value + postcode!.Value) / 3, nhs, upn, postcode, present.Count,
            links.Count == 0 ? null : 1 - ((double)duplicates / links.Count), links.Count, duplicates,
            inAuthority == 0 ? null : (double)held / inAuthority, held, inAuthority,
            byItem);
    }
}
