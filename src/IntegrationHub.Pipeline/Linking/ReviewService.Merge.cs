using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Lifecycle;
using IntegrationHub.Persistence.Linking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IntegrationHub.Pipeline.Linking;

/// <summary>
/// Merging two child records of one child (issue 4, ADR 0013): a duplicate-detection item resolved as "link". The
/// survivor keeps its id; the other record's links move to it, its lifecycle facts are combined into the survivor's,
/// and it is retired: deleted, with a <see cref="ChildMerge"/> row so its hub child id still leads to the survivor.
/// One transaction under the linking lease; the match index is rebuilt afterwards, here and on every other instance.
/// </summary>
public sealed partial class ReviewService
{
    private async Task<ReviewResolutionResult> MergeAsync(
        HubDbContext db, IDbContextTransaction transaction, LinkingBatch batch, ReviewItem review, ChildFragment fragment, Guid fragmentChild, Guid? chosen,
        string actor, string? note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var candidates = JsonDocument.Parse(review.CandidatesJson);
        var candidate = candidates.RootElement.EnumerateArray().FirstOrDefault();
        var named = candidate.ValueKind == JsonValueKind.Object && Guid.TryParse(candidate.GetProperty("child").GetString(), out var c) ? c : (Guid?)null;
        // Either record may have been merged into another since the item was filed: the pair is what they lead to now.
        var other = named is { } n ? await ChildMerges.SurvivorAsync(db, n, cancellationToken) : null;
        if (other is not { } otherId)
        {
            batch.NothingAdded();
            return new(ReviewResolutionStatus.UnknownChild, "The other child record of this item no longer exists: resolve it as a new record (nothing to merge).", null, []);
        }

        if (otherId == fragmentChild)
        {
            // Already one record (an earlier merge joined them): nothing to move.
            Close(db, review, fragment, ReviewResolution.Linked, fragmentChild, "alreadyMerged", actor, note, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            batch.NothingAdded();
            return new(ReviewResolutionStatus.Resolved, null, fragmentChild, []);
        }

        var records = await db.Set<ChildRecord>().Where(r => r.Id == otherId || r.Id == fragmentChild).ToDictionaryAsync(r => r.Id, cancellationToken);
        Guid? keep = chosen is { } wanted ? await ChildMerges.SurvivorAsync(db, wanted, cancellationToken) : null;
        if (chosen is not null && keep != otherId && keep != fragmentChild)
        {
            batch.NothingAdded();
            return new(ReviewResolutionStatus.UnknownChild, "Name one of the two child records of this item (childId): the one that is kept.", null, []);
        }

        // Unless the administrator names the record to keep, the older one survives (its id has been told to sources longest).
        var survivor = keep ?? records.Values.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).First().Id;
        var retired = survivor == otherId ? fragmentChild : otherId;

        var states = await db.Set<ChildLifecycleState>().Where(s => s.ChildId == survivor || s.ChildId == retired).ToDictionaryAsync(s => s.ChildId, cancellationToken);
        if (Unsafe(states.Values) is { } refusal)
        {
            batch.NothingAdded();
            return new(ReviewResolutionStatus.Refused, refusal, null, []);
        }

        var leaseVersion = batch.LeaseVersion;
        var moved = await db.Set<ChildLink>().Where(l => l.ChildId == retired)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ChildId, survivor).SetProperty(l => l.Revision, leaseVersion), cancellationToken);
        var shielded = Combine(db, states, survivor, retired, now);
        records[survivor].Shielded |= shielded || records[retired].Shielded;
        records[survivor].UpdatedAt = now;
        await db.Set<ChildMerge>().Where(m => m.SurvivorChildId == retired)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SurvivorChildId, survivor), cancellationToken);
        db.Set<ChildMerge>().Add(new ChildMerge { RetiredChildId = retired, SurvivorChildId = survivor, Revision = leaseVersion, MergedAt = now });

        Close(db, review, fragment, ReviewResolution.Linked, survivor, "merged", actor, note, now);
        db.AddAudit(new AuditEntry
        {
            At = now,
            Actor = actor,
            Action = "child.merged",
            SourceId = fragment.SourceId,
            Outcome = "merged",
            // Ids, the item's score and per-field evidence levels: never the child's data.
            Detail = LinkingStage.Truncate(JsonSerializer.Serialize(new { review = review.Id, survivor, retired, links = moved, candidate }, HubJson.Options), 4000),
        });
        await db.SaveChangesAsync(cancellationToken);
        if (states.ContainsKey(retired))
        {
            await db.Set<ChildLifecycleState>().Where(s => s.ChildId == retired).ExecuteDeleteAsync(cancellationToken);
        }

        // Its compartment transfers end with it (ADR 0011): the survivor's authority stands, and a move of the merged
        // record is detected again from the re-assembled best view below.
        await db.Set<AuthorityTransfer>().Where(t => t.ChildId == retired).ExecuteDeleteAsync(cancellationToken);
        db.Entry(records[retired]).State = EntityState.Detached;
        await db.Set<ChildRecord>().Where(r => r.Id == retired).ExecuteDeleteAsync(cancellationToken);

        // The survivor's best view from all its fragments; every source (the retired record's too) told of items that now disagree.
        await linking.AssembleAsync(db, batch.Replies, [survivor], now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Not Committed(): disposing the batch invalidates the index, which still files the moved fragments under the retired
        // id; the next batch rebuilds it. Other instances rebuild when they find the child_merges row (LiveMatchIndex).
        return new(ReviewResolutionStatus.Resolved, null, survivor, batch.Replies);
    }

    /// <summary>Why the two records may not be merged, or null. Said to the data administrator only, never to a source.</summary>
    private static string? Unsafe(IEnumerable<ChildLifecycleState> states)
    {
        foreach (var state in states)
        {
            if (state.ArchivedOn is not null)
            {
                // An archived record takes no more data (000 2.2), and a new identity's old record must never be linked to anything.
                return $"Child record {state.ChildId} is archived: an archived record is never merged (it takes no more data, and an old identity must stay apart). If they are different children, resolve the item as a new record.";
            }

            if (state.InvestigationHold)
            {
                return $"Child record {state.ChildId} is held for an investigation: it must stay as it is. Lift the hold first, or resolve the item as a new record.";
            }
        }

        return null;
    }

    /// <summary>
    /// The retired record's lifecycle facts joined into the survivor's: shielding requests united (shielded while any stands),
    /// a death or left-England confirmation the survivor lacks taken over, the responsible authority kept unless the survivor
    /// has none. Returns whether the survivor is shielded.
    /// </summary>
    private static bool Combine(HubDbContext db, Dictionary<Guid, ChildLifecycleState> states, Guid survivor, Guid retired, DateTimeOffset now)
    {
        if (!states.TryGetValue(retired, out var from))
        {
            return states.TryGetValue(survivor, out var only) && Lifecycle.LifecycleIntake.ShieldingOf(only).IsShielded;
        }

        if (!states.TryGetValue(survivor, out var into))
        {
            into = new ChildLifecycleState { ChildId = survivor, UpdatedAt = now };
            db.Set<ChildLifecycleState>().Add(into);
        }

        var shielding = Lifecycle.LifecycleIntake.ShieldingOf(from).RequestedBy.Aggregate(Lifecycle.LifecycleIntake.ShieldingOf(into), (s, r) => s.Request(r));
        into.ShieldingRequestedByJson = JsonSerializer.Serialize(shielding.RequestedBy, HubJson.Options);
        if (from.DateOfDeath is not null && (into.DateOfDeath is null || (into.DeathConfirmedOn is null && from.DeathConfirmedOn is not null)))
        {
            (into.DateOfDeath, into.DeathNotifiedOn, into.DeathConfirmedOn) = (from.DateOfDeath, from.DeathNotifiedOn, from.DeathConfirmedOn);
        }

        if (into.LeftEnglandOn is null && from.LeftEnglandOn is not null)
        {
            (into.LeftEnglandOn, into.LeftEnglandConfirmedBy, into.LeftEnglandDestination) = (from.LeftEnglandOn, from.LeftEnglandConfirmedBy, from.LeftEnglandDestination);
        }

        into.ResponsibleAuthority ??= from.ResponsibleAuthority;
        into.UpdatedAt = now;
        db.Entry(from).State = EntityState.Detached;
        return shielding.IsShielded;
    }
}
