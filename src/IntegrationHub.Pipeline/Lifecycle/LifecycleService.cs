using System.Runtime.CompilerServices;
using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.Domain.BestView;
using IntegrationHub.Domain.Lifecycle;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Audit;
using IntegrationHub.Persistence.Intake;
using IntegrationHub.Persistence.Lifecycle;
using IntegrationHub.Persistence.Linking;
using IntegrationHub.Pipeline.Linking;
using Microsoft.EntityFrameworkCore;
using Consent = IntegrationHub.Domain.Consent;

namespace IntegrationHub.Pipeline.Lifecycle;

/// <summary>One child record as the lifecycle rules see it. State is null when no date of birth is known yet.</summary>
public sealed record LifecycleSnapshot(Guid ChildId, ChildLifecycle? State, IReadOnlyList<FragmentOrigin> Origins);

public enum LifecycleCommandStatus
{
    Done,
    NotFound,

    /// <summary>Refused by the rules (e.g. a restore after the 18th birthday); Problem says why.</summary>
    Refused,
}

/// <summary>A command's outcome: the replies (stop or resume notices) to send once committed, and for a new identity the new record.</summary>
public sealed record LifecycleCommandResult(LifecycleCommandStatus Status, string? Problem, IReadOnlyList<OutgoingReply> Replies, Guid? NewChildId = null);

/// <summary>
/// Carries out lifecycle actions on stored child records (issue 5): the nightly archive and purge, and the data
/// administrators' commands (left England, restore, investigation hold, new identity). Each runs in one transaction
/// under the linking lease, so no intake batch links a fragment to the record halfway; the stop and resume notices are
/// written to the reply outbox in the same transaction and returned for the caller to send after the commit (a crash in
/// between leaves them to the outbox sweep, ADR 0012). Every action is idempotent: a record already in the resulting state is left alone.
/// </summary>
public sealed class LifecycleService(IHubDbContextFactory databases, LinkingStage linking, TimeProvider clock)
{
    /// <summary>Every child record not yet purged, with its lifecycle state; streamed in pages of ids.</summary>
    public async IAsyncEnumerable<LifecycleSnapshot> CandidatesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = Guid.Empty;
        while (true)
        {
            List<Guid> page;
            await using (var db = databases.Create())
            {
                var from = after;
                page = await db.Set<ChildRecord>().AsNoTracking().Where(c => c.Id.CompareTo(from) > 0).OrderBy(c => c.Id).Select(c => c.Id).Take(500).ToListAsync(cancellationToken);
            }

            if (page.Count == 0)
            {
                yield break;
            }

            foreach (var id in page)
            {
                await using var db = databases.Create();
                if (await LoadAsync(db, id, cancellationToken) is { } snapshot)
                {
                    yield return snapshot;
                }
            }

            after = page[^1];
        }
    }

    /// <summary>The child's lifecycle as stored now: date of birth from the best view, consents from the linked fragments.</summary>
    public static async Task<LifecycleSnapshot?> LoadAsync(HubDbContext db, Guid childId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var record = await db.Set<ChildRecord>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == childId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var row = await db.Set<ChildLifecycleState>().AsNoTracking().SingleOrDefaultAsync(s => s.ChildId == childId, cancellationToken);
        var fragments = await db.Set<ChildLink>().AsNoTracking().Where(l => l.ChildId == childId)
            .Join(db.ChildFragments.AsNoTracking(), l => l.FragmentId, f => f.Id, (l, f) => new { f.SourceId, f.SourceChildId, f.ChildJson })
            .ToListAsync(cancellationToken);
        var origins = fragments.Select(f => new FragmentOrigin(f.SourceId, f.SourceChildId)).Distinct().ToList();
        var view = record.BestViewJson.Length > 2 ? JsonSerializer.Deserialize<ChildView>(record.BestViewJson, HubJson.Options) : null;
        if (view?.Details.DateOfBirth is not { } born)
        {
            return new LifecycleSnapshot(childId, null, origins);
        }

        var consents = fragments
            .Where(f => f.ChildJson.Length > 0)
            .SelectMany(f => JsonSerializer.Deserialize<Child>(f.ChildJson, HubJson.Options)?.RetentionConsents ?? [])
            .Select(c => new Consent.RetentionConsent(
                Enum.Parse<Consent.RetentionBasis>(c.Basis.ToString()), Enum.Parse<Consent.RetentionConsentStatus>(c.Status.ToString()), c.RecordedOn))
            .Distinct()
            .OrderBy(c => c.RecordedOn)
            .ToList();
        var state = new ChildLifecycle
        {
            DateOfBirth = born,
            RetentionConsents = consents,
            Death = row?.DateOfDeath is { } died ? new DeathRecord(died, row.DeathNotifiedOn ?? died, row.DeathConfirmedOn) : null,
            LeftEngland = row?.LeftEnglandOn is { } left ? new LeftEnglandConfirmation(left, row.LeftEnglandConfirmedBy ?? string.Empty, row.LeftEnglandDestination) : null,
            Archive = row?.ArchivedOn is { } archived ? new ArchiveState(archived, Enum.Parse<ArchiveReason>(row.ArchiveReason!), row.InvestigationHold) : null,
        };
        return new LifecycleSnapshot(childId, state, origins);
    }

    /// <summary>
    /// The nightly job's action on one record, judged again under the lease (a record already archived or purged is left
    /// alone). An archive tells every source that sent fragments about the child to stop; a purge deletes for good.
    /// </summary>
    public async Task<IReadOnlyList<OutgoingReply>> CarryOutAsync(Guid childId, LifecycleAction action, DateOnly today, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action switch
        {
            ArchiveRecord archive => (await InTransactionAsync(childId, actor, (db, snapshot, now) => ArchiveAsync(db, snapshot, archive.Reason, archive.Rule, archive.DueOn, today, actor, now, cancellationToken), cancellationToken)).Replies,
            PurgeRecord => (await PurgeAsync(childId, today, actor, cancellationToken)).Replies,
            _ => [],
        };
    }

    /// <summary>The responsible authority confirms the child left England (002 4.60, 4.77): archived at once, sources told to stop.</summary>
    public Task<LifecycleCommandResult> ConfirmLeftEnglandAsync(Guid childId, string confirmedBy, string? destination, string actor, CancellationToken cancellationToken) =>
        InTransactionAsync(childId, actor, async (db, snapshot, now) =>
        {
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var row = await LifecycleIntake.StateAsync(db, childId, now, cancellationToken);
            if (row.ArchivedOn is not null)
            {
                return new LifecycleCommandResult(LifecycleCommandStatus.Refused, "The record is already archived.", []);
            }

            row.LeftEnglandOn = today;
            row.LeftEnglandConfirmedBy = confirmedBy;
            row.LeftEnglandDestination = destination;
            row.UpdatedAt = now;
            // The authority and destination stay on the lifecycle row (purged with it), never in the append-only audit.
            db.AddAudit(LifecycleIntake.Audit(now, actor, "child.leftEnglandConfirmed", new { child = childId, rule = LifecycleRules.ArchiveWhenLeftEngland.Id }));
            return await ArchiveAsync(db, snapshot, ArchiveReason.LeftEngland, LifecycleRules.ArchiveWhenLeftEngland, today, today, actor, now, cancellationToken);
        }, cancellationToken);

    /// <summary>Restores a record archived because the child left England (002 4.60-4.62, 4.79): sources told to resume.</summary>
    public Task<LifecycleCommandResult> RestoreAsync(Guid childId, string actor, CancellationToken cancellationToken) =>
        InTransactionAsync(childId, actor, async (db, snapshot, now) =>
        {
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            if (snapshot.State is null)
            {
                return new LifecycleCommandResult(LifecycleCommandStatus.Refused, "The record has no date of birth, so the rules cannot be applied.", []);
            }

            var decision = ChildLifecycle.Restore(snapshot.State, today);
            if (!decision.Restored)
            {
                return new LifecycleCommandResult(LifecycleCommandStatus.Refused, decision.Explanation, []);
            }

            var row = await LifecycleIntake.StateAsync(db, childId, now, cancellationToken);
            row.ArchivedOn = null;
            row.ArchiveReason = null;
            row.LeftEnglandOn = null;
            row.LeftEnglandConfirmedBy = null;
            row.LeftEnglandDestination = null;
            row.UpdatedAt = now;
            db.AddAudit(LifecycleIntake.Audit(now, actor, "child.restored", new { child = childId, rule = decision.Rule.Id, section = decision.Rule.Section.ToString() }));
            var notices = StopNotices.OnRestore(snapshot.Origins);
            AuditNotices(db, notices, childId, actor, now);
            return new LifecycleCommandResult(LifecycleCommandStatus.Done, null, [.. notices.Select(n => LifecycleNotices.Queue(db, n, now))]);
        }, cancellationToken);

    /// <summary>Places or lifts an investigation hold (002 4.74, 4.81); a hold placed on a live record carries into its archive.</summary>
    public Task<LifecycleCommandResult> SetInvestigationHoldAsync(Guid childId, bool hold, string actor, CancellationToken cancellationToken) =>
        InTransactionAsync(childId, actor, async (db, snapshot, now) =>
        {
            var row = await LifecycleIntake.StateAsync(db, childId, now, cancellationToken);
            if (row.InvestigationHold != hold)
            {
                row.InvestigationHold = hold;
                row.UpdatedAt = now;
                db.AddAudit(LifecycleIntake.Audit(now, actor, hold ? "child.investigationHoldPlaced" : "child.investigationHoldLifted", new { child = childId, rule = LifecycleRules.InvestigationHoldDefersPurge.Id }));
            }

            return new LifecycleCommandResult(LifecycleCommandStatus.Done, null, []);
        }, cancellationToken);

    /// <summary>
    /// A new identity (002 4.70-4.73): the old record is archived first (its sources told to stop, with no reason), then a
    /// new record is created from nothing of the old. Nothing links them: the audit entry of each names only its own
    /// record, the new one carries no source or fragment of the old, and only the caller learns the new id.
    /// </summary>
    public async Task<LifecycleCommandResult> NewIdentityAsync(Guid childId, string actor, CancellationToken cancellationToken)
    {
        var archived = await InTransactionAsync(childId, actor, (db, snapshot, now) =>
        {
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            return ArchiveAsync(db, snapshot, ArchiveReason.NewIdentity, LifecycleRules.NewIdentityArchivesOldFirst, today, today, actor, now, cancellationToken);
        }, cancellationToken);
        if (archived.Status == LifecycleCommandStatus.NotFound)
        {
            return archived;
        }

        // A separate transaction, so no single commit (or audit batch) holds both records.
        await using var db = databases.Create();
        var at = clock.GetUtcNow();
        var empty = new ChildView { Details = new ChildDetails(), ChosenFrom = new Dictionary<string, string>(), AlternativeNames = [], AlternativeAddresses = [] };
        var record = new ChildRecord { BestViewJson = JsonSerializer.Serialize(empty, HubJson.Options), CreatedAt = at, UpdatedAt = at };
        db.Set<ChildRecord>().Add(record);
        db.AddAudit(LifecycleIntake.Audit(at, actor, "child.created", new { child = record.Id, method = "administrator" }));
        await db.SaveChangesAsync(cancellationToken);
        return archived with { NewChildId = record.Id };
    }

    /// <summary>Archives the live record as of <paramref name="today"/> (the six years count from here) and tells every source to stop.</summary>
    private static async Task<LifecycleCommandResult> ArchiveAsync(
        HubDbContext db, LifecycleSnapshot snapshot, ArchiveReason reason, Domain.Rules.StandingRule rule, DateOnly dueOn, DateOnly today, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await LifecycleIntake.StateAsync(db, snapshot.ChildId, now, cancellationToken);
        if (row.ArchivedOn is not null)
        {
            return new LifecycleCommandResult(LifecycleCommandStatus.Done, null, []);
        }

        row.ArchivedOn = today;
        row.ArchiveReason = reason.ToString();
        row.UpdatedAt = now;
        db.AddAudit(LifecycleIntake.Audit(now, actor, "child.archived", new { child = snapshot.ChildId, reason = reason.ToString(), rule = rule.Id, section = rule.Section.ToString(), dueOn }));
        var notices = StopNotices.OnArchive(snapshot.Origins);
        AuditNotices(db, notices, snapshot.ChildId, actor, now);
        return new LifecycleCommandResult(LifecycleCommandStatus.Done, null, [.. notices.Select(n => LifecycleNotices.Queue(db, n, now))]);
    }

    private static void AuditNotices(HubDbContext db, IReadOnlyList<Domain.Lifecycle.StopNotice> notices, Guid childId, string actor, DateTimeOffset now)
    {
        foreach (var notice in notices)
        {
            db.AddAudit(LifecycleIntake.Audit(now, actor, notice.Kind == StopNoticeKind.Stop ? "child.stopNoticeSent" : "child.resumeNoticeSent",
                new { child = childId, sourceChildId = notice.SourceChildId }, notice.SourceId, "sent"));
        }
    }

    /// <summary>
    /// Deletes an archived record for good (002 4.74) unless an investigation holds it: review items, mismatch state, held
    /// messages, involvements, fragments, links, the authority transfers, the lifecycle row and the record. The audit keeps one entry with the id and
    /// counts. Runs under the linking lease and gate; the match index is rebuilt afterwards (it held the purged fragments).
    /// </summary>
    private async Task<LifecycleCommandResult> PurgeAsync(Guid childId, DateOnly today, string actor, CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using var batch = await linking.BeginAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        var row = await db.Set<ChildLifecycleState>().SingleOrDefaultAsync(s => s.ChildId == childId, cancellationToken);
        if (row is not { ArchivedOn: { } archivedOn, InvestigationHold: false } || today < archivedOn.AddYears(6))
        {
            batch.NothingAdded();
            return new LifecycleCommandResult(row is null ? LifecycleCommandStatus.NotFound : LifecycleCommandStatus.Refused, "Not archived for six years, or held for an investigation.", []);
        }

        var fragments = await db.Set<ChildLink>().Where(l => l.ChildId == childId)
            .Join(db.ChildFragments, l => l.FragmentId, f => f.Id, (l, f) => new { f.Id, f.SourceId, f.SourceChildId })
            .ToListAsync(cancellationToken);
        var ids = fragments.Select(f => f.Id).ToList();
        await db.Set<ReviewItem>().Where(r => ids.Contains(r.FragmentId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<MismatchState>().Where(m => ids.Contains(m.FragmentId)).ExecuteDeleteAsync(cancellationToken);
        foreach (var f in fragments)
        {
            await db.Set<HeldMessage>().Where(h => h.SourceId == f.SourceId && h.SourceChildId == f.SourceChildId).ExecuteDeleteAsync(cancellationToken);
        }

        await db.Set<ChildLink>().Where(l => l.ChildId == childId).ExecuteDeleteAsync(cancellationToken);
        await db.Involvements.Where(i => ids.Contains(i.ChildFragmentId)).ExecuteDeleteAsync(cancellationToken);
        await db.ChildFragments.Where(f => ids.Contains(f.Id)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<AuthorityTransfer>().Where(t => t.ChildId == childId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<ChildLifecycleState>().Where(s => s.ChildId == childId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<ChildRecord>().Where(c => c.Id == childId).ExecuteDeleteAsync(cancellationToken);
        // Ids merged into it (ADR 0013) lead nowhere now, as its own does: deleted for good with it.
        await db.Set<ChildMerge>().Where(m => m.SurvivorChildId == childId).ExecuteDeleteAsync(cancellationToken);
        await AuditTrail.AppendAsync(db, [LifecycleIntake.Audit(now, actor, "child.purged", new { child = childId, fragments = ids.Count, rule = LifecycleRules.PurgeAfterSixYears.Id })], cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Not Committed(): disposing the batch invalidates the index, so the next batch rebuilds it without the purged fragments.
        return new LifecycleCommandResult(LifecycleCommandStatus.Done, null, []);
    }

    private async Task<LifecycleCommandResult> InTransactionAsync(
        Guid childId, string actor, Func<HubDbContext, LifecycleSnapshot, DateTimeOffset, Task<LifecycleCommandResult>> action, CancellationToken cancellationToken)
    {
        _ = actor;
        await using var db = databases.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LinkingStage.AcquireLeaseAsync(db, cancellationToken);
        var snapshot = await LoadAsync(db, childId, cancellationToken);
        if (snapshot is null)
        {
            return new LifecycleCommandResult(LifecycleCommandStatus.NotFound, "No such child record.", []);
        }

        var result = await action(db, snapshot, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
