using IntegrationHub.Domain.Consent;
using IntegrationHub.Domain.Lifecycle;
using static IntegrationHub.Domain.Lifecycle.LifecycleRules;

namespace IntegrationHub.Domain.Tests.Lifecycle;

/// <summary>Whole-record archive and purge: what <see cref="ChildLifecycle.Evaluate"/> says is due (002 3.34-3.40, 4.60, 4.74-4.81).</summary>
[TestFixture]
public sealed class ChildLifecycleTests
{
    private static readonly DateOnly Born = new(2008, 4, 20);
    private static readonly DateOnly Eighteen = new(2026, 4, 20);
    private static readonly ChildLifecycle Child = new() { DateOfBirth = Born };

    private static string Due(ChildLifecycle state, DateOnly today) => LifecycleTable.Describe(ChildLifecycle.Evaluate(state, today));

    private static RetentionConsent Consent(RetentionBasis basis, DateOnly on, RetentionConsentStatus status = RetentionConsentStatus.Given) => new(basis, status, on);

    private static ChildLifecycle Archived(DateOnly on, ArchiveReason reason, bool hold = false) => Child with { Archive = new ArchiveState(on, reason, hold) };

    public static IEnumerable<LifecycleCase> Cases
    {
        get
        {
            // Adult transition (reuses Consent/AdultTransition).
            yield return new(ArchiveAtAdultTransition, "no consent: live the day before the 18th birthday", () => Due(Child, Eighteen.AddDays(-1)), "nothing");
            yield return new(ArchiveAtAdultTransition, "no consent: archived on the 18th birthday", () => Due(Child, Eighteen), "archive AdultTransition due 2026-04-20");
            yield return new(ArchiveAtAdultTransition, "a missed night: archived the next run, due date kept", () => Due(Child, Eighteen.AddDays(3)), "archive AdultTransition due 2026-04-20");
            yield return new(ArchiveAtAdultTransition, "Connexions consent: live at 18, archived on the 19th birthday",
                () => $"{Due(Child with { RetentionConsents = [Consent(RetentionBasis.ConnexionsParticipation, Eighteen.AddYears(-1))] }, Eighteen)} / {Due(Child with { RetentionConsents = [Consent(RetentionBasis.ConnexionsParticipation, Eighteen.AddYears(-1))] }, Eighteen.AddYears(1))}",
                "nothing / archive AdultTransition due 2027-04-20");
            yield return new(ArchiveAtAdultTransition, "care leaver with consent: archived on the 25th birthday",
                () => $"{Due(Child with { RetentionConsents = [Consent(RetentionBasis.CareLeaver, Eighteen.AddMonths(-2))] }, Eighteen.AddYears(7).AddDays(-1))} / {Due(Child with { RetentionConsents = [Consent(RetentionBasis.CareLeaver, Eighteen.AddMonths(-2))] }, Eighteen.AddYears(7))}",
                "nothing / archive AdultTransition due 2033-04-20");
            yield return new(ArchiveAtAdultTransition, "learning difficulties with consent: archived on the 25th birthday",
                () => Due(Child with { RetentionConsents = [Consent(RetentionBasis.LearningDifficultiesOrDisabilities, Eighteen.AddMonths(-2))] }, Eighteen.AddYears(7)),
                "archive AdultTransition due 2033-04-20");
            yield return new(ArchiveAtAdultTransition, "consent withdrawn at 20: the 18th birthday is back and the record is archived at once",
                () => Due(Child with { RetentionConsents = [Consent(RetentionBasis.CareLeaver, Eighteen.AddMonths(-2)), Consent(RetentionBasis.CareLeaver, Eighteen.AddYears(2), RetentionConsentStatus.Withdrawn)] }, Eighteen.AddYears(2)),
                "archive AdultTransition due 2026-04-20");

            // Death.
            var notified = ChildLifecycle.NotifyDeath(Child, new DateOnly(2015, 1, 10), new DateOnly(2015, 1, 12));
            yield return new(DeathShowsAtOnce, "a source notifies a death: it shows at once", () => $"{notified.ShowsDeath}", "True");
            yield return new(ArchiveAYearAfterConfirmedDeath, "a notified death alone never archives, even years later", () => Due(notified, new DateOnly(2017, 1, 12)), "nothing");
            var confirmed = ChildLifecycle.ConfirmDeath(notified, new DateOnly(2015, 1, 10), new DateOnly(2015, 3, 1));
            yield return new(ArchiveAYearAfterConfirmedDeath, "confirmed by the registration source: not archived before a year", () => Due(confirmed, new DateOnly(2016, 2, 29)), "nothing");
            yield return new(ArchiveAYearAfterConfirmedDeath, "confirmed by the registration source: archived one year after the confirmation", () => Due(confirmed, new DateOnly(2016, 3, 1)), "archive Death due 2016-03-01");
            yield return new(ArchiveAYearAfterConfirmedDeath, "a confirmation repeated later does not restart the year", () => Due(ChildLifecycle.ConfirmDeath(confirmed, new DateOnly(2015, 1, 10), new DateOnly(2015, 9, 1)), new DateOnly(2016, 3, 1)), "archive Death due 2016-03-01");

            // Left England.
            var left = Child with { LeftEngland = new LeftEnglandConfirmation(new DateOnly(2014, 6, 1), "Salford", "Scotland") };
            yield return new(ArchiveWhenLeftEngland, "moved to Scotland, confirmed by the responsible authority: archived on the confirmation", () => Due(left, new DateOnly(2014, 6, 1)), "archive LeftEngland due 2014-06-01");
            yield return new(ArchiveWhenLeftEngland, "no confirmation yet: stays live", () => Due(Child, new DateOnly(2014, 6, 1)), "nothing");
            yield return new(ArchiveWhenLeftEngland, "several reasons due at once: the earliest is the reason",
                () => Due(left with { Death = new DeathRecord(new DateOnly(2015, 1, 1), new DateOnly(2015, 1, 2), new DateOnly(2015, 1, 3)) }, new DateOnly(2016, 6, 1)),
                "archive LeftEngland due 2014-06-01");

            // The archive.
            yield return new(PurgeAfterSixYears, "archived: kept the day before six years", () => Due(Archived(new DateOnly(2014, 6, 1), ArchiveReason.LeftEngland), new DateOnly(2020, 5, 31)), "nothing");
            yield return new(PurgeAfterSixYears, "archived: purged six years after the day of archiving", () => Due(Archived(new DateOnly(2014, 6, 1), ArchiveReason.LeftEngland), new DateOnly(2020, 6, 1)), "purge due 2020-06-01");
            yield return new(PurgeAfterSixYears, "purged: nothing more is ever due", () => Due(Archived(new DateOnly(2014, 6, 1), ArchiveReason.Death) with { Purged = true }, new DateOnly(2030, 1, 1)), "nothing");
            yield return new(InvestigationHoldDefersPurge, "an investigation hold keeps the record past six years", () => Due(Archived(new DateOnly(2014, 6, 1), ArchiveReason.Death, hold: true), new DateOnly(2022, 1, 1)), "nothing");
            yield return new(InvestigationHoldDefersPurge, "lifting the hold lets the purge proceed",
                () => Due(ChildLifecycle.LiftInvestigationHold(Archived(new DateOnly(2014, 6, 1), ArchiveReason.Death, hold: true)), new DateOnly(2022, 1, 1)), "purge due 2020-06-01");
        }
    }

    public static IEnumerable<TestCaseData> Table() => LifecycleTable.Named(Cases);

    [TestCaseSource(nameof(Table))]
    public void Rule(LifecycleCase c) => Assert.That(c.Actual(), Is.EqualTo(c.Expected), c.Situation);

    [Test]
    public void Evaluating_after_applying_what_was_due_yields_nothing_more_so_a_second_run_changes_nothing()
    {
        var today = Eighteen.AddDays(2);
        var state = Child;
        var runs = new List<string>();
        for (var run = 0; run < 2; run++)
        {
            foreach (var action in ChildLifecycle.Evaluate(state, today))
            {
                state = ChildLifecycle.Apply(state, action, today);
            }

            runs.Add($"{state.Stage} {(state.Archive is { } a ? LifecycleTable.Day(a.ArchivedOn) : "-")}");
        }

        Assert.That(runs, Is.EqualTo(new[] { "Archived 2026-04-22", "Archived 2026-04-22" }));
        Assert.That(ChildLifecycle.Evaluate(state, today), Is.Empty);
        Assert.That(ChildLifecycle.Apply(state, new ArchiveRecord(ArchiveReason.Death, today, ArchiveAtAdultTransition), today), Is.EqualTo(state), "a repeated archive changes nothing");
    }

    [Test]
    public void The_six_years_count_from_the_day_archived_so_a_late_run_keeps_data_longer_never_shorter()
    {
        var late = Eighteen.AddDays(10);
        var state = ChildLifecycle.Apply(Child, ChildLifecycle.Evaluate(Child, late).Single(), late);
        Assert.That(state.Archive!.PurgeDueOn, Is.EqualTo(late.AddYears(6)));
    }

    public static IEnumerable<LifecycleCase> RestoreCases
    {
        get
        {
            var left = Child with { Archive = new ArchiveState(new DateOnly(2014, 6, 1), ArchiveReason.LeftEngland) };
            yield return new(RestoreAfterReturnToEngland, "returned within six years and before 18: restored and live", () => Outcome(left, new DateOnly(2019, 1, 1)), "True Live");
            yield return new(RestoreAfterReturnToEngland, "returned after six years: refused", () => Outcome(left, new DateOnly(2020, 6, 1)), "False Archived");
            yield return new(RestoreAfterReturnToEngland, "returned within six years but on the 18th birthday: refused",
                () => Outcome(Child with { Archive = new ArchiveState(new DateOnly(2022, 6, 1), ArchiveReason.LeftEngland) }, Eighteen), "False Archived");
            yield return new(RestoreAfterReturnToEngland, "archived for another reason (death): not restored", () => Outcome(Child with { Archive = new ArchiveState(new DateOnly(2014, 6, 1), ArchiveReason.Death) }, new DateOnly(2015, 1, 1)), "False Archived");
        }
    }

    private static string Outcome(ChildLifecycle state, DateOnly today)
    {
        var decision = ChildLifecycle.Restore(state, today);
        return $"{decision.Restored} {decision.State.Stage}";
    }

    public static IEnumerable<TestCaseData> RestoreTable() => LifecycleTable.Named(RestoreCases);

    [TestCaseSource(nameof(RestoreTable))]
    public void Restore(LifecycleCase c) => Assert.That(c.Actual(), Is.EqualTo(c.Expected), c.Situation);
}
