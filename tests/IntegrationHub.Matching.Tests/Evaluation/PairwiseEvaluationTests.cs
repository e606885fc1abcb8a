using IntegrationHub.Matching.Evaluation;

namespace IntegrationHub.Matching.Tests.Evaluation;

[TestFixture]
public sealed class PairwiseEvaluationTests
{
    [Test]
    public void Counts_pairs_from_the_two_clusterings()
    {
        // Truth: {0,1,2} {3,4}. Predicted: {0,1} {2,3} {4}. True pairs: 01 02 12 34; predicted: 01 23.
        var scores = PairwiseEvaluation.Evaluate(new[] { 1, 1, 2, 2, 3 }, new[] { "a", "a", "a", "b", "b" });
        Assert.Multiple(() =>
        {
            Assert.That(scores, Is.EqualTo(new PairwiseScores(1, 1, 3)));
            Assert.That(scores.Precision, Is.EqualTo(0.5));
            Assert.That(scores.Recall, Is.EqualTo(0.25));
            Assert.That(scores.F1, Is.EqualTo(1.0 / 3).Within(1e-12));
        });
    }

    [Test]
    public void A_perfect_clustering_scores_one_and_no_pairs_at_all_is_not_an_error()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PairwiseEvaluation.Evaluate(new[] { 7, 7, 8 }, new[] { 0, 0, 1 }).F1, Is.EqualTo(1.0));
            Assert.That(PairwiseEvaluation.Evaluate(new[] { 1, 2 }, new[] { 1, 2 }).F1, Is.EqualTo(1.0));
            Assert.That(() => PairwiseEvaluation.Evaluate(new[] { 1 }, new[] { 1, 2 }), Throws.ArgumentException);
        });
    }

    [Test]
    public void A_linkage_is_scored_on_cross_pairs_only()
    {
        // Truth: left {a a b}, right {a b}. Predicted: left {1 2 3}, right {1 3}: left 0-right 0 (a) and left 2-right 1 (b)
        // found; left 1-right 0 (a) missed; the within-left pair (0, 1) is not a cross pair and does not count.
        var scores = PairwiseEvaluation.EvaluateLinkage(new[] { 1, 2, 3 }, new[] { "a", "a", "b" }, new[] { 1, 3 }, new[] { "a", "b" });
        Assert.That(scores, Is.EqualTo(new PairwiseScores(2, 0, 1)));
    }
}
