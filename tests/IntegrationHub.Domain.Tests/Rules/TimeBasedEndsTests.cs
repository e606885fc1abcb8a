using IntegrationHub.Domain.Involvements;
using IntegrationHub.Domain.Rules;
using IntegrationHub.Domain.Rules.Sectors;

namespace IntegrationHub.Domain.Tests.Rules;

/// <summary>A time-based rule "passes" when it falls due and the hub acts; it "fails" when it does not.</summary>
public sealed record TimeBasedCase(string Covers, bool Passes, string Situation, ReportedInvolvement Involvement, DateOnly Today, DateOnly? DueOn) : ICoverageCase;

/// <summary>The ends the hub computes from the calendar (000 4.2.2, 4.6.2, 4.7.2, 4.8.2).</summary>
[TestFixture]
public sealed class TimeBasedEndsTests
{
    private static readonly DateOnly LastSeen = new(2009, 3, 10);

    public static IEnumerable<TimeBasedCase> All
    {
        get
        {
            const string youth = SectorIds.YouthService;
            var attended = Samples.ValidStart(youth) with { Evidence = new() { YouthService = new() { LastAttendanceDate = LastSeen } } };
            yield return new($"{youth}.timeBased.yearAfterLastAttendance", true, "a year after the last attendance the hub ends it", attended, LastSeen.AddYears(1), LastSeen.AddYears(1));
            yield return new($"{youth}.timeBased.yearAfterLastAttendance", false, "a day short of a year nothing happens", attended, LastSeen.AddYears(1).AddDays(-1), null);
            yield return new($"{youth}.timeBased.yearAfterLastAttendance", false, "an involvement already ended is not ended again", attended with { EndDate = LastSeen.AddMonths(2) }, LastSeen.AddYears(2), null);

            const string early = SectorIds.EarlyYears;
            var active = Samples.ValidStart(early) with { Evidence = new() { EarlyYears = new() { LastActivityDate = LastSeen } } };
            yield return new($"{early}.timeBased.noActivityFor90Days", true, "90 days without activity the hub ends it", active, LastSeen.AddDays(95), LastSeen.AddDays(90));
            yield return new($"{early}.timeBased.noActivityFor90Days", true, "with no activity date sent the clock starts at the start date", Samples.ValidStart(early), Samples.StartDate.AddDays(90), Samples.StartDate.AddDays(90));
            yield return new($"{early}.timeBased.noActivityFor90Days", false, "89 days without activity nothing happens", active, LastSeen.AddDays(89), null);

            const string additional = SectorIds.EducationAdditional;
            var traveller = Samples.ValidStart(additional) with { Evidence = new() { Education = new() { TravellerEducationAccessed = true, LastContactDate = LastSeen } } };
            yield return new($"{additional}.timeBased.travellerNoContactForAYear", true, "a year without contact the hub closes it", traveller, LastSeen.AddYears(1).AddDays(3), LastSeen.AddYears(1));
            yield return new(
                $"{additional}.timeBased.travellerNoContactForAYear",
                false,
                "the practitioner keeps it open",
                traveller with { Evidence = new() { Education = new() { TravellerEducationAccessed = true, LastContactDate = LastSeen, KeptOpenByPractitioner = true } } },
                LastSeen.AddYears(3),
                null);
            yield return new($"{additional}.timeBased.travellerNoContactForAYear", false, "an SEN involvement is not a traveller involvement", Samples.ValidStart(additional), Samples.StartDate.AddYears(3), null);

            const string police = SectorIds.Police;
            var officer = Samples.ValidStart(police) with
            {
                EndDate = Samples.StartDate,
                Evidence = new() { Police = new() { SchoolsOfficer = true, SchoolsOfficerStillInvolved = true, SeriousIncidentRole = SeriousIncidentRole.Victim } },
            };
            yield return new($"{police}.timeBased.schoolsOfficerNewInvolvement", true, "a schools officer still involved a year on is due a new involvement", officer, Samples.StartDate.AddYears(1), Samples.StartDate.AddYears(1));
            yield return new(
                $"{police}.timeBased.schoolsOfficerNewInvolvement",
                false,
                "a schools officer no longer involved",
                officer with { Evidence = new() { Police = new() { SchoolsOfficer = true, SchoolsOfficerStillInvolved = false } } },
                Samples.StartDate.AddYears(2),
                null);
        }
    }

    public static IEnumerable<TestCaseData> Cases() => All.Select(c => new TestCaseData(c).SetName(RuleBook.TestName(c, c.Situation)));

    [TestCaseSource(nameof(Cases))]
    public void TimeBased(TimeBasedCase rule)
    {
        var definition = SectorCatalogue.Guidance40.Find(rule.Involvement.Sector)!;

        var decisions = TimeBasedEnds.Evaluate(definition, rule.Involvement, Samples.DateOfBirth(rule.Involvement.Sector), rule.Today);

        if (rule.Passes)
        {
            var decision = decisions.Single();
            using (Assert.EnterMultipleScope())
            {
                Assert.That(decision.RuleId, Is.EqualTo(rule.Covers));
                Assert.That(decision.DueOn, Is.EqualTo(rule.DueOn));
                Assert.That(decision.Message, Does.Contain(rule.Involvement.ServiceProvisionName));
            }
        }
        else
        {
            Assert.That(decisions, Is.Empty);
        }
    }

    /// <summary>The hub keeps only <see cref="TriggerEvidence.ForTimeBasedRules"/> with a provision; every time-based decision must come out the same from it.</summary>
    [TestCaseSource(nameof(Cases))]
    public void The_evidence_kept_for_time_based_ends_decides_as_the_full_evidence_does(TimeBasedCase rule)
    {
        var definition = SectorCatalogue.Guidance40.Find(rule.Involvement.Sector)!;
        var kept = rule.Involvement with { Evidence = rule.Involvement.Evidence.ForTimeBasedRules() };

        var full = TimeBasedEnds.Evaluate(definition, rule.Involvement, Samples.DateOfBirth(rule.Involvement.Sector), rule.Today);
        var fromKept = TimeBasedEnds.Evaluate(definition, kept, Samples.DateOfBirth(rule.Involvement.Sector), rule.Today);

        Assert.That(fromKept, Is.EqualTo(full));
    }

    [Test]
    public void The_evidence_kept_for_time_based_ends_drops_the_case_facts()
    {
        var evidence = new TriggerEvidence
        {
            Police = new() { ChildAbuseInvestigationInitiated = true, SchoolsOfficer = false },
            SocialCare = new() { InitialAssessmentStarted = true },
            Education = new() { SenStage = SenStage.Statement },
        };

        var kept = evidence.ForTimeBasedRules();

        Assert.That(kept, Is.EqualTo(new TriggerEvidence { Police = new() { SchoolsOfficer = false } }));
    }

    [Test]
    public void A_schools_officer_decision_asks_for_a_new_involvement_rather_than_ending_one()
    {
        var officer = All.First(c => c.Covers == "police.timeBased.schoolsOfficerNewInvolvement" && c.Passes);

        var decision = TimeBasedEnds.Evaluate(PoliceRules.Definition, officer.Involvement, Samples.BornAged(10), officer.Today).Single();

        Assert.That(decision.Outcome, Is.EqualTo(TimeBasedOutcome.NewInvolvementDue));
    }

    [Test]
    public void The_same_involvement_on_later_days_gives_the_same_due_date_so_the_scheduler_can_deduplicate()
    {
        var attended = All.First(c => c.Covers == "youthService.timeBased.yearAfterLastAttendance" && c.Passes);

        var first = TimeBasedEnds.Evaluate(YouthServiceRules.Definition, attended.Involvement, Samples.BornAged(14), attended.Today).Single();
        var later = TimeBasedEnds.Evaluate(YouthServiceRules.Definition, attended.Involvement, Samples.BornAged(14), attended.Today.AddDays(30)).Single();

        Assert.That(later, Is.EqualTo(first));
    }
}
