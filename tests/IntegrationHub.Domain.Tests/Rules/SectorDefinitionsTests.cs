using IntegrationHub.Domain.Consent;
using IntegrationHub.Domain.Involvements;
using IntegrationHub.Domain.Rules;
using IntegrationHub.Domain.Tests.Consent;
using IntegrationHub.Domain.Tests.Involvements;

namespace IntegrationHub.Domain.Tests.Rules;

/// <summary>The definitions themselves: complete, tagged with the guidance they implement, and covered by tests.</summary>
[TestFixture]
public sealed class SectorDefinitionsTests
{
    private static readonly SectorCatalogue Catalogue = SectorCatalogue.Guidance40;

    /// <summary>Every table of test cases in this project.</summary>
    private static IEnumerable<ICoverageCase> AllCases =>
        SectorRuleCases.All.Cast<ICoverageCase>()
            .Concat(GeneralRulesTests.All)
            .Concat(CaseDataTermsTests.All)
            .Concat(TimeBasedEndsTests.All)
            .Concat(ServiceProvisionIdentityTests.All)
            .Concat(SensitiveServiceConsentTests.All)
            .Concat(AdultTransitionTests.All)
            .Concat(AdultTransitionTests.FragmentCoverage);

    [Test]
    public void Every_rule_of_every_sector_definition_has_a_passing_and_a_failing_case()
    {
        var cases = AllCases.ToList();
        var passing = cases.Where(c => c.Passes).Select(c => c.Covers).ToHashSet(StringComparer.Ordinal);
        var failing = cases.Where(c => !c.Passes).Select(c => c.Covers).ToHashSet(StringComparer.Ordinal);
        var rules = Catalogue.Definitions.SelectMany(d => d.Rules).Select(r => r.Id).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rules.Where(id => !passing.Contains(id)), Is.Empty, "rules without a passing case");
            Assert.That(rules.Where(id => !failing.Contains(id)), Is.Empty, "rules without a failing case");
        }
    }

    [Test]
    public void Every_standing_identity_and_consent_rule_has_a_passing_and_a_failing_case()
    {
        var cases = AllCases.ToList();
        var standing = SectorRuleEngine.GeneralRules.All.Concat(IdentityRules.All).Concat(ConsentRules.All).Select(r => r.Id).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(standing.Where(id => !cases.Any(c => c.Passes && c.Covers == id)), Is.Empty, "rules without a passing case");
            Assert.That(standing.Where(id => !cases.Any(c => !c.Passes && c.Covers == id)), Is.Empty, "rules without a failing case");
        }
    }

    [Test]
    public void Every_case_data_term_has_a_failing_case()
    {
        var failing = CaseDataTermsTests.All.Where(c => !c.Passes).Select(c => c.Covers).ToHashSet(StringComparer.Ordinal);

        Assert.That(Catalogue.CaseDataTerms.Select(t => t.Id).Where(id => !failing.Contains(id)), Is.Empty);
    }

    [Test]
    public void Every_test_case_covers_a_rule_that_exists()
    {
        var known = Catalogue.Definitions.SelectMany(d => d.Rules).Select(r => r.Id)
            .Concat(SectorRuleEngine.GeneralRules.All.Concat(IdentityRules.All).Concat(ConsentRules.All).Select(r => r.Id))
            .Concat(Catalogue.CaseDataTerms.Select(t => t.Id))
            .ToHashSet(StringComparer.Ordinal);

        Assert.That(AllCases.Select(c => c.Covers).Distinct().Where(id => !known.Contains(id)), Is.Empty, "cases naming a rule no definition has");
    }

    [Test]
    public void The_eight_sectors_of_the_guidance_are_defined_and_tagged_with_version_4_0()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Catalogue.Definitions.Select(d => d.Sector).Distinct(), Is.EquivalentTo(new[]
            {
                "Youth", "Social Care", "Voluntary and Community", "Community Safety", "Early Years", "Education",
            }));
            Assert.That(Catalogue.Definitions.Select(d => d.Title), Does.Contain("Youth: Connexions Partnerships").And.Contain("Youth: Youth Service")
                .And.Contain("Community Safety: Youth Offending Teams").And.Contain("Community Safety: Police"));
            Assert.That(Catalogue.Definitions, Has.All.Property(nameof(SectorDefinition.GuidanceVersion)).EqualTo("4.0"));
        }
    }

    [Test]
    public void Every_rule_id_is_prefixed_by_its_sector_and_cites_a_section_of_the_guidance()
    {
        foreach (var definition in Catalogue.Definitions)
        {
            Assert.That(
                definition.Rules,
                Has.All.Matches<IGuidanceRule>(r => r.Id.StartsWith(definition.Id + ".", StringComparison.Ordinal) && r.Description.Length > 0 && r.Section.Document == "000"),
                definition.Id);
        }
    }

    [Test]
    public void Every_sector_has_start_update_and_end_triggers_a_name_convention_and_a_service_type()
    {
        foreach (var definition in Catalogue.Definitions)
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(definition.TriggersFor(InvolvementAction.Start), Is.Not.Empty, definition.Id);
                Assert.That(definition.TriggersFor(InvolvementAction.Update), Is.Not.Empty, definition.Id);
                Assert.That(definition.TriggersFor(InvolvementAction.End), Is.Not.Empty, definition.Id);
                Assert.That(definition.Names, Is.Not.Empty, definition.Id);
                Assert.That(definition.ServiceTypes, Is.Not.Empty, definition.Id);
            }
        }
    }

    [Test]
    public void Police_and_youth_offending_teams_are_never_sensitive_and_every_other_sector_only_when_specialist()
    {
        var never = Catalogue.Definitions.Where(d => d.Sensitivity.Policy == SensitivityPolicy.Never).Select(d => d.Id);

        Assert.That(never, Is.EquivalentTo(new[] { "youthOffending", "police" }));
    }

    [Test]
    public void A_catalogue_refuses_two_rules_with_the_same_id()
    {
        var clash = Catalogue.Definitions[0] with { Id = "copy" };

        Assert.That(() => Catalogue.With(clash), Throws.ArgumentException.With.Message.Contains("connexions."));
    }
}
