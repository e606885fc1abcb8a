using IntegrationHub.Matching.Scoring;
using IntegrationHub.Matching.Tests.Support;

namespace IntegrationHub.Matching.Tests.Scoring;

[TestFixture]
public sealed class DeterministicRulesTests
{
    [Test]
    public void A_shared_valid_nhs_number_links()
    {
        var finding = DeterministicRules.Evaluate(
            People.Person(given: "Amy", nhs: "9434765919", sex: Sex.Female, dob: "2012-01-01"),
            People.Person(given: "Zoe", nhs: "943 476 5919", sex: Sex.Female, dob: "2012-01-01"));
        Assert.Multiple(() =>
        {
            Assert.That(finding.Rule, Is.EqualTo(DeterministicRule.NhsNumber));
            Assert.That(finding.Outcome, Is.EqualTo(MatchOutcome.Match));
        });
    }

    [Test]
    public void The_hub_child_id_is_tried_before_other_identifiers()
    {
        var finding = DeterministicRules.Evaluate(People.Person(hubChildId: "C1", nhs: "9434765919"), People.Person(hubChildId: "C1", nhs: "9434765919"));
        Assert.That(finding.Rule, Is.EqualTo(DeterministicRule.HubChildId));
    }

    [Test]
    public void A_shared_valid_upn_links()
    {
        Assert.That(DeterministicRules.Evaluate(People.Person(upn: "B801200005001"), People.Person(upn: "B801200005001")).Rule, Is.EqualTo(DeterministicRule.Upn));
    }

    [Test]
    public void A_strong_identifier_contradicted_by_both_sex_and_date_of_birth_is_held_for_review()
    {
        var finding = DeterministicRules.Evaluate(
            People.Person(nhs: "9434765919", sex: Sex.Female, dob: "2012-01-01"),
            People.Person(nhs: "9434765919", sex: Sex.Male, dob: "2009-06-30"));
        Assert.Multiple(() =>
        {
            Assert.That(finding.Contradicted, Is.True);
            Assert.That(finding.Outcome, Is.EqualTo(MatchOutcome.PossibleMatch));
            Assert.That(finding.Describe(), Does.Contain("held for review"));
        });
    }

    [TestCase(Sex.Male, "2012-01-01", "different sex alone")]
    [TestCase(Sex.Female, "2009-06-30", "different date of birth alone")]
    [TestCase(Sex.Unknown, "2009-06-30", "sex unknown")]
    public void One_contradiction_alone_does_not_stop_the_link(Sex sex, string dob, string because)
    {
        var finding = DeterministicRules.Evaluate(
            People.Person(nhs: "9434765919", sex: Sex.Female, dob: "2012-01-01"),
            People.Person(nhs: "9434765919", sex: sex, dob: dob));
        Assert.That(finding.Outcome, Is.EqualTo(MatchOutcome.Match), because);
    }

    [Test]
    public void Invalid_or_different_identifiers_decide_nothing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DeterministicRules.Evaluate(People.Person(nhs: "9434765918"), People.Person(nhs: "9434765918")).Applies, Is.False);
            Assert.That(DeterministicRules.Evaluate(People.Person(nhs: "9434765919"), People.Person(nhs: "4010232137")).Applies, Is.False);
            Assert.That(DeterministicRules.Evaluate(People.Person(), People.Person()).Outcome, Is.Null);
        });
    }

    [Test]
    public void Two_different_valid_nhs_numbers_conflict()
    {
        var finding = DeterministicRules.Evaluate(People.Person(nhs: "9434765919"), People.Person(nhs: "4010232137"));
        Assert.Multiple(() =>
        {
            Assert.That(finding.Applies, Is.False);
            Assert.That(finding.Conflict, Is.EqualTo(DeterministicRule.NhsNumber));
            Assert.That(finding.Ceiling, Is.EqualTo(MatchOutcome.PossibleMatch));
            Assert.That(finding.Describe(), Does.Contain("different valid NHS numbers"));
        });
    }

    [Test]
    public void Two_different_valid_upns_conflict()
    {
        Assert.That(DeterministicRules.Evaluate(People.Person(upn: "B801200005001"), People.Person(upn: "Q801200005002")).Conflict, Is.EqualTo(DeterministicRule.Upn));
    }

    [TestCase("9434765918", "an NHS number failing modulus 11 is dropped")]
    [TestCase(null, "no NHS number on one side")]
    [TestCase("9434765919", "the same NHS number")]
    public void Only_two_valid_different_numbers_conflict(string? other, string because)
    {
        Assert.That(DeterministicRules.Evaluate(People.Person(nhs: "9434765919"), People.Person(nhs: other)).Conflicts, Is.False, because);
    }

    [Test]
    public void A_shared_nhs_number_with_different_valid_upns_is_held_for_review()
    {
        var finding = DeterministicRules.Evaluate(People.Person(nhs: "9434765919", upn: "B801200005001"), People.Person(nhs: "9434765919", upn: "Q801200005002"));
        Assert.Multiple(() =>
        {
            Assert.That(finding.Rule, Is.EqualTo(DeterministicRule.NhsNumber));
            Assert.That(finding.Conflict, Is.EqualTo(DeterministicRule.Upn));
            Assert.That(finding.Outcome, Is.EqualTo(MatchOutcome.PossibleMatch));
        });
    }

    [Test]
    public void A_shared_hub_child_id_is_not_overridden_by_a_conflict()
    {
        var finding = DeterministicRules.Evaluate(People.Person(hubChildId: "C1", nhs: "9434765919"), People.Person(hubChildId: "C1", nhs: "4010232137"));
        Assert.That(finding.Outcome, Is.EqualTo(MatchOutcome.Match));
    }
}
