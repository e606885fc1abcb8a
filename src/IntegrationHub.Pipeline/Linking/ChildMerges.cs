using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Linking;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Pipeline.Linking;

/// <summary>The record a hub child id leads to now, and whether anything is linked to it yet.</summary>
public sealed record ChildClaim(Guid ChildId, bool HasFragments);

/// <summary>
/// Where a hub child id leads (ADR 0013): to its own record, or, for a record retired by a merge, to the record it was
/// merged into (<see cref="ChildMerge"/>, one hop: chains are kept flat). An id that leads to no existing record (never
/// issued, or purged) leads nowhere.
/// </summary>
public static class ChildMerges
{
    /// <summary>The existing record each id leads to; ids that lead nowhere are left out.</summary>
    public static async Task<Dictionary<Guid, ChildClaim>> ClaimsAsync(HubDbContext db, IReadOnlyCollection<Guid> hubChildIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (hubChildIds.Count == 0)
        {
            return [];
        }

        var ids = hubChildIds.Distinct().ToList();
        var merged = await db.Set<ChildMerge>().AsNoTracking().Where(m => ids.Contains(m.RetiredChildId))
            .ToDictionaryAsync(m => m.RetiredChildId, m => m.SurvivorChildId, cancellationToken);
        var targets = ids.Select(id => merged.GetValueOrDefault(id, id)).Distinct().ToList();
        var existing = await db.Set<ChildRecord>().AsNoTracking().Where(c => targets.Contains(c.Id))
            .Select(c => new { c.Id, HasFragments = db.Set<ChildLink>().Any(l => l.ChildId == c.Id) })
            .ToDictionaryAsync(c => c.Id, c => c.HasFragments, cancellationToken);
        var claims = new Dictionary<Guid, ChildClaim>();
        foreach (var id in ids)
        {
            var target = merged.GetValueOrDefault(id, id);
            if (existing.TryGetValue(target, out var hasFragments))
            {
                claims[id] = new ChildClaim(target, hasFragments);
            }
        }

        return claims;
    }

    /// <summary>
    /// The id a hub child id leads to (itself, or the survivor of a merge), without asking whether that record exists:
    /// for callers that read the record next anyway.
    /// </summary>
    public static async Task<Guid> LeadsToAsync(HubDbContext db, Guid hubChildId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Set<ChildMerge>().AsNoTracking().Where(m => m.RetiredChildId == hubChildId)
            .Select(m => (Guid?)m.SurvivorChildId).FirstOrDefaultAsync(cancellationToken) ?? hubChildId;
    }

    /// <summary>The existing record the id leads to (itself, or the survivor of a merge), or null.</summary>
    public static async Task<Guid?> SurvivorAsync(HubDbContext db, Guid hubChildId, CancellationToken cancellationToken) =>
        (await ClaimsAsync(db, [hubChildId], cancellationToken)).GetValueOrDefault(hubChildId)?.ChildId;
}
