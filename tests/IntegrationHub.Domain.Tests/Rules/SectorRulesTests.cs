using IntegrationHub.Domain.Rules;

namespace IntegrationHub.Domain.Tests.Rules;

/// <summary>The sector rules of Guidance v4.0, one test per row of <see cref="SectorRuleCases"/>.</summary>
[TestFixture]
public sealed class SectorRulesTests
{
    private static readonly SectorRuleEngine Engine = new(SectorCatalogue.Guidance40);

    public static IEnumerable<TestCaseData> Cases() =>
        SectorRuleCases.All.Select(c => new TestCaseData(c).SetName(RuleBook.TestName(c, c.Situation)));

    [TestCaseSource(nameof(Cases))]
    public void Guidance(RuleCase rule)
    {
        var result = Engine.Check(rule.Involvement, rule.DateOfBirth);

        if (rule.Passes)
        {
            Assert.That(result.Violations, Is.Empty, "the involvement should be accepted");
            var trigger = result.Definition!.Triggers.FirstOrDefault(t => t.Id == rule.Covers);
            if (trigger is not null)
            {
                Assert.That(result.SatisfiedTriggerIds, Does.Contain(rule.Covers), "the covered trigger should be the one met");
            }
        }
        else
        {
            Assert.That(
                result.Violations,
                Has.Some.Matches<Violation>(v => v.RuleId == rule.ExpectedRuleId && v.Code == rule.Code),
                $"expected {rule.Code} from {rule.ExpectedRuleId}; got: {string.Join(" | ", result.Violations)}");
        }
    }

    [Test]
    public void A_failed_trigger_quotes_its_guidance_section_and_tells_the_source_what_to_do()
    {
        var involvement = Samples.Starting(Domain.Rules.Sectors.SectorIds.SocialCare, new() { SocialCare = new() { InitialAssessmentStarted = false } });

        var violation = Engine.Check(involvement, Samples.DateOfBirth(involvement.Sector)).Violations
            .Single(v => v.RuleId == "socialCare.start.initialAssessment");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(violation.Code, Is.EqualTo(ViolationCodes.TriggerNotMet));
            Assert.That(violation.Section.ToString(), Is.EqualTo("000 4.3.2"));
            Assert.That(violation.Path, Is.EqualTo("$.involvement.evidence.socialCare.initialAssessmentStarted"));
            Assert.That(violation.Message, Does.Contain("An initial assessment is started").And.Contain("send the evidence"));
        }
    }

    [Test]
    public void A_start_with_no_trigger_met_names_every_start_trigger_of_the_sector()
    {
        var involvement = Samples.Starting(Domain.Rules.Sectors.SectorIds.Police, new());

        var ruleIds = Engine.Check(involvement, Samples.DateOfBirth(involvement.Sector)).Violations.Select(v => v.RuleId);

        Assert.That(ruleIds, Is.EquivalentTo(new[]
        {
            "police.start.childAbuseInvestigation", "police.start.seriousIncident", "police.start.schoolsOfficerAfterAYear", "police.start.professionalJudgement",
        }));
    }

    [Test]
    public void A_name_convention_violation_shows_the_expected_form_with_an_example()
    {
        var involvement = Samples.ValidStart(Domain.Rules.Sectors.SectorIds.SocialCare) with { ServiceProvisionName = "Adult Social Care 1" };

        var violation = Engine.Check(involvement, Samples.BornAged(10)).Violations.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(violation.Path, Is.EqualTo("$.involvement.serviceProvisionName"));
            Assert.That(violation.Message, Does.Contain("\"Children's Social Care\"").And.Contain("Children's Social Care 12345"));
            Assert.That(violation.Section.ToString(), Is.EqualTo("000 4.3.3"));
        }
    }

    [Test]
    public void Updates_and_ends_are_not_held_to_the_age_at_start_again()
    {
        // The age range is a start rule: a provision started at 17 may be updated when the young person is 19.
        var involvement = Samples.Updating(Domain.Rules.Sectors.SectorIds.Connexions, new() { ChildDetailsChanged = true });

        Assert.That(Engine.Check(involvement, Samples.BornAged(12)).Violations, Is.Empty);
    }
}
