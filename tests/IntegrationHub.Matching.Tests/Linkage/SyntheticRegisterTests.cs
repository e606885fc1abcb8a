using IntegrationHub.Matching.Evaluation;
using IntegrationHub.Matching.Tests.Support;

namespace IntegrationHub.Matching.Tests.Linkage;

/// <summary>
/// A second, independent check beside fake_1000: a register with postcodes, sex, NHS numbers, UPNs,
/// siblings and twins, corrupted by a different generator (tests/.../Support/SyntheticRegister.cs).
/// </summary>
[TestFixture]
public sealed class When_deduplicating_a_synthetic_register_with_siblings_and_twins
{
    [Test]
    public void Pairwise_f1_is_at_least_0_95_and_siblings_are_kept_apart()
    {
        var register = SyntheticRegister.Generate(1500, seed: 42);

        var result = new MatchEngine().Deduplicate(register.Records);
        var scores = PairwiseEvaluation.Evaluate(result.LeftClusters, register.Truth);

        TestContext.Out.WriteLine($"synthetic register ({register.Records.Length} records): {scores}");
        Assert.Multiple(() =>
        {
            Assert.That(scores.F1, Is.GreaterThanOrEqualTo(0.95));
            Assert.That(scores.Precision, Is.GreaterThanOrEqualTo(0.95));
            Assert.That(result.PossibleMatches.Any(p => p.Outcome == Matching.Scoring.MatchOutcome.PossibleMatch), Is.True, "twins go to review");
        });
    }
}
