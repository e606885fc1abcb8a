using IntegrationHub.Matching.Evaluation;
using IntegrationHub.Matching.Scoring;
using IntegrationHub.Matching.Tests.Support;

namespace IntegrationHub.Matching.Tests.Linkage;

/// <summary>
/// The Splink fake_1000 benchmark (../shared/data/splink-fake-1000): deduplicate the file with parameters
/// estimated from the file itself (no labels), default thresholds, and compare the clusters with the
/// truth in column <c>cluster</c>. Reproduce with
/// <c>dotnet test tests/IntegrationHub.Matching.Tests --filter FullyQualifiedName~fake_1000 --logger "console;verbosity=detailed"</c>.
/// </summary>
[TestFixture]
public sealed class When_deduplicating_the_splink_fake_1000_benchmark
{
    [Test]
    public void Pairwise_f1_against_the_truth_clusters_is_at_least_0_95()
    {
        var (records, truth) = SharedData.Fake1000();

        var result = new MatchEngine().Deduplicate(records);
        var scores = PairwiseEvaluation.Evaluate(result.LeftClusters, truth);

        TestContext.Out.WriteLine($"fake_1000, clusters against truth: {scores}");
        TestContext.Out.WriteLine($"lambda {result.Model.PriorMatchProbability:G4}, candidate pairs {result.CandidatePairs}, " +
                                  $"matches {result.Matches.Count()}, possible matches {result.PossibleMatches.Count()}, cluster merges {result.GroupMatches.Count(g => g.Outcome == MatchOutcome.Match)}");
        foreach (var comparator in result.Model.Comparators.Where(c => c.Source != ParameterSource.Default))
        {
            TestContext.Out.WriteLine($"  {comparator.Name}: " + string.Join("; ", comparator.Levels.Select(l => $"{l.Label} {l.Weight:0.0}")));
        }

        Assert.That(scores.F1, Is.GreaterThanOrEqualTo(0.95));
    }

    [Test]
    public void Labelled_pairs_score_like_the_clusters()
    {
        // The benchmark's own labelled pairs (as Splink's tutorial scores them): a pair is predicted a match when
        // both records end in one cluster.
        var (records, _) = SharedData.Fake1000();
        var result = new MatchEngine().Deduplicate(records);
        var index = records.Select((r, i) => (r.RecordId, i)).ToDictionary(x => x.RecordId, x => x.i);
        var labels = SharedData.ReadCsv(SharedData.PathOf("splink-fake-1000", "fake_1000_labels.csv"));

        long tp = 0, fp = 0, fn = 0;
        foreach (var label in labels)
        {
            var predicted = result.LeftClusters[index[label["unique_id_l"]]] == result.LeftClusters[index[label["unique_id_r"]]];
            var actual = label["clerical_match_score"] == "1.0";
            tp += predicted && actual ? 1 : 0;
            fp += predicted && !actual ? 1 : 0;
            fn += !predicted && actual ? 1 : 0;
        }

        var scores = new PairwiseScores(tp, fp, fn);
        TestContext.Out.WriteLine($"fake_1000, labelled pairs: {scores}");
        Assert.That(scores.F1, Is.GreaterThanOrEqualTo(0.95));
    }
}
