using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.Domain.BestView;
using IntegrationHub.Domain.Lifecycle;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Lifecycle;
using IntegrationHub.Persistence.Linking;
using IntegrationHub.Pipeline.Linking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Pipeline.Lifecycle;

/// <summary>A transfer command's outcome: the transfer as it stands afterwards when there is one.</summary>
public sealed record TransferCommandResult(LifecycleCommandStatus Status, string? Problem, AuthorityTransfer? Transfer = null);

/// <summary>
/// The local authority compartments on stored child records (002 4.53-4.59; ADR 0011). Inside the intake transaction,
/// after the best view is assembled, every changed record is assigned to its responsible authority (an authority
/// responsible for services named by a fragment, else ordinary residence from the best view's postcode) and kept current:
/// when the residence moves to another authority, a record listing only universal services moves at once, one listing
/// specialist or targeted services gets a pending transfer that completes only when both authorities accept. Data
/// managers propose, accept and decline transfers for their own authority. Every step is audited with ids, the side
/// (from/to) and rule ids; the authorities' names stay on the lifecycle and transfer rows (they show where the child lives).
/// </summary>
public sealed class CompartmentService(IHubDbContextFactory databases, IOptions<CompartmentOptions> options, TimeProvider clock)
{
    private const string ByMove = "move";
    private const string ByRequest = "request";
    private const string Hub = "hub";

    /// <summary>
    /// Assigns and keeps current the responsible authority of the given (just assembled) records. Runs under the linking
    /// lease in the caller's transaction; the caller saves. Idempotent: a record whose residence still points where it did
    /// is left alone, so a repeated fragment proposes nothing twice and an agreed or declined transfer is not undone.
    /// </summary>
    public async Task AssignAsync(HubDbContext db, IReadOnlyCollection<Guid> childIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (childIds.Count == 0)
        {
            return;
        }

        var ids = childIds.Distinct().ToList();
        var records = await db.Set<ChildRecord>().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        await db.Set<ChildLifecycleState>().Where(s => ids.Contains(s.ChildId)).LoadAsync(cancellationToken);
        // The stored rows just loaded and any the batch added (a death, a shielding request), read once: DbSet.Local
        // detects changes over everything the batch tracks, so it is not touched per record.
        var wanted = ids.ToHashSet();
        var states = db.Set<ChildLifecycleState>().Local.Where(s => wanted.Contains(s.ChildId)).ToDictionary(s => s.ChildId);
        // Only fragments that name an authority responsible for services are read in full.
        var fragments = (await db.Set<ChildLink>().AsNoTracking().Where(l => ids.Contains(l.ChildId))
                .Join(db.ChildFragments.AsNoTracking(), l => l.FragmentId, f => f.Id,
                    (l, f) => new { l.ChildId, f.SourceId, f.ProducedAt, Json = f.ChildJson.Contains("\"responsibleAuthority\"") ? f.ChildJson : null })
                .ToListAsync(cancellationToken))
            .ToLookup(f => f.ChildId);
        var authorities = await db.Sources.AsNoTracking().Where(s => s.LocalAuthority != null).ToDictionaryAsync(s => s.Id, s => s.LocalAuthority!, cancellationToken);

        var moves = new List<(ChildLifecycleState State, Residence Residence)>();
        foreach (var id in ids)
        {
            if (!records.TryGetValue(id, out var record))
            {
                continue;
            }

            var state = states.GetValueOrDefault(id);
            if (state?.ArchivedOn is not null)
            {
                continue;
            }

            var linked = fragments[id].OrderByDescending(f => f.ProducedAt).ThenBy(f => f.SourceId, StringComparer.Ordinal).ToList();
            var lead = linked.Where(f => f.Json is not null)
                .Select(f => JsonSerializer.Deserialize<Child>(f.Json!, HubJson.Options)?.ResponsibleAuthority)
                .FirstOrDefault(a => !string.IsNullOrWhiteSpace(a));
            var view = record.BestViewJson.Length > 2 ? JsonSerializer.Deserialize<ChildView>(record.BestViewJson, HubJson.Options) : null;
            var byPostcode = Compartments.AuthorityForPostcode(view?.Details.Address?.Postcode, options.Value.PostcodeDistricts);
            var ordinary = byPostcode
                ?? (view?.ChosenFrom.GetValueOrDefault("address") is { } addressSource ? authorities.GetValueOrDefault(addressSource) : null)
                ?? linked.AsEnumerable().Reverse().Select(f => authorities.GetValueOrDefault(f.SourceId)).FirstOrDefault(a => a is not null);
            if ((lead ?? ordinary) is not { } known)
            {
                continue; // nothing says where the child lives yet (e.g. only a national source without an address)
            }

            var residence = new Residence(ordinary ?? known, lead);
            var target = Compartments.ResponsibleAuthority(residence);
            if (state is null)
            {
                state = new ChildLifecycleState { ChildId = id, UpdatedAt = now };
                db.Set<ChildLifecycleState>().Add(state);
            }

            if (state.ResponsibleAuthority is null)
            {
                state.ResponsibleAuthority = target;
                state.ResidenceAuthority = target;
                state.UpdatedAt = now;
                var basis = lead is not null ? "responsibleForServices" : byPostcode is not null ? "postcode" : "source";
                db.AddAudit(LifecycleIntake.Audit(now, Hub, "child.authorityAssigned", new { child = id, basis, rule = LifecycleRules.CompartmentByOrdinaryResidence.Id }));
                continue;
            }

            if (Compartments.SameAuthority(state.ResidenceAuthority, target))
            {
                continue;
            }

            state.ResidenceAuthority = target;
            state.UpdatedAt = now;
            moves.Add((state, residence));
        }

        if (moves.Count == 0)
        {
            return;
        }

        // The records that moved, their pending transfers read in one query (each record is in this batch once).
        var moving = moves.Select(m => m.State.ChildId).ToList();
        var pending = await db.Set<AuthorityTransfer>().Where(t => moving.Contains(t.ChildId) && t.Status == AuthorityTransferStatus.Pending)
            .ToDictionaryAsync(t => t.ChildId, cancellationToken);
        foreach (var (moved, residence) in moves)
        {
            await MoveAsync(db, moved, residence, pending.GetValueOrDefault(moved.ChildId), now, cancellationToken);
        }
    }

    /// <summary>The child's residence now points to another authority: moved at once, or a transfer proposed (002 4.54).</summary>
    private static async Task MoveAsync(HubDbContext db, ChildLifecycleState state, Residence residence, AuthorityTransfer? pending, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var child = state.ChildId;
        var target = Compartments.ResponsibleAuthority(residence);
        if (pending is not null)
        {
            if (Compartments.SameAuthority(pending.ToAuthority, target))
            {
                return; // already proposed to where the child now lives
            }

            Close(pending, AuthorityTransferStatus.Superseded, Hub, now);
            db.AddAudit(LifecycleIntake.Audit(now, Hub, "child.transferSuperseded", new { child, transfer = pending.Id }));
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var move = Compartments.OnMove(state.ResponsibleAuthority!, residence, await ListsSpecialistServicesAsync(db, child, today, cancellationToken));
        if (move.Kind == TransferKind.None)
        {
            return; // back where the record already belongs
        }

        var transfer = new AuthorityTransfer
        {
            ChildId = child,
            FromAuthority = move.From,
            ToAuthority = move.To,
            Origin = ByMove,
            ProposedBy = Hub,
            ProposedAt = now,
            Status = AuthorityTransferStatus.Pending,
        };
        db.Set<AuthorityTransfer>().Add(transfer);
        if (move.Kind == TransferKind.Automatic)
        {
            Close(transfer, AuthorityTransferStatus.Completed, Hub, now);
            state.ResponsibleAuthority = move.ResponsibleAuthority;
            db.AddAudit(LifecycleIntake.Audit(now, Hub, "child.authorityMoved",
                new { child, transfer = transfer.Id, rule = LifecycleRules.UniversalOnlyMovesAutomatically.Id, section = LifecycleRules.UniversalOnlyMovesAutomatically.Section.ToString() }));
        }
        else
        {
            db.AddAudit(LifecycleIntake.Audit(now, Hub, "child.transferProposed",
                new { child, transfer = transfer.Id, origin = ByMove, rule = LifecycleRules.SpecialistNeedsBothAuthorities.Id, section = LifecycleRules.SpecialistNeedsBothAuthorities.Section.ToString() }));
        }
    }

    /// <summary>
    /// Whether the record lists a specialist or targeted service (002 4.54 "services listed"): an open one, or an ended
    /// one still shown on the record (a year after its end, or longer under a practitioner's extension). Involvements
    /// archived on withdrawn consent are on no record.
    /// </summary>
    public static async Task<bool> ListsSpecialistServicesAsync(HubDbContext db, Guid childId, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var universal = HubJson.WireName(ServiceType.Universal);
        var specialist = await db.Set<ChildLink>().AsNoTracking().Where(l => l.ChildId == childId)
            .Join(db.Involvements.AsNoTracking().Where(i => i.ArchivedAt == null && i.ServiceType != universal), l => l.FragmentId, i => i.ChildFragmentId, (l, i) => new { i.Id, i.EndDate })
            .ToListAsync(cancellationToken);
        if (specialist.Any(i => i.EndDate is null))
        {
            return true;
        }

        var extensions = await InvolvementRetentionService.ExtensionsAsync(db, [.. specialist.Select(i => i.Id)], cancellationToken);
        return specialist.Any(i => today < InvolvementRetentionService.Retention(i.EndDate!.Value, extensions.GetValueOrDefault(i.Id)).VisibleUntil);
    }

    /// <summary>The pending transfers an authority takes part in, either side (null: the national team, every pending transfer).</summary>
    public async Task<IReadOnlyList<AuthorityTransfer>> PendingForAsync(string? authority, CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        // Compared in memory (ignoring case, as Viewer.CanSee); the pending list is short.
        return (await db.Set<AuthorityTransfer>().AsNoTracking().Where(t => t.Status == AuthorityTransferStatus.Pending).ToListAsync(cancellationToken))
            .Where(t => authority is null || Compartments.SameAuthority(t.FromAuthority, authority) || Compartments.SameAuthority(t.ToAuthority, authority))
            .OrderBy(t => t.ProposedAt)
            .ToList();
    }

    /// <summary>
    /// A person proposes moving the record to <paramref name="toAuthority"/> (002 4.58, 4.59): a data manager of the
    /// authority the record belongs to (handing it on) or of the receiving one (asking for it); the national team for any.
    /// Always a proposal; the proposer's authority counts as accepting. A second identical proposal returns the first.
    /// </summary>
    public Task<TransferCommandResult> ProposeAsync(Guid childId, string toAuthority, string? actingFor, string actor, CancellationToken cancellationToken) =>
        InTransactionAsync(async (db, now) =>
        {
            var state = await db.Set<ChildLifecycleState>().SingleOrDefaultAsync(s => s.ChildId == childId, cancellationToken);
            if (state?.ResponsibleAuthority is not { } current
                || (actingFor is not null && !Compartments.SameAuthority(actingFor, current) && !Compartments.SameAuthority(actingFor, toAuthority)))
            {
                return new TransferCommandResult(LifecycleCommandStatus.NotFound, "No such record assigned to or proposed for your authority.");
            }

            if (state.ArchivedOn is not null)
            {
                return new TransferCommandResult(LifecycleCommandStatus.Refused, "The record is archived.");
            }

            if (Compartments.SameAuthority(current, toAuthority))
            {
                return new TransferCommandResult(LifecycleCommandStatus.Refused, "The record already belongs to that authority.");
            }

            if (await PendingAsync(db, childId, cancellationToken) is { } pending)
            {
                return Compartments.SameAuthority(pending.ToAuthority, toAuthority)
                    ? new TransferCommandResult(LifecycleCommandStatus.Done, null, pending)
                    : new TransferCommandResult(LifecycleCommandStatus.Refused, "Another transfer of this record is pending; decline it first.", pending);
            }

            var proposal = Compartments.Propose(current, toAuthority, actingFor);
            var transfer = new AuthorityTransfer
            {
                ChildId = childId,
                FromAuthority = proposal.From,
                ToAuthority = proposal.To,
                Origin = ByRequest,
                ProposedBy = actor,
                ProposedAt = now,
                Status = AuthorityTransferStatus.Pending,
                AcceptedByFrom = proposal.AcceptedByFrom ? actor : null,
                AcceptedByFromAt = proposal.AcceptedByFrom ? now : null,
                AcceptedByTo = proposal.AcceptedByTo ? actor : null,
                AcceptedByToAt = proposal.AcceptedByTo ? now : null,
            };
            db.Set<AuthorityTransfer>().Add(transfer);
            var side = proposal.AcceptedByFrom ? "from" : proposal.AcceptedByTo ? "to" : null;
            db.AddAudit(LifecycleIntake.Audit(now, actor, "child.transferProposed",
                new { child = childId, transfer = transfer.Id, origin = ByRequest, acceptedFor = side, rule = LifecycleRules.SpecialistNeedsBothAuthorities.Id }));
            return new TransferCommandResult(LifecycleCommandStatus.Done, null, transfer);
        }, cancellationToken);

    /// <summary>
    /// A data manager accepts a pending transfer for their authority; when both have, the record moves (002 4.54, 4.55).
    /// Only the two authorities may accept: another authority is answered as if the transfer did not exist, the national
    /// team is refused. Accepting twice changes nothing.
    /// </summary>
    public Task<TransferCommandResult> AcceptAsync(Guid transferId, string? actingFor, string actor, CancellationToken cancellationToken) =>
        InTransactionAsync(async (db, now) =>
        {
            var transfer = await db.Set<AuthorityTransfer>().SingleOrDefaultAsync(t => t.Id == transferId, cancellationToken);
            if (Refusal(transfer, actingFor) is { } refused)
            {
                return refused;
            }

            var before = new CompartmentTransfer(TransferKind.Proposed, transfer!.FromAuthority, transfer.ToAuthority, transfer.AcceptedByFrom is not null, transfer.AcceptedByTo is not null);
            var after = Compartments.Accept(before, actingFor!);
            if (after == before)
            {
                return new TransferCommandResult(LifecycleCommandStatus.Done, null, transfer); // already accepted by this side
            }

            if (transfer.Status != AuthorityTransferStatus.Pending)
            {
                return new TransferCommandResult(LifecycleCommandStatus.Refused, $"The transfer is no longer pending ({transfer.Status}).", transfer);
            }

            var side = after.AcceptedByFrom != before.AcceptedByFrom ? "from" : "to";
            if (side == "from")
            {
                (transfer.AcceptedByFrom, transfer.AcceptedByFromAt) = (actor, now);
            }
            else
            {
                (transfer.AcceptedByTo, transfer.AcceptedByToAt) = (actor, now);
            }

            db.AddAudit(LifecycleIntake.Audit(now, actor, "child.transferAccepted", new { child = transfer.ChildId, transfer = transfer.Id, side }));
            if (after.Completed)
            {
                var state = await LifecycleIntake.StateAsync(db, transfer.ChildId, now, cancellationToken);
                state.ResponsibleAuthority = after.ResponsibleAuthority;
                state.UpdatedAt = now;
                Close(transfer, AuthorityTransferStatus.Completed, actor, now);
                db.AddAudit(LifecycleIntake.Audit(now, actor, "child.transferCompleted",
                    new { child = transfer.ChildId, transfer = transfer.Id, rule = LifecycleRules.SpecialistNeedsBothAuthorities.Id, section = LifecycleRules.SpecialistNeedsBothAuthorities.Section.ToString() }));
            }

            return new TransferCommandResult(LifecycleCommandStatus.Done, null, transfer);
        }, cancellationToken);

    /// <summary>One of the two authorities declines (or the proposer withdraws) a pending transfer: the record stays. Idempotent.</summary>
    public Task<TransferCommandResult> DeclineAsync(Guid transferId, string? actingFor, string actor, CancellationToken cancellationToken) =>
        InTransactionAsync(async (db, now) =>
        {
            var transfer = await db.Set<AuthorityTransfer>().SingleOrDefaultAsync(t => t.Id == transferId, cancellationToken);
            if (Refusal(transfer, actingFor) is { } refused)
            {
                return refused;
            }

            switch (transfer!.Status)
            {
                case AuthorityTransferStatus.Declined:
                    return new TransferCommandResult(LifecycleCommandStatus.Done, null, transfer);
                case not AuthorityTransferStatus.Pending:
                    return new TransferCommandResult(LifecycleCommandStatus.Refused, $"The transfer is no longer pending ({transfer.Status}).", transfer);
            }

            Close(transfer, AuthorityTransferStatus.Declined, actor, now);
            var side = Compartments.SameAuthority(actingFor, transfer.FromAuthority) ? "from" : "to";
            db.AddAudit(LifecycleIntake.Audit(now, actor, "child.transferDeclined", new { child = transfer.ChildId, transfer = transfer.Id, side }));
            return new TransferCommandResult(LifecycleCommandStatus.Done, null, transfer);
        }, cancellationToken);

    /// <summary>Why the national team (or a data manager of no authority) may not accept or decline a transfer.</summary>
    public const string OnlyTheTwoAuthorities = "Only the two local authorities accept or decline a transfer (002 4.54-4.56).";

    /// <summary>Only the two authorities act on a transfer: another authority learns nothing of it; the national team is refused.</summary>
    private static TransferCommandResult? Refusal(AuthorityTransfer? transfer, string? actingFor)
    {
        if (transfer is null || (actingFor is not null && !Compartments.SameAuthority(actingFor, transfer.FromAuthority) && !Compartments.SameAuthority(actingFor, transfer.ToAuthority)))
        {
            return new TransferCommandResult(LifecycleCommandStatus.NotFound, "No such transfer for your authority.");
        }

        return actingFor is null
            ? new TransferCommandResult(LifecycleCommandStatus.Refused, OnlyTheTwoAuthorities, transfer)
            : null;
    }

    private static Task<AuthorityTransfer?> PendingAsync(HubDbContext db, Guid childId, CancellationToken cancellationToken) =>
        db.Set<AuthorityTransfer>().FirstOrDefaultAsync(t => t.ChildId == childId && t.Status == AuthorityTransferStatus.Pending, cancellationToken);

    private static void Close(AuthorityTransfer transfer, AuthorityTransferStatus status, string by, DateTimeOffset now)
    {
        transfer.Status = status;
        transfer.ClosedAt = now;
        transfer.ClosedBy = by;
    }

    /// <summary>One transaction under the linking lease, so no intake batch moves the record halfway.</summary>
    private async Task<TransferCommandResult> InTransactionAsync(Func<HubDbContext, DateTimeOffset, Task<TransferCommandResult>> action, CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LinkingStage.AcquireLeaseAsync(db, cancellationToken);
        var result = await action(db, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
