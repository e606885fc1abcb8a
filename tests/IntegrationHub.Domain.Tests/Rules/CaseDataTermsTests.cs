using IntegrationHub.Domain.Involvements;
using IntegrationHub.Domain.Rules;
using IntegrationHub.Domain.Rules.Sectors;

namespace IntegrationHub.Domain.Tests.Rules;

public sealed record CaseDataCase(string Covers, bool Passes, string Situation, ReportedInvolvement Involvement) : ICoverageCase;

/// <summary>Names that reveal the nature of a service are case data (000 5.1.5): the term list is data, checked here term by term.</summary>
[TestFixture]
public sealed class CaseDataTermsTests
{
    private static readonly SectorRuleEngine Engine = new(SectorCatalogue.Guidance40);

    /// <summary>
    /// Every term is rejected in a team name; every sensitive-service term is allowed in a sensitive
    /// involvement. A term that is never allowed has no passing case of its own: the behaviour tests below
    /// show it passing as part of a longer word.
    /// </summary>
    public static IEnumerable<CaseDataCase> All =>
        SectorCatalogue.Guidance40.CaseDataTerms.SelectMany(Cases);

    private static IEnumerable<CaseDataCase> Cases(CaseDataTerm term)
    {
        var social = Samples.ValidStart(SectorIds.SocialCare) with { TeamName = $"{term.Term} Team" };
        yield return new(term.Id, false, $"a team called {term.Term} Team", social);
        if (term.AllowedWhenSensitive)
        {
            yield return new(term.Id, true, $"a team called {term.Term} Team in a sensitive involvement with consent", social with
            {
                Sensitive = true,
                SensitiveConsentBasis = SensitiveConsentBasis.ExplicitConsent,
            });
        }
    }

    public static IEnumerable<TestCaseData> TermCases() => All.Select(c => new TestCaseData(c).SetName(RuleBook.TestName(c, c.Situation)));

    [TestCaseSource(nameof(TermCases))]
    public void Term(CaseDataCase rule)
    {
        var violations = Engine.Check(rule.Involvement, Samples.BornAged(10)).Violations;

        if (rule.Passes)
        {
            Assert.That(violations, Is.Empty);
        }
        else
        {
            Assert.That(
                violations,
                Has.Some.Matches<Violation>(v => v.RuleId == rule.Covers && v.Code == ViolationCodes.CaseDataTerm && v.Path == "$.involvement.teamName"),
                string.Join(" | ", violations));
        }
    }

    [TestCase("Senior Leadership Team")]
    [TestCase("Lacrosse Club")]
    [TestCase("Rapeseed Road Office")]
    [TestCase("Yottabyte House")]
    [TestCase("Drugstore Lane Team")]
    [TestCase("Team 4")]
    public void A_term_inside_a_longer_word_is_not_case_data(string teamName)
    {
        var involvement = Samples.ValidStart(SectorIds.SocialCare) with { TeamName = teamName };

        Assert.That(Engine.Check(involvement, Samples.BornAged(10)).Violations, Is.Empty);
    }

    [TestCase("CHILD PROTECTION TEAM", "caseData.childProtection")]
    [TestCase("child protection team", "caseData.childProtection")]
    [TestCase("Drug & Alcohol Team", "caseData.drugAndAlcohol")]
    [TestCase("Drug and Alcohol Team", "caseData.drugAndAlcohol")]
    [TestCase("Self-Harm Support", "caseData.selfHarm")]
    [TestCase("Leaving_Care Team", "caseData.leavingCare")]
    public void Terms_are_found_case_insensitively_whatever_the_separators(string teamName, string ruleId)
    {
        var involvement = Samples.ValidStart(SectorIds.SocialCare) with { TeamName = teamName };

        var violation = Engine.Check(involvement, Samples.BornAged(10)).Violations.Single();

        Assert.That(violation.RuleId, Is.EqualTo(ruleId), "one violation, named by the longest term found");
    }

    [Test]
    public void A_term_that_never_reveals_a_sensitive_service_is_rejected_even_in_a_sensitive_involvement()
    {
        var involvement = Samples.ValidStart(SectorIds.SocialCare) with
        {
            TeamName = "Child Protection Team",
            Sensitive = true,
            SensitiveConsentBasis = SensitiveConsentBasis.ExplicitConsent,
        };

        Assert.That(Engine.Check(involvement, Samples.BornAged(10)).Violations.Single().RuleId, Is.EqualTo("caseData.childProtection"));
    }

    [Test]
    public void An_organisation_whose_name_reveals_the_service_is_case_data_in_every_field_it_appears()
    {
        var involvement = Samples.ValidStart(SectorIds.VoluntaryVcso) with
        {
            OrganisationName = "Rape Crisis",
            ServiceProvisionName = "Rape Crisis Helpline 1",
        };

        var paths = Engine.Check(involvement, Samples.BornAged(10)).Violations.Where(v => v.Code == ViolationCodes.CaseDataTerm).Select(v => v.Path);

        Assert.That(paths, Is.EquivalentTo(new[] { "$.involvement.serviceProvisionName", "$.involvement.organisationName" }));
    }

    [Test]
    public void A_police_child_abuse_investigation_unit_must_not_name_itself()
    {
        var involvement = Samples.ValidStart(SectorIds.Police) with { TeamName = "Child Abuse Investigation Unit" };

        var violation = Engine.Check(involvement, Samples.BornAged(10)).Violations.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(violation.RuleId, Is.EqualTo("caseData.childAbuse"));
            Assert.That(violation.Message, Does.Contain("Team 1"));
        }
    }

    [Test]
    public void The_youth_offending_team_exemption_belongs_to_youth_offending_teams_only()
    {
        var involvement = Samples.ValidStart(SectorIds.Police) with { TeamName = "Youth Offending Team" };

        Assert.That(Engine.Check(involvement, Samples.BornAged(10)).Violations.Single().RuleId, Is.EqualTo("caseData.youthOffending"));
    }

    [Test]
    public void Every_term_has_a_stable_id_and_a_section()
    {
        Assert.That(
            SectorCatalogue.Guidance40.CaseDataTerms,
            Has.All.Matches<CaseDataTerm>(t => t.Id.StartsWith("caseData.", StringComparison.Ordinal) && t.Reveals.Length > 0 && t.Section.Document is "000" or "002"));
    }
}
