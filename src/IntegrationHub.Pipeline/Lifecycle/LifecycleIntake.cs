using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.Domain.Lifecycle;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Lifecycle;
using IntegrationHub.Persistence.Linking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Pipeline.Lifecycle;

/// <summary>Where a child record is in its life, as linking needs to know.</summary>
public enum ChildStatus
{
    Live,
    Archived,

    /// <summary>Purged (an index entry another hub instance has not dropped yet): treated as no match.</summary>
    Missing,
}

/// <summary>
/// The lifecycle side of linking, inside the intake transaction: whether the child a fragment links to is archived
/// (then the fragment is rejected and its source told to stop again, 000 2.2), and the lifecycle facts a fragment
/// carries (a date of death, a shielding instruction) recorded on the child's <see cref="ChildLifecycleState"/>, and the
/// responsible local authority kept current once the best view is assembled.
/// </summary>
public sealed class LifecycleIntake(IOptions<LifecycleOptions> options, CompartmentService compartments)
{
    /// <summary>
    /// After the best views of <paramref name="childIds"/> were assembled (intake or review, under the linking lease):
    /// their responsible local authority is assigned or kept current (<see cref="CompartmentService.AssignAsync"/>).
    /// </summary>
    public Task AssignAuthoritiesAsync(HubDbContext db, IReadOnlyCollection<Guid> childIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        compartments.AssignAsync(db, childIds, now, cancellationToken);

    /// <summary>The status of the given children, one query; a child without a record is <see cref="ChildStatus.Missing"/>.</summary>
    public static async Task<Dictionary<Guid, ChildStatus>> StatusAsync(HubDbContext db, IReadOnlyCollection<Guid> childIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = childIds.Distinct().ToList();
        var found = await db.Set<ChildRecord>().AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, Archived = db.Set<ChildLifecycleState>().Any(s => s.ChildId == c.Id && s.ArchivedOn != null) })
            .ToDictionaryAsync(c => c.Id, c => c.Archived ? ChildStatus.Archived : ChildStatus.Live, cancellationToken);
        foreach (var id in ids.Where(id => !found.ContainsKey(id)))
        {
            found[id] = ChildStatus.Missing;
        }

        return found;
    }

    /// <summary>
    /// Records what the applied fragments say about death and shielding on their (live) children. A date of death from a
    /// registration source (<see cref="LifecycleOptions.RegistrationSources"/>) confirms it; from any other, notifies it.
    /// A shielding request or withdrawal changes that source's instruction only; the record is shielded while any stands.
    /// </summary>
    public async Task RecordFactsAsync(HubDbContext db, IReadOnlyList<(ChildFragment Fragment, Guid ChildId)> linked, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(linked);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        foreach (var (fragment, childId) in linked)
        {
            if (string.IsNullOrEmpty(fragment.ChildJson) || JsonSerializer.Deserialize<Child>(fragment.ChildJson, HubJson.Options) is not { } child
                || (child.DateOfDeath is null && child.Shielding is null))
            {
                continue;
            }

            var state = await StateAsync(db, childId, now, cancellationToken);
            if (child.DateOfDeath is { } died)
            {
                var registration = options.Value.RegistrationSources.Contains(fragment.SourceId, StringComparer.Ordinal);
                if (state.DateOfDeath is null)
                {
                    state.DateOfDeath = died;
                    state.DeathNotifiedOn = today;
                    db.AddAudit(Audit(now, fragment.SourceId, "child.deathNotified", new { child = childId, rule = LifecycleRules.DeathShowsAtOnce.Id }));
                }

                if (registration && state.DeathConfirmedOn is null)
                {
                    // The registration source's date stands; a repeated confirmation does not restart the year.
                    state.DateOfDeath = died;
                    state.DeathConfirmedOn = today;
                    db.AddAudit(Audit(now, fragment.SourceId, "child.deathConfirmed", new { child = childId, rule = LifecycleRules.ArchiveAYearAfterConfirmedDeath.Id }));
                }
            }

            if (child.Shielding is { } instruction)
            {
                var shielding = ShieldingOf(state);
                var after = instruction == ShieldingInstruction.Requested ? shielding.Request(fragment.SourceId) : shielding.Withdraw(fragment.SourceId);
                if (!after.RequestedBy.SetEquals(shielding.RequestedBy))
                {
                    state.ShieldingRequestedByJson = JsonSerializer.Serialize(after.RequestedBy, HubJson.Options);
                    var record = await db.Set<ChildRecord>().FindAsync([childId], cancellationToken);
                    if (record is not null)
                    {
                        record.Shielded = after.IsShielded;
                        record.UpdatedAt = now;
                    }

                    db.AddAudit(Audit(now, fragment.SourceId, instruction == ShieldingInstruction.Requested ? "child.shieldingRequested" : "child.shieldingWithdrawn",
                        new { child = childId, shielded = after.IsShielded, rule = LifecycleRules.ShieldedUntilAllWithdraw.Id }));
                }
            }

            state.UpdatedAt = now;
        }
    }

    public static Shielding ShieldingOf(ChildLifecycleState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var requested = JsonSerializer.Deserialize<string[]>(state.ShieldingRequestedByJson, HubJson.Options) ?? [];
        return requested.Aggregate(Shielding.None, (s, r) => s.Request(r));
    }

    /// <summary>The child's lifecycle row, tracked; added when the child has none yet.</summary>
    public static async Task<ChildLifecycleState> StateAsync(HubDbContext db, Guid childId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var state = await db.Set<ChildLifecycleState>().FindAsync([childId], cancellationToken);
        if (state is null)
        {
            state = new ChildLifecycleState { ChildId = childId, UpdatedAt = now };
            db.Set<ChildLifecycleState>().Add(state);
        }

        return state;
    }

    /// <summary>A lifecycle audit entry: ids and rule ids only, never the child's data.</summary>
    public static AuditEntry Audit(DateTimeOffset now, string actor, string action, object detail, string? sourceId = null, string outcome = "done") => new()
    {
        At = now,
        Actor = actor.Length > 100 ? actor[..100] : actor,
        Action = action,
        SourceId = sourceId,
        Outcome = outcome,
        Detail = JsonSerializer.Serialize(detail, HubJson.Options),
    };
}
