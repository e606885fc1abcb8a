using IntegrationHub.Domain.Lifecycle;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Lifecycle;
using IntegrationHub.Persistence.Linking;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Pipeline.Lifecycle;

public enum RetentionCommandStatus
{
    Done,
    NotFound,

    /// <summary>Refused by the rules (past five years, already left the record, not ended); Problem says why.</summary>
    Refused,
}

public sealed record RetentionCommandResult(RetentionCommandStatus Status, string? Problem = null, string? Code = null, DateOnly? VisibleUntil = null);

/// <summary>
/// A practitioner extends, or confirms the extension of, an ended involvement's retention (002 3.41-3.44), by the
/// involvement's natural key on a child record (source, service provision name, start date). Audited with who did it.
/// </summary>
public sealed class InvolvementRetentionService(IHubDbContextFactory databases, TimeProvider clock)
{
    /// <summary>The retention of an ended involvement, with its stored extension if any.</summary>
    public static InvolvementRetention Retention(DateOnly endedOn, InvolvementRetentionExtension? extension) =>
        new(endedOn, extension is null ? null : new RetentionExtension(extension.RetainUntil, extension.SetOn, extension.LastConfirmedOn));

    /// <summary>The stored extensions of the given involvements.</summary>
    public static Task<Dictionary<Guid, InvolvementRetentionExtension>> ExtensionsAsync(HubDbContext db, IReadOnlyCollection<Guid> involvementIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = involvementIds.ToList();
        return db.Set<InvolvementRetentionExtension>().AsNoTracking().Where(x => ids.Contains(x.InvolvementId)).ToDictionaryAsync(x => x.InvolvementId, cancellationToken);
    }

    public Task<RetentionCommandResult> ExtendAsync(Guid childId, string sourceId, string serviceProvisionName, DateOnly startDate, DateOnly retainUntil, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(childId, sourceId, serviceProvisionName, startDate, actor, (retention, today) =>
        {
            var decision = InvolvementRetentionRules.Extend(retention, retainUntil, today);
            return (decision.Retention, decision.Violations.FirstOrDefault() is { } v ? (v.Code, v.Message) : null);
        }, cancellationToken);

    public Task<RetentionCommandResult> ConfirmAsync(Guid childId, string sourceId, string serviceProvisionName, DateOnly startDate, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(childId, sourceId, serviceProvisionName, startDate, actor, (retention, today) =>
            retention.Extension is null || today >= retention.VisibleUntil
                ? (retention, ("lifecycle.retention.nothingToConfirm", "There is no extension in force to confirm; an unconfirmed extension lapses on its confirmation day."))
                : (InvolvementRetentionRules.Confirm(retention, today), null), cancellationToken);

    private async Task<RetentionCommandResult> ChangeAsync(
        Guid childId, string sourceId, string serviceProvisionName, DateOnly startDate, string actor,
        Func<InvolvementRetention, DateOnly, (InvolvementRetention After, (string Code, string Message)? Refusal)> change, CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var involvement = await db.Set<ChildLink>().Where(l => l.ChildId == childId)
            .Join(db.ChildFragments, l => l.FragmentId, f => f.Id, (l, f) => f)
            .Where(f => f.SourceId == sourceId)
            .Join(db.Involvements, f => f.Id, i => i.ChildFragmentId, (f, i) => i)
            .Where(i => i.ServiceProvisionName == serviceProvisionName && i.StartDate == startDate)
            .SingleOrDefaultAsync(cancellationToken);
        if (involvement is null)
        {
            return new RetentionCommandResult(RetentionCommandStatus.NotFound);
        }

        if (involvement.EndDate is not { } ended)
        {
            return new RetentionCommandResult(RetentionCommandStatus.Refused, "The involvement has not ended; it stays in the record while it is open.", "lifecycle.retention.notEnded");
        }

        var row = await db.Set<InvolvementRetentionExtension>().SingleOrDefaultAsync(x => x.InvolvementId == involvement.Id, cancellationToken);
        var (after, refusal) = change(Retention(ended, row), today);
        if (refusal is { } r)
        {
            return new RetentionCommandResult(RetentionCommandStatus.Refused, r.Message, r.Code);
        }

        if (row is null)
        {
            row = new InvolvementRetentionExtension { InvolvementId = involvement.Id, SetBy = actor };
            db.Set<InvolvementRetentionExtension>().Add(row);
        }

        row.RetainUntil = after.Extension!.RetainUntil;
        row.SetOn = after.Extension.SetOn;
        row.LastConfirmedOn = after.Extension.LastConfirmedOn;
        row.SetBy = actor.Length > 100 ? actor[..100] : actor;
        row.UpdatedAt = now;
        db.AddAudit(LifecycleIntake.Audit(now, actor, row.LastConfirmedOn == today ? "involvement.retentionConfirmed" : "involvement.retentionExtended",
            new { child = childId, involvement = involvement.Id, retainUntil = row.RetainUntil, visibleUntil = after.VisibleUntil }, sourceId));
        await db.SaveChangesAsync(cancellationToken);
        return new RetentionCommandResult(RetentionCommandStatus.Done, VisibleUntil: after.VisibleUntil);
    }
}
