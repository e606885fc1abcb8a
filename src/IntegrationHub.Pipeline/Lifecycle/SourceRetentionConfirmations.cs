using IntegrationHub.Contracts;
using IntegrationHub.Domain.Lifecycle;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Lifecycle;
using IntegrationHub.Pipeline.Intake;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Pipeline.Lifecycle;

/// <summary>
/// Retention confirmations a source sends on the wire (ADR 0012): an endInvolvement for the ended provision carrying
/// <c>involvement.retentionConfirmation.lapsesOn</c>, the day its <c>retentionConfirmationDue</c> prompt named. The intake
/// judges it before applying the message (<see cref="Judge"/>: a refusal rejects the message with the reason) and carries
/// it out, tracked in the batch's transaction and audited (<c>involvement.retentionConfirmed</c>), once the message applied
/// (<see cref="Apply"/>). Judged by <see cref="InvolvementRetentionRules.ConfirmFromSource"/>, so a fragment sent again
/// after it took effect changes nothing. One instance per intake batch.
/// </summary>
public sealed class SourceRetentionConfirmations
{
    private readonly HubDbContext db;
    private readonly Dictionary<Guid, InvolvementRetentionExtension> extensions;

    private SourceRetentionConfirmations(HubDbContext db, Dictionary<Guid, InvolvementRetentionExtension> extensions)
    {
        this.db = db;
        this.extensions = extensions;
    }

    /// <summary>The extensions (tracked) of the held fragments' involvements, read only when a message carries a confirmation.</summary>
    public static async Task<SourceRetentionConfirmations> LoadAsync(HubDbContext db, IEnumerable<ChildFragment> held, IEnumerable<IFragment> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!messages.Any(m => IntakeProcessor.InvolvementOf(m)?.RetentionConfirmation is not null))
        {
            return new SourceRetentionConfirmations(db, []);
        }

        var ids = held.SelectMany(f => f.Involvements).Where(i => i.EndDate is not null).Select(i => i.Id).ToList();
        var rows = await db.Set<InvolvementRetentionExtension>().Where(x => ids.Contains(x.InvolvementId)).ToDictionaryAsync(x => x.InvolvementId, cancellationToken);
        return new SourceRetentionConfirmations(db, rows);
    }

    /// <summary>The reason to reject the message for its confirmation, or null (none carried, or it may go ahead).</summary>
    public Reason? Judge(IFragment message, ChildFragment? fragment, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (IntakeProcessor.InvolvementOf(message) is not { RetentionConfirmation: { } confirmation } involvement)
        {
            return null;
        }

        if (message is not EndInvolvement)
        {
            var rule = LifecycleRules.InvolvementExtensionConfirmedYearly;
            return new Reason
            {
                Path = "$.involvement.retentionConfirmation",
                Code = "lifecycle.retention.confirmOnEndOnly",
                Message = "A retention confirmation is sent on an endInvolvement for the ended provision (its name, start date and end date as recorded).",
                Rule = rule.Id,
                Guidance = rule.Section.ToString(),
            };
        }

        var decision = Decide(fragment, involvement, confirmation, today).Decision;
        return decision.Violation is { } v ? Intake.IntakeRules.ToReason(v) : null;
    }

    /// <summary>The message applied: a confirmation it carries takes effect (the extension holds a year from today), audited.</summary>
    public void Apply(IFragment message, ChildFragment fragment, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        if (message is not EndInvolvement { Involvement: { RetentionConfirmation: { } confirmation } involvement })
        {
            return;
        }

        var (decision, record) = Decide(fragment, involvement, confirmation, today);
        if (decision.Outcome != SourceConfirmationOutcome.Confirmed || record is null || !extensions.TryGetValue(record.Id, out var row))
        {
            return;
        }

        row.LastConfirmedOn = decision.Retention!.Extension!.LastConfirmedOn;
        row.SetBy = fragment.SourceId;
        row.UpdatedAt = now;
        db.AddAudit(LifecycleIntake.Audit(now, fragment.SourceId, "involvement.retentionConfirmed",
            new { involvement = record.Id, lapsesOn = confirmation.LapsesOn, visibleUntil = decision.Retention.VisibleUntil, via = "fragment" }, fragment.SourceId));
    }

    private (SourceConfirmationDecision Decision, InvolvementRecord? Record) Decide(ChildFragment? fragment, Involvement involvement, RetentionConfirmation confirmation, DateOnly today)
    {
        var record = fragment is null ? null : IntakeProcessor.RecordOf(fragment, involvement);
        // An involvement archived on withdrawn consent (002 3.7) is in no view: nothing to keep.
        var retention = record is { EndDate: { } ended, ArchivedAt: null } ? InvolvementRetentionService.Retention(ended, extensions.GetValueOrDefault(record.Id)) : null;
        return (InvolvementRetentionRules.ConfirmFromSource(retention, confirmation.LapsesOn, today), record);
    }
}
