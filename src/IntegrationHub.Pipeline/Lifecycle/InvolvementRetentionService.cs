using IntegrationHub.Domain.Lifecycle;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Lifecycle;
using IntegrationHub.Persistence.Linking;
using IntegrationHub.Pipeline.Linking;
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

public enum RetentionReviewOutcome
{
    /// <summary>Nothing due, already done, or done by another hub instance.</summary>
    Nothing,

    /// <summary>The source was asked to confirm the extension (the prompt is in the outbox; send it after this returns).</summary>
    Prompted,

    /// <summary>The extension ran out: not re-confirmed, or its retain-until day reached; the involvement left the record.</summary>
    Lapsed,
}

/// <summary>What the nightly review of one extension did; Prompt is the reply to send (already in the outbox).</summary>
public sealed record RetentionReview(RetentionReviewOutcome Outcome, OutgoingReply? Prompt = null);

/// <summary>
/// A practitioner extends, or confirms the extension of, an ended involvement's retention (002 3.41-3.44), by the
/// involvement's natural key on a child record (source, service provision name, start date). Audited with who did it.
/// The nightly retention job (Host/Scheduling/InvolvementRetentionJob) reviews every extension in force with
/// <see cref="ReviewAsync"/>: the yearly confirmation prompt to the source, and the lapse (ADR 0012).
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

    /// <summary>A page of the involvements whose extension is still in force (not lapsed), in id order after <paramref name="after"/>.</summary>
    public async Task<List<Guid>> InForceAsync(Guid? after, int take, CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        var rows = db.Set<InvolvementRetentionExtension>().AsNoTracking().Where(x => x.LapsedOn == null);
        if (after is { } last)
        {
            rows = rows.Where(x => x.InvolvementId.CompareTo(last) > 0);
        }

        return await rows.OrderBy(x => x.InvolvementId).Select(x => x.InvolvementId).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The nightly review of one extension as of <paramref name="today"/> (InvolvementRetentionRules.Evaluate): a lapse is
    /// recorded with the day it fell due and audited (<c>involvement.retentionLapsed</c>, or <c>involvement.retentionEnded</c>
    /// when its retain-until day came); a due confirmation is asked of the source that holds the involvement once per
    /// lapse day (a <see cref="RetentionConfirmationDue"/> written to the reply outbox, audited
    /// <c>involvement.retentionConfirmationPrompted</c>), never for a child whose record is archived. One transaction;
    /// idempotent (the day prompted for and the lapse are stored, and are concurrency tokens, so a second hub instance
    /// doing the same at the same time loses and does nothing).
    /// </summary>
    public async Task<RetentionReview> ReviewAsync(Guid involvementId, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        var row = await db.Set<InvolvementRetentionExtension>().SingleOrDefaultAsync(x => x.InvolvementId == involvementId && x.LapsedOn == null, cancellationToken);
        var held = await db.Involvements.AsNoTracking().Where(i => i.Id == involvementId)
            .Join(db.ChildFragments.AsNoTracking(), i => i.ChildFragmentId, f => f.Id, (i, f) => new { Involvement = i, f.SourceId, f.SourceChildId, FragmentId = f.Id })
            .Join(db.Set<ChildLink>().AsNoTracking(), x => x.FragmentId, l => l.FragmentId, (x, l) => new { x.Involvement, x.SourceId, x.SourceChildId, l.ChildId })
            .SingleOrDefaultAsync(cancellationToken);
        // Archived on withdrawn consent (002 3.7), or not ended: the extension has nothing to keep.
        if (row is null || held is null || held.Involvement.ArchivedAt is not null || held.Involvement.EndDate is not { } ended)
        {
            return new RetentionReview(RetentionReviewOutcome.Nothing);
        }

        var involvement = held.Involvement;
        var review = new RetentionReview(RetentionReviewOutcome.Nothing);
        switch (InvolvementRetentionRules.Evaluate(Retention(ended, row), today).FirstOrDefault())
        {
            case ArchiveInvolvement lapse:
                row.LapsedOn = lapse.DueOn;
                row.UpdatedAt = now;
                db.AddAudit(LifecycleIntake.Audit(now, "hub",
                    lapse.Rule == LifecycleRules.InvolvementExtensionConfirmedYearly ? "involvement.retentionLapsed" : "involvement.retentionEnded",
                    new { child = held.ChildId, involvement = involvement.Id, lapsedOn = lapse.DueOn, rule = lapse.Rule.Id, section = lapse.Rule.Section.ToString() }, held.SourceId));
                review = new RetentionReview(RetentionReviewOutcome.Lapsed);
                break;

            case PromptRetentionConfirmation prompt when row.PromptedFor != prompt.DueOn:
                // A source told to stop sending about the child is not asked about it.
                if ((await LifecycleIntake.StatusAsync(db, [held.ChildId], cancellationToken)).GetValueOrDefault(held.ChildId) == ChildStatus.Archived)
                {
                    return review;
                }

                row.PromptedFor = prompt.DueOn;
                row.UpdatedAt = now;
                var reply = LifecycleNotices.QueueRetentionPrompt(db, held.SourceId, held.SourceChildId, involvement.ServiceProvisionName, involvement.StartDate, prompt.DueOn, row.RetainUntil, now);
                db.AddAudit(LifecycleIntake.Audit(now, "hub", "involvement.retentionConfirmationPrompted",
                    new { child = held.ChildId, involvement = involvement.Id, lapsesOn = prompt.DueOn, rule = prompt.Rule.Id, section = prompt.Rule.Section.ToString() }, held.SourceId, "sent"));
                review = new RetentionReview(RetentionReviewOutcome.Prompted, reply);
                break;

            default:
                return review;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return review;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another hub instance (or a practitioner's confirmation) changed the extension first; the next run judges again.
            return new RetentionReview(RetentionReviewOutcome.Nothing);
        }
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
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ChangeOnceAsync(childId, sourceId, serviceProvisionName, startDate, actor, change, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // The nightly job prompted or lapsed this extension meanwhile: judge again on what it left.
            }
        }
    }

    private async Task<RetentionCommandResult> ChangeOnceAsync(
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
