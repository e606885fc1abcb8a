using IntegrationHub.Matching.Linkage;
using IntegrationHub.Matching.Scoring;
using IntegrationHub.Matching.Tests.Support;

namespace IntegrationHub.Matching.Tests.Linkage;

[TestFixture]
public sealed class When_looking_up_fragments_in_a_live_index
{
    private MatchIndex index = null!;

    [SetUp]
    public void KnownChildren()
    {
        var engine = new MatchEngine();
        index = engine.CreateIndex(MatchModel.FromDefaults(engine.Comparators, priorMatchProbability: 1e-4));
        index.AddRange(
        [
            People.Record(given: "Robert", family: "Okafor", dob: "2015-03-09", sex: Sex.Male, postcode: "LS1 4AP", nhs: "9434765919", hubChildId: "C1", id: "s1-1"),
            People.Record(given: "Grace", family: "Adams", dob: "2009-11-30", sex: Sex.Female, postcode: "M1 1AE", hubChildId: "C2", id: "s1-2"),
            People.Record(given: "Grace", family: "Adams-Lee", dob: "2009-11-30", sex: Sex.Female, postcode: "B33 8TH", hubChildId: "C2", id: "s2-7"),
            People.Record(given: "Amelia", family: "Adams", dob: "2012-02-01", sex: Sex.Female, postcode: "M1 1AE", hubChildId: "C3", id: "s1-3"),
        ]);
        for (var i = 0; i < 50; i++)
        {
            index.Add(People.Record(given: $"Child{i}", family: $"Family{i}", dob: $"2010-01-{1 + (i % 28):00}", postcode: "M1 1AE", hubChildId: $"X{i}"));
        }
    }

    [TearDown]
    public void Dispose() => index.Dispose();

    [Test]
    public void A_fragment_of_a_known_child_with_a_nickname_matches_that_child()
    {
        var decision = index.Find(People.Record(given: "Rob", family: "OKAFOR", dob: "2015-03-09", sex: Sex.Male, postcode: "ls1 4ap"));
        Assert.Multiple(() =>
        {
            Assert.That(decision.Outcome, Is.EqualTo(MatchOutcome.Match));
            Assert.That(decision.Best!.HubChildId, Is.EqualTo("C1"));
            Assert.That(decision.Best.Result.Evidence, Is.Not.Empty);
            Assert.That(index.Count, Is.EqualTo(54));
        });
    }

    [Test]
    public void A_fragment_is_compared_with_all_the_records_of_a_child_together()
    {
        // Agrees with one record on the new surname, with the other on the old postcode.
        var fragment = People.Record(given: "Grace", family: "Adams-Lee", dob: "2009-11-30", sex: Sex.Female, postcode: "M1 1AE");
        var decision = index.Find(fragment);
        Assert.Multiple(() =>
        {
            Assert.That(decision.Outcome, Is.EqualTo(MatchOutcome.Match));
            Assert.That(decision.Best!.ChildKey, Is.EqualTo("C2"));
            Assert.That(decision.Best.Result.RightRecordIds, Is.EquivalentTo(new[] { "s1-2", "s2-7" }));
            Assert.That(decision.Best.Result.Evidence.Single(e => e.Comparator == "family_name").Level, Is.Zero);
            Assert.That(decision.Best.Result.Evidence.Single(e => e.Comparator == "postcode").Level, Is.Zero);
        });
    }

    [Test]
    public void An_unknown_child_is_no_match()
    {
        var decision = index.Find(People.Record(given: "Zainab", family: "Hussain", dob: "2017-07-07", sex: Sex.Female, postcode: "SW1A 1AA"));
        Assert.Multiple(() =>
        {
            Assert.That(decision.Outcome, Is.EqualTo(MatchOutcome.NoMatch));
            Assert.That(decision.Candidates, Is.Empty);
        });
    }

    [Test]
    public void A_shared_nhs_number_links_deterministically_but_not_against_both_sex_and_date_of_birth()
    {
        var linked = index.Find(People.Record(given: "Bobby", family: "Smith", nhs: "943 476 5919", sex: Sex.Male, dob: "2015-03-09"));
        var contradicted = index.Find(People.Record(given: "Bobby", family: "Smith", nhs: "943 476 5919", sex: Sex.Female, dob: "2011-01-01"));
        Assert.Multiple(() =>
        {
            Assert.That(linked.Outcome, Is.EqualTo(MatchOutcome.Match));
            Assert.That(linked.Reason, Is.EqualTo("same NHS number"));
            Assert.That(contradicted.Outcome, Is.EqualTo(MatchOutcome.PossibleMatch));
            Assert.That(contradicted.Best!.HubChildId, Is.EqualTo("C1"));
            Assert.That(contradicted.Reason, Does.Contain("held for review"));
        });
    }

    [Test]
    public void A_fragment_matching_two_known_children_is_held_for_review()
    {
        // The store holds one child twice under different hub ids (a duplicate the hub has not yet merged).
        index.Add(People.Record(given: "Robert", family: "Okafor", dob: "2015-03-09", sex: Sex.Male, postcode: "LS1 4AP", hubChildId: "C9"));
        var decision = index.Find(People.Record(given: "Robert", family: "Okafor", dob: "2015-03-09", sex: Sex.Male, postcode: "LS1 4AP"));
        Assert.Multiple(() =>
        {
            Assert.That(decision.Outcome, Is.EqualTo(MatchOutcome.PossibleMatch));
            Assert.That(decision.Reason, Does.Contain("2 different known children"));
            Assert.That(decision.Candidates.Select(c => c.ChildKey), Is.EquivalentTo(new[] { "C1", "C9" }));
        });
    }

    [Test]
    public void A_weaker_agreement_is_a_possible_match_with_the_candidate_for_the_reviewer()
    {
        var decision = index.Find(People.Record(given: "Amelia", family: "Adams", dob: "2012-12-01"));
        Assert.Multiple(() =>
        {
            Assert.That(decision.Outcome, Is.EqualTo(MatchOutcome.PossibleMatch));
            Assert.That(decision.Best!.ChildKey, Is.EqualTo("C3"));
            Assert.That(decision.Reason, Does.Contain("held for review"));
        });
    }
}
