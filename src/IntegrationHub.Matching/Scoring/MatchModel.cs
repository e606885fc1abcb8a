using IntegrationHub.Matching.Comparison;

namespace IntegrationHub.Matching.Scoring;

/// <summary>
/// m and u probabilities of one comparison level and the match weight they give.
/// </summary>
/// <param name="Label">The level's meaning, e.g. "one typo".</param>
/// <param name="M">P(this level | the records are the same person).</param>
/// <param name="U">P(this level | the records are different people).</param>
public sealed record LevelParameters(string Label, double M, double U)
{
    /// <summary>The Bayes factor m/u: how many times likelier this level is for a match than for a non-match.</summary>
    public double BayesFactor => M / U;

    /// <summary>The match weight log2(m/u), in bits: positive is evidence for a match, negative against.</summary>
    public double Weight => Math.Log2(M / U);
}

/// <summary>How a comparator's parameters were obtained.</summary>
public enum ParameterSource
{
    /// <summary>The comparator's built-in starting values (the data never showed this comparator).</summary>
    Default = 0,

    /// <summary>u from random pairs, m by expectation maximisation over blocked pairs.</summary>
    Estimated = 1,

    /// <summary>u from random pairs; m left at the starting values (no training pass could estimate it).</summary>
    UEstimatedOnly = 2,
}

/// <summary>The parameters of one comparator, level by level, closest agreement first.</summary>
/// <param name="Name">The comparator's name.</param>
/// <param name="Levels">One entry per comparison level.</param>
/// <param name="Source">Where the numbers came from.</param>
public sealed record ComparatorParameters(string Name, IReadOnlyList<LevelParameters> Levels, ParameterSource Source);

/// <summary>
/// A Fellegi-Sunter model: the prior probability that two records drawn at random are the same person,
/// and m and u for every comparison level. Plain data, so the pipeline can persist and reload it
/// (e.g. as JSON) instead of re-estimating on every start.
/// </summary>
public sealed record MatchModel
{
    /// <summary>P(match) for a record pair drawn at random from the data the model was estimated on (lambda).</summary>
    public required double PriorMatchProbability { get; init; }

    /// <summary>Per-comparator parameters, in comparator-set order.</summary>
    public required IReadOnlyList<ComparatorParameters> Comparators { get; init; }

    /// <summary>The prior as a match weight: log2(lambda / (1 - lambda)).</summary>
    public double PriorWeight => Math.Log2(PriorMatchProbability / (1.0 - PriorMatchProbability));

    /// <summary>A model from the comparators' built-in starting values (useful before any data is seen, and in tests).</summary>
    public static MatchModel FromDefaults(ComparatorSet comparators, double priorMatchProbability = 1e-4)
    {
        ArgumentNullException.ThrowIfNull(comparators);
        return new MatchModel
        {
            PriorMatchProbability = priorMatchProbability,
            Comparators = comparators.Items
                .Select(c => new ComparatorParameters(
                    c.Name,
                    Normalised(c.Levels.Select(l => l.DefaultM).ToArray())
                        .Zip(Normalised(c.Levels.Select(l => l.DefaultU).ToArray()), c.Levels)
                        .Select(t => new LevelParameters(t.Third.Label, t.First, t.Second))
                        .ToArray(),
                    ParameterSource.Default))
                .ToArray(),
        };
    }

    /// <summary>The parameters of the named comparator.</summary>
    public ComparatorParameters For(string comparatorName) =>
        Comparators.FirstOrDefault(c => string.Equals(c.Name, comparatorName, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"The model has no parameters for comparator '{comparatorName}'.");

    /// <summary>Checks that the model fits a comparator set (same names, same level counts, probabilities in (0, 1]).</summary>
    public void EnsureFits(ComparatorSet comparators)
    {
        ArgumentNullException.ThrowIfNull(comparators);
        if (PriorMatchProbability is <= 0 or >= 1 || double.IsNaN(PriorMatchProbability))
        {
            throw new InvalidOperationException($"PriorMatchProbability must lie strictly between 0 and 1 (was {PriorMatchProbability}).");
        }

        if (Comparators.Count != comparators.Count)
        {
            throw new InvalidOperationException($"The model has {Comparators.Count} comparators; the comparator set has {comparators.Count}.");
        }

        for (var i = 0; i < comparators.Count; i++)
        {
            var expected = comparators.Items[i];
            var actual = Comparators[i];
            if (!string.Equals(expected.Name, actual.Name, StringComparison.Ordinal) || expected.Levels.Count != actual.Levels.Count)
            {
                throw new InvalidOperationException(
                    $"Comparator {i} is '{actual.Name}' with {actual.Levels.Count} levels in the model but '{expected.Name}' with {expected.Levels.Count} levels in the set.");
            }

            if (actual.Levels.Any(l => l.M is <= 0 or > 1 || l.U is <= 0 or > 1 || double.IsNaN(l.M) || double.IsNaN(l.U)))
            {
                throw new InvalidOperationException($"Comparator '{actual.Name}' has an m or u outside (0, 1].");
            }
        }
    }

    internal static double[] Normalised(double[] values)
    {
        var sum = values.Sum();
        return values.Select(v => v / sum).ToArray();
    }
}
