using IntegrationHub.Matching.Evaluation;
using IntegrationHub.Matching.Scoring;
using IntegrationHub.Matching.Tests.Support;

namespace IntegrationHub.Matching.Tests.Linkage;

[TestFixture]
public sealed class MatchEngineTests
{
    [Test]
    public void Deduplicating_with_a_given_model_clusters_the_same_child_and_keeps_others_apart()
    {
        var engine = new MatchEngine();
        var model = MatchModel.FromDefaults(engine.Comparators, priorMatchProbability: 0.01);
        PersonRecord[] records =
        [
            People.Record(given: "Robert", family: "Okafor", dob: "2015-03-09", sex: Sex.Male, postcode: "LS1 4AP", id: "a1"),
            People.Record(given: "Rob", family: "OKAFOR", dob: "2015-09-03", sex: Sex.Male, postcode: "ls14ap", id: "a2"),
            People.Record(given: "Okafor", family: "Robert", dob: "2015-03-09", id: "a3"),
            People.Record(given: "Grace", family: "Adams", dob: "2009-11-30", sex: Sex.Female, postcode: "M1 1AE", id: "b1"),
            People.Record(given: "Amelia", family: "Adams", dob: "2012-02-01", sex: Sex.Female, postcode: "M1 1AE", id: "c1"),
        ];

        var result = engine.Deduplicate(records, model);

        Assert.Multiple(() =>
        {
            Assert.That(result.Estimation, Is.Null);
            Assert.That(result.LeftClusters[0], Is.EqualTo(result.LeftClusters[1]));
            Assert.That(result.LeftClusters[0], Is.EqualTo(result.LeftClusters[2]));
            Assert.That(result.LeftClusters.Distinct().Count(), Is.EqualTo(3));
            Assert.That(result.Matches.All(p => p.MatchProbability >= 0.95), Is.True);
            Assert.That(result.Explain(result.Matches.First()).Evidence, Is.Not.Empty);
        });
    }

    [Test]
    public void Records_with_different_valid_nhs_numbers_are_not_clustered_through_a_third_record()
    {
        var engine = new MatchEngine();
        var model = MatchModel.FromDefaults(engine.Comparators, priorMatchProbability: 0.01);
        PersonRecord[] records =
        [
            People.Record(given: "Amelia", family: "Okafor", dob: "2015-03-09", sex: Sex.Female, postcode: "LS1 4AP", nhs: "9434765919", id: "a"),
            People.Record(given: "Amelia", family: "Okafor", dob: "2015-03-09", sex: Sex.Female, postcode: "LS1 4AP", id: "b"),
            People.Record(given: "Amelia", family: "Okafor", dob: "2015-03-09", sex: Sex.Female, postcode: "LS1 4AP", nhs: "4010232137", id: "c"),
        ];

        var result = engine.Deduplicate(records, model);

        Assert.Multiple(() =>
        {
            Assert.That(result.LeftClusters[0], Is.Not.EqualTo(result.LeftClusters[2]));
            Assert.That(result.LeftClusters[1], Is.EqualTo(result.LeftClusters[0]).Or.EqualTo(result.LeftClusters[2]));
            Assert.That(result.Matches.All(p => result.LeftClusters[p.Left] == result.LeftClusters[p.Right]), Is.True, "every link is inside a cluster");
            Assert.That(result.PossibleMatches.ToList(), Is.Not.Empty, "the conflicting pairs are held for review");
        });
    }

    [Test]
    public void A_mistyped_nhs_number_that_fails_the_check_does_not_keep_the_same_child_apart()
    {
        var engine = new MatchEngine();
        var model = MatchModel.FromDefaults(engine.Comparators, priorMatchProbability: 0.01);
        PersonRecord[] records =
        [
            People.Record(given: "Amelia", family: "Okafor", dob: "2015-03-09", sex: Sex.Female, postcode: "LS1 4AP", nhs: "9434765919"),
            People.Record(given: "Amelia", family: "Okafor", dob: "2015-03-09", sex: Sex.Female, postcode: "LS1 4AP", nhs: "9434765991"),
        ];

        var result = engine.Deduplicate(records, model);

        Assert.That(result.LeftClusters[0], Is.EqualTo(result.LeftClusters[1]));
    }

    [Test]
    public void A_shared_nhs_number_links_records_that_differ_in_everything_else_but_a_contradiction_is_only_reviewed()
    {
        var engine = new MatchEngine();
        var model = MatchModel.FromDefaults(engine.Comparators, priorMatchProbability: 0.01);
        PersonRecord[] records =
        [
            People.Record(given: "Amy", family: "Jones", dob: "2012-01-01", sex: Sex.Female, nhs: "9434765919"),
            People.Record(given: "Zara", family: "Smith", dob: "2012-01-01", sex: Sex.Female, nhs: "943 476 5919"),
            People.Record(given: "Tom", family: "Brown", dob: "2008-06-30", sex: Sex.Male, nhs: "9434765919"),
        ];

        var result = engine.Deduplicate(records, model);

        Assert.Multiple(() =>
        {
            Assert.That(result.LeftClusters[0], Is.EqualTo(result.LeftClusters[1]));
            Assert.That(result.LeftClusters[2], Is.Not.EqualTo(result.LeftClusters[0]));
            Assert.That(result.PossibleMatches.ToList(), Has.Count.EqualTo(2));
            Assert.That(result.PossibleMatches.Select(p => p.Deterministic.Contradicted), Is.All.True);
        });
    }

    [Test]
    public void Linking_two_sources_finds_the_children_they_share()
    {
        var register = SyntheticRegister.Generate(600, seed: 11);
        var left = Enumerable.Range(0, register.Records.Length).Where(i => register.Sources[i] != "education").ToArray();
        var right = Enumerable.Range(0, register.Records.Length).Where(i => register.Sources[i] == "education").ToArray();

        var result = new MatchEngine().Link(left.Select(i => register.Records[i]).ToArray(), right.Select(i => register.Records[i]).ToArray());

        var scores = PairwiseEvaluation.EvaluateLinkage(
            result.LeftClusters, left.Select(i => register.Truth[i]).ToArray(), result.RightClusters, right.Select(i => register.Truth[i]).ToArray());
        TestContext.Out.WriteLine($"link: {scores}");
        Assert.Multiple(() =>
        {
            Assert.That(result.IsDeduplication, Is.False);
            Assert.That(result.Pairs.All(p => p.Left < left.Length && p.Right < right.Length), Is.True);
            Assert.That(scores.F1, Is.GreaterThanOrEqualTo(0.95));
        });
    }
}
