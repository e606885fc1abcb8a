using IntegrationHub.Matching.Comparison;
using IntegrationHub.Matching.Estimation;
using IntegrationHub.Matching.Normalisation;
using IntegrationHub.Matching.Scoring;
using IntegrationHub.Matching.Tests.Support;

namespace IntegrationHub.Matching.Tests.Estimation;

[TestFixture]
public sealed class When_estimating_parameters_from_an_unlabelled_register
{
    private SyntheticRegister.Register register = null!;
    private NormalisedPerson[] people = null!;
    private EstimationResult result = null!;

    [OneTimeSetUp]
    public void Estimate()
    {
        register = SyntheticRegister.Generate(800, seed: 7);
        var engine = new MatchEngine(Options(degreeOfParallelism: Environment.ProcessorCount));
        people = engine.Normalise(register.Records);
        result = engine.Estimate(people);
    }

    private static MatchingOptions Options(int degreeOfParallelism) => new()
    {
        Estimation = new EstimationSettings { MaxRandomPairs = 200_000, DegreeOfParallelism = degreeOfParallelism },
    };

    [Test]
    public void Agreement_is_likelier_among_matches_and_disagreement_among_non_matches()
    {
        foreach (var name in new[] { "given_name", "family_name", "date_of_birth", "sex", "postcode", "nhs_number", "upn" })
        {
            var parameters = result.Model.For(name);
            Assert.Multiple(() =>
            {
                Assert.That(parameters.Source, Is.EqualTo(ParameterSource.Estimated), name);
                Assert.That(parameters.Levels[0].Weight, Is.Positive, $"{name}: agreement");
                Assert.That(parameters.Levels[^1].Weight, Is.Negative, $"{name}: disagreement");
                Assert.That(parameters.Levels.Sum(l => l.M), Is.EqualTo(1.0).Within(1e-9), $"{name}: m sums to one");
                Assert.That(parameters.Levels.Sum(l => l.U), Is.EqualTo(1.0).Within(1e-9), $"{name}: u sums to one");
            });
        }
    }

    [Test]
    public void Comparators_the_data_never_shows_keep_their_starting_values()
    {
        var defaults = MatchModel.FromDefaults(ComparatorSet.Default);
        Assert.That(result.Model.For("other_identifiers"), Is.EqualTo(defaults.For("other_identifiers")).Using<ComparatorParameters>(
            (a, b) => a.Source == b.Source && a.Levels.SequenceEqual(b.Levels)));
    }

    [Test]
    public void A_training_pass_never_estimates_the_comparators_on_its_own_blocking_fields()
    {
        var dob = result.Report.TrainingPasses.Single(p => p.Pass == "dob");
        var names = result.Report.TrainingPasses.Single(p => p.Pass == "names_phonetic");
        Assert.Multiple(() =>
        {
            Assert.That(dob.EstimatedComparators, Does.Not.Contain("date_of_birth").And.Contain("given_name"));
            Assert.That(names.EstimatedComparators, Does.Not.Contain("given_name").And.Not.Contain("family_name").And.Contain("date_of_birth"));
            Assert.That(result.Report.TrainingPasses.All(p => p.Converged), Is.True);
        });
    }

    [Test]
    public void The_prior_is_close_to_the_true_share_of_matching_pairs()
    {
        var truePairs = register.Truth.GroupBy(t => t).Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
        var expected = result.Report.ExpectedMatches;
        Assert.Multiple(() =>
        {
            // Siblings and twins who share nearly every field pull the estimate up a little.
            Assert.That(expected, Is.InRange(truePairs * 0.7, truePairs * 1.5));
            Assert.That(result.Model.PriorMatchProbability, Is.EqualTo(expected / result.Report.AllPairs).Within(1e-12));
        });
    }

    [Test]
    public void The_same_data_always_gives_the_same_model()
    {
        var again = new MatchEngine(Options(degreeOfParallelism: 1)).Estimate(people);
        Assert.That(again.Model.PriorMatchProbability, Is.EqualTo(result.Model.PriorMatchProbability).Within(1e-9));
        for (var c = 0; c < again.Model.Comparators.Count; c++)
        {
            for (var l = 0; l < again.Model.Comparators[c].Levels.Count; l++)
            {
                Assert.That(again.Model.Comparators[c].Levels[l].M, Is.EqualTo(result.Model.Comparators[c].Levels[l].M).Within(1e-9));
                Assert.That(again.Model.Comparators[c].Levels[l].U, Is.EqualTo(result.Model.Comparators[c].Levels[l].U).Within(1e-9));
            }
        }
    }

    [Test]
    public void Random_pairs_are_sampled_when_there_are_too_many_to_compare_all()
    {
        var sampled = new MatchEngine(new MatchingOptions { Estimation = new EstimationSettings { MaxRandomPairs = 50_000 } }).Estimate(people);
        Assert.Multiple(() =>
        {
            Assert.That(result.Report.RandomPairs, Is.EqualTo(200_000));
            Assert.That(sampled.Report.RandomPairs, Is.EqualTo(50_000));
            Assert.That(sampled.Model.For("date_of_birth").Levels[0].U, Is.EqualTo(result.Model.For("date_of_birth").Levels[0].U).Within(0.002));
        });
    }

    [Test]
    public void Training_pairs_are_sampled_by_record_when_a_pass_has_too_many_and_the_prior_still_counts_all_matches()
    {
        var dobPairs = result.Report.TrainingPasses.Single(p => p.Pass == "dob").Pairs;
        var cap = dobPairs / 4;
        var sampled = new MatchEngine(new MatchingOptions
        {
            Estimation = new EstimationSettings { MaxRandomPairs = 200_000, MaxPairsPerTrainingPass = cap },
        }).Estimate(people);
        var sampledDob = sampled.Report.TrainingPasses.Single(p => p.Pass == "dob");
        Assert.Multiple(() =>
        {
            // A sample by record keeps about the share wanted (a record's pairs come together, so not exactly).
            Assert.That(sampledDob.Pairs, Is.InRange(cap / 2, cap * 2));
            // The matches seen in the sample are scaled back by the share sampled.
            Assert.That(sampled.Report.ExpectedMatches, Is.InRange(result.Report.ExpectedMatches * 0.7, result.Report.ExpectedMatches * 1.4));
        });
    }

    [Test]
    public void The_prior_comes_from_the_date_of_birth_pass_and_falls_back_to_the_candidate_pairs()
    {
        var withoutDobPass = new MatchEngine(new MatchingOptions
        {
            Estimation = new EstimationSettings { MaxRandomPairs = 200_000, TrainingPasses = [Matching.Blocking.BlockingPasses.NamesPhoneticTraining] },
        }).Estimate(people);
        Assert.Multiple(() =>
        {
            Assert.That(result.Report.PriorMethod, Does.Contain("date_of_birth"));
            Assert.That(withoutDobPass.Report.PriorMethod, Does.StartWith("expectation maximisation over"));
            Assert.That(withoutDobPass.Model.PriorMatchProbability, Is.Positive.And.LessThan(0.5));
        });
    }
}
