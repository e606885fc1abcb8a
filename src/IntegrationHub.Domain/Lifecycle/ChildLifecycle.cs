using IntegrationHub.Domain.Consent;
using IntegrationHub.Domain.Rules;

namespace IntegrationHub.Domain.Lifecycle;

/// <summary>Why a whole record went to the archive (002 4.75, 4.77).</summary>
public enum ArchiveReason
{
    /// <summary>The adult transition date passed: the 18th birthday, or 19/25 with consent, or consent withdrawn.</summary>
    AdultTransition,

    /// <summary>One year after a death confirmed by the registration source.</summary>
    Death,

    /// <summary>The responsible local authority confirmed the child left England (or moved to Scotland or Wales).</summary>
    LeftEngland,

    /// <summary>The child was given a new identity; the old record goes first.</summary>
    NewIdentity,
}

/// <summary>A death as the hub knows it (002 3.37-3.40).</summary>
/// <param name="DateOfDeath">As notified; shown on the record at once.</param>
/// <param name="NotifiedOn">When any source or user first told the hub.</param>
/// <param name="ConfirmedByRegistrationOn">When the registration source (Registrar General) confirmed it; null until then.</param>
public sealed record DeathRecord(DateOnly DateOfDeath, DateOnly NotifiedOn, DateOnly? ConfirmedByRegistrationOn);

/// <summary>The responsible local authority's confirmation that the child left England (002 4.60, 4.77).</summary>
/// <param name="ConfirmedOn">The day the authority confirmed it after taking reasonable steps.</param>
/// <param name="ConfirmedBy">The local authority that confirmed it: the one the child was last ordinarily resident in.</param>
/// <param name="Destination">Where to, as recorded (e.g. "Scotland", "Wales", "abroad"); for the audit trail only.</param>
public sealed record LeftEnglandConfirmation(DateOnly ConfirmedOn, string ConfirmedBy, string? Destination);

/// <summary>A record in the archive.</summary>
/// <param name="ArchivedOn">The day it went to the archive: the six years run from here (002 4.74).</param>
/// <param name="InvestigationHold">An ongoing or planned investigation holds the purge (002 4.81).</param>
public sealed record ArchiveState(DateOnly ArchivedOn, ArchiveReason Reason, bool InvestigationHold = false)
{
    /// <summary>The day the archive's six years end.</summary>
    public DateOnly PurgeDueOn => ArchivedOn.AddYears(6);
}

/// <summary>Where a record is in its life.</summary>
public enum RecordStage
{
    Live,
    Archived,

    /// <summary>Deleted for good: only this marker remains (no data), so the purge is not repeated.</summary>
    Purged,
}

/// <summary>Something the daily lifecycle job must do for a record, because it is due on or before today.</summary>
/// <param name="DueOn">The day it fell due: may be before today when a night was missed.</param>
/// <param name="Rule">The rule that made it due.</param>
public abstract record LifecycleAction(DateOnly DueOn, StandingRule Rule);

/// <summary>Move the whole record to the archive; then send stop notices (<see cref="StopNotices.OnArchive"/>).</summary>
public sealed record ArchiveRecord(ArchiveReason Reason, DateOnly DueOn, StandingRule Rule) : LifecycleAction(DueOn, Rule);

/// <summary>Delete the archived record for good.</summary>
public sealed record PurgeRecord(DateOnly DueOn, StandingRule Rule) : LifecycleAction(DueOn, Rule);

/// <summary>
/// The lifecycle of one child record: the facts the rules need, and <see cref="Evaluate"/>, the one entry
/// point a daily job calls. Pure and immutable; the job loads the state, applies what is due with
/// <see cref="Apply"/>, stores it and the audit entry in one transaction. Evaluating the applied state again
/// yields nothing more, so a second run, or a run after a crash, changes nothing twice; a missed night is
/// caught up because each rule asks "what is due as of today", not "what falls due today".
/// </summary>
public sealed record ChildLifecycle
{
    public required DateOnly DateOfBirth { get; init; }

    /// <summary>Every consent to retention past 18, and withdrawal, reported so far (see <see cref="AdultTransition"/>).</summary>
    public IReadOnlyList<RetentionConsent> RetentionConsents { get; init; } = [];

    public DeathRecord? Death { get; init; }

    public LeftEnglandConfirmation? LeftEngland { get; init; }

    /// <summary>Set while the record is archived; null while live.</summary>
    public ArchiveState? Archive { get; init; }

    public bool Purged { get; init; }

    public RecordStage Stage => Purged ? RecordStage.Purged : Archive is null ? RecordStage.Live : RecordStage.Archived;

    /// <summary>A notified death shows at once, confirmed or not (002 3.40).</summary>
    public bool ShowsDeath => Death is not null;

    /// <summary>The adult transition date from the date of birth and the consents (reuses <see cref="AdultTransition.Compute"/>).</summary>
    public AdultTransitionDate AdultTransitionDate => AdultTransition.Compute(DateOfBirth, RetentionConsents);

    /// <summary>What is due for this record as of <paramref name="today"/>: at most one action.</summary>
    public static IReadOnlyList<LifecycleAction> Evaluate(ChildLifecycle state, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        switch (state.Stage)
        {
            case RecordStage.Purged:
                return [];
            case RecordStage.Archived:
                var archive = state.Archive!;
                return !archive.InvestigationHold && today >= archive.PurgeDueOn
                    ? [new PurgeRecord(archive.PurgeDueOn, LifecycleRules.PurgeAfterSixYears)]
                    : [];
        }

        // Several reasons may be due together (a missed night, a late confirmation): the earliest one is the
        // reason the record was archived.
        var due = new List<ArchiveRecord>();
        var transition = state.AdultTransitionDate;
        if (transition.HasPassed(today))
        {
            due.Add(new ArchiveRecord(ArchiveReason.AdultTransition, transition.Date, LifecycleRules.ArchiveAtAdultTransition));
        }

        if (state.Death?.ConfirmedByRegistrationOn is { } confirmed && today >= confirmed.AddYears(1))
        {
            due.Add(new ArchiveRecord(ArchiveReason.Death, confirmed.AddYears(1), LifecycleRules.ArchiveAYearAfterConfirmedDeath));
        }

        if (state.LeftEngland is { } left && today >= left.ConfirmedOn)
        {
            due.Add(new ArchiveRecord(ArchiveReason.LeftEngland, left.ConfirmedOn, LifecycleRules.ArchiveWhenLeftEngland));
        }

        return due.Count == 0 ? [] : [due.OrderBy(a => a.DueOn).ThenBy(a => a.Reason).First()];
    }

    /// <summary>
    /// The state after <paramref name="action"/> was carried out on <paramref name="today"/>. The archive's six
    /// years count from the day of archiving: a late run keeps data a little longer, never shorter.
    /// </summary>
    public static ChildLifecycle Apply(ChildLifecycle state, LifecycleAction action, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        return action switch
        {
            ArchiveRecord archive when state.Stage == RecordStage.Live => state with { Archive = new ArchiveState(today, archive.Reason) },
            PurgeRecord when state.Stage == RecordStage.Archived && !state.Archive!.InvestigationHold => state with { Purged = true },

            // Already done (a second run): nothing changes.
            _ => state,
        };
    }

    /// <summary>A source or user notifies a death: it shows at once; the archive waits for the registration source.</summary>
    public static ChildLifecycle NotifyDeath(ChildLifecycle state, DateOnly dateOfDeath, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Death is null ? state with { Death = new DeathRecord(dateOfDeath, today, null) } : state;
    }

    /// <summary>The registration source confirms the death: the one-year clock to the archive starts.</summary>
    public static ChildLifecycle ConfirmDeath(ChildLifecycle state, DateOnly dateOfDeath, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        var death = state.Death ?? new DeathRecord(dateOfDeath, today, null);
        return death.ConfirmedByRegistrationOn is null
            ? state with { Death = death with { DateOfDeath = dateOfDeath, ConfirmedByRegistrationOn = today } }
            : state;
    }

    /// <summary>An investigation holds the archived record past its six years (002 4.74, 4.81).</summary>
    public static ChildLifecycle PlaceInvestigationHold(ChildLifecycle state) =>
        state.Archive is { } archive ? state with { Archive = archive with { InvestigationHold = true } } : state;

    /// <summary>The hold is lifted: a record already past its six years is purged on the next run.</summary>
    public static ChildLifecycle LiftInvestigationHold(ChildLifecycle state) =>
        state.Archive is { } archive ? state with { Archive = archive with { InvestigationHold = false } } : state;

    /// <summary>
    /// Restores a record archived because the child left England, when the child returned within six years of
    /// the archiving and before the 18th birthday (002 4.79). Other retrievals of 4.79 are access, not restore.
    /// </summary>
    public static RestoreDecision Restore(ChildLifecycle state, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        var rule = LifecycleRules.RestoreAfterReturnToEngland;
        if (state.Archive is not { Reason: ArchiveReason.LeftEngland } archive || state.Purged)
        {
            return new RestoreDecision(false, state, "Only a record archived because the child left England can be restored to the live system.", rule);
        }

        if (today >= archive.PurgeDueOn)
        {
            return new RestoreDecision(false, state, "The child returned more than six years after the record was archived.", rule);
        }

        if (today >= Birthdays.Birthday(state.DateOfBirth, 18))
        {
            return new RestoreDecision(false, state, "The child returned on or after their 18th birthday.", rule);
        }

        return new RestoreDecision(true, state with { Archive = null, LeftEngland = null }, "Restored: the child returned to England within six years and before their 18th birthday.", rule);
    }
}

/// <summary>The outcome of a restore request: the state afterwards (unchanged when refused) and why.</summary>
public sealed record RestoreDecision(bool Restored, ChildLifecycle State, string Explanation, StandingRule Rule);
