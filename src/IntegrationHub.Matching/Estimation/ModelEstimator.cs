using IntegrationHub.Matching.Blocking;
using IntegrationHub.Matching.Comparison;
using IntegrationHub.Matching.Normalisation;
using IntegrationHub.Matching.Scoring;

namespace IntegrationHub.Matching.Estimation;

/// <summary>What one training pass contributed.</summary>
/// <param name="Pass">The training pass.</param>
/// <param name="Pairs">Pairs compared (after sampling).</param>
/// <param name="Iterations">Expectation-maximisation iterations run.</param>
/// <param name="Converged">True if the run met the tolerance before the iteration limit.</param>
/// <param name="MatchShare">Estimated share of matches among the pass's pairs.</param>
/// <param name="EstimatedComparators">Comparators whose m this pass estimated.</param>
/// <param name="Discarded">True if the estimates were thrown away because agreement came out likelier among non-matches.</param>
public sealed record TrainingPassReport(
    string Pass, long Pairs, int Iterations, bool Converged, double MatchShare, IReadOnlyList<string> EstimatedComparators, bool Discarded);

/// <summary>How a model was estimated.</summary>
/// <param name="RandomPairs">Pairs used to estimate u.</param>
/// <param name="TrainingPasses">One entry per training pass.</param>
/// <param name="ExpectedMatches">Estimated number of matching pairs in the data.</param>
/// <param name="AllPairs">All record pairs (the denominator of lambda).</param>
/// <param name="PriorMethod">How the expected matches were counted (see <see cref="ModelEstimator"/>).</param>
public sealed record EstimationReport(
    long RandomPairs, IReadOnlyList<TrainingPassReport> TrainingPasses, double ExpectedMatches, long AllPairs, string PriorMethod);

/// <summary>A model with the account of how it was estimated.</summary>
/// <param name="Model">The estimated model.</param>
/// <param name="Report">How it was estimated.</param>
public sealed record EstimationResult(MatchModel Model, EstimationReport Report);

/// <summary>
/// Estimates Fellegi-Sunter parameters from the records themselves, with no labelled pairs:
/// u from record pairs drawn at random (almost all non-matches); m by expectation maximisation over the
/// pairs of each training pass, leaving out the comparators on the pass's own blocking fields (their
/// agreement is forced by the blocking, so it says nothing), and averaging each comparator's m over the
/// passes that estimated it, weighted by expected matches. Lambda, the prior, comes from a training pass
/// whose blocks are exactly the pairs agreeing on one comparator (same date of birth): it sees a share
/// m(exact) of all matches, with m(exact) estimated by the other passes, so all matches number its expected
/// matches divided by m(exact). Without such a pass, lambda comes from expectation maximisation over the
/// candidate pairs with m and u fixed, which overstates it on large data (pairs that agree on a few rare
/// values look half-matched), so the date-of-birth pass is kept among the training passes by default.
/// </summary>
public sealed class ModelEstimator
{
    private const double ProbabilityFloor = 1e-6;
    private readonly ComparatorSet comparatorSet;
    private readonly Comparator[] comparators;
    private readonly EstimationSettings settings;

    /// <summary>Creates an estimator.</summary>
    public ModelEstimator(ComparatorSet comparators, EstimationSettings settings)
    {
        comparatorSet = comparators ?? throw new ArgumentNullException(nameof(comparators));
        this.settings = settings ?? throw new ArgumentNullException(nameof(settings));
        settings.Validate();
        this.comparators = comparators.Items;
    }

    /// <summary>Estimates a model for finding duplicates within one record set.</summary>
    public EstimationResult EstimateForDeduplication(
        IReadOnlyList<NormalisedPerson> records, IReadOnlyList<BlockingPass> matchingPasses, int maxBlockSize)
    {
        ArgumentNullException.ThrowIfNull(records);
        return Estimate(records, null, matchingPasses, maxBlockSize);
    }

    /// <summary>Estimates a model for linking two record sets.</summary>
    public EstimationResult EstimateForLinkage(
        IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson> right, IReadOnlyList<BlockingPass> matchingPasses, int maxBlockSize)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return Estimate(left, right, matchingPasses, maxBlockSize);
    }

    private EstimationResult Estimate(
        IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson>? right, IReadOnlyList<BlockingPass> matchingPasses, int maxBlockSize)
    {
        ArgumentNullException.ThrowIfNull(matchingPasses);
        var priorM = comparators.Select(c => MatchModel.Normalised(c.Levels.Select(l => l.DefaultM).ToArray())).ToArray();

        var (u, uObserved, randomPairs) = EstimateU(left, right);

        // m: expectation maximisation per training pass, combined weighted by expected matches.
        var mSum = comparators.Select(c => new double[c.Levels.Count]).ToArray();
        var mMass = new double[comparators.Length];
        var passReports = new List<TrainingPassReport>();
        var recallPasses = new List<(int Comparator, double ExpectedMatches)>();
        foreach (var pass in settings.TrainingPasses)
        {
            var active = comparators.Select(c => (c.Fields & pass.Fields) == PersonFields.None).ToArray();
            var patterns = Patterns(left, right, [pass], settings.TrainingMaxBlockSize, active, settings.MaxPairsPerTrainingPass);
            if (patterns.Pairs == 0)
            {
                passReports.Add(new TrainingPassReport(pass.Name, 0, 0, true, 0, [], Discarded: false));
                continue;
            }

            var m = priorM.Select(row => (double[])row.Clone()).ToArray();
            var run = Expectation(patterns, active, m, u, priorM, settings.InitialMatchShare, updateM: true);
            var estimated = new List<string>();
            var plausible = Plausible(active, run.MatchedMass, m, u);
            for (var c = 0; c < comparators.Length; c++)
            {
                if (!active[c] || run.MatchedMass[c] < 1.0 || !plausible)
                {
                    continue;
                }

                estimated.Add(comparators[c].Name);
                for (var level = 0; level < m[c].Length; level++)
                {
                    mSum[c][level] += m[c][level] * run.MatchedMass[c];
                }

                mMass[c] += run.MatchedMass[c];
            }

            passReports.Add(new TrainingPassReport(pass.Name, patterns.Pairs, run.Iterations, run.Converged, run.Lambda, estimated, Discarded: !plausible));
            if (plausible && pass.ExactComparator is { } exact && comparatorSet.IndexOf(exact) is var exactIndex and >= 0)
            {
                recallPasses.Add((exactIndex, run.Lambda * patterns.Pairs / patterns.SampledFraction));
            }
        }

        var finalM = new double[comparators.Length][];
        for (var c = 0; c < comparators.Length; c++)
        {
            finalM[c] = mMass[c] > 0 ? Floor(mSum[c].Select(v => v / mMass[c]).ToArray()) : priorM[c];
        }

        var allPairs = right is null ? (long)left.Count * (left.Count - 1) / 2 : (long)left.Count * right.Count;
        var (expectedMatches, method) = ExpectedMatches(left, right, matchingPasses, maxBlockSize, recallPasses, finalM, mMass, u, priorM);
        var prior = allPairs == 0 ? 0.5 : Math.Clamp(expectedMatches / allPairs, 1e-12, 0.5);

        var model = new MatchModel
        {
            PriorMatchProbability = prior,
            Comparators = comparators.Select((c, i) => new ComparatorParameters(
                    c.Name,
                    c.Levels.Select((level, k) => new LevelParameters(level.Label, finalM[i][k], u[i][k])).ToArray(),
                    mMass[i] > 0 ? ParameterSource.Estimated : uObserved[i] ? ParameterSource.UEstimatedOnly : ParameterSource.Default))
                .ToArray(),
        };
        model.EnsureFits(comparatorSet);
        return new EstimationResult(model, new EstimationReport(randomPairs, passReports, expectedMatches, allPairs, method));
    }

    /// <summary>The number of matching pairs in the data: from a training pass's recall when possible, else from the candidates.</summary>
    private (double Matches, string Method) ExpectedMatches(
        IReadOnlyList<NormalisedPerson> left,
        IReadOnlyList<NormalisedPerson>? right,
        IReadOnlyList<BlockingPass> matchingPasses,
        int maxBlockSize,
        List<(int Comparator, double ExpectedMatches)> recallPasses,
        double[][] m,
        double[] mMass,
        double[][] u,
        double[][] priorM)
    {
        // A recall below 5% would multiply the pass's noise by more than twenty.
        const double MinimumRecall = 0.05;
        var usable = recallPasses.Where(p => mMass[p.Comparator] > 0 && m[p.Comparator][0] >= MinimumRecall).ToArray();
        if (usable.Length > 0)
        {
            var matches = usable.Average(p => p.ExpectedMatches / m[p.Comparator][0]);
            var names = string.Join(", ", usable.Select(p => comparators[p.Comparator].Name).Distinct());
            return (matches, $"matches in the training pass on exact {names}, divided by m(exact {names})");
        }

        var candidates = Patterns(left, right, matchingPasses, maxBlockSize, active: null, maxPairs: long.MaxValue);
        var run = Expectation(candidates, comparators.Select(_ => true).ToArray(), m, u, priorM, settings.InitialMatchShare, updateM: false);
        return (run.Lambda * candidates.Pairs, $"expectation maximisation over {candidates.Pairs} candidate pairs");
    }

    /// <summary>u from random pairs; the comparators' starting values where the data holds no value.</summary>
    private (double[][] U, bool[] Observed, long Pairs) EstimateU(IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson>? right)
    {
        var rightSet = right ?? left;
        var allPairs = right is null ? (long)left.Count * (left.Count - 1) / 2 : (long)left.Count * right.Count;
        var exhaustive = allPairs <= settings.MaxRandomPairs;
        var pairs = exhaustive ? allPairs : settings.MaxRandomPairs;
        var counts = comparators.Select(c => new long[c.Levels.Count]).ToArray();

        // Exhaustive: one work item per left record (its row of pairs). Sampled: fixed-size chunks of
        // random pairs, each chunk with its own seeded generator so the sample does not depend on threads.
        const int Chunk = 4096;
        var items = exhaustive ? left.Count : (int)((pairs + Chunk - 1) / Chunk);
        var options = new ParallelOptions { MaxDegreeOfParallelism = settings.DegreeOfParallelism };
        Parallel.For(
            0,
            items,
            options,
            () => comparators.Select(c => new long[c.Levels.Count]).ToArray(),
            (item, _, local) =>
            {
                if (exhaustive)
                {
                    for (var j = right is null ? item + 1 : 0; j < rightSet.Count; j++)
                    {
                        Count(left[item], rightSet[j], local);
                    }

                    return local;
                }

                // HashCode is randomised per process; SplitMix keeps the sample, and so the model, the same on every run.
                var random = new Random(unchecked((int)Mix((ulong)item, (ulong)settings.Seed)));
                var size = Math.Min(Chunk, pairs - ((long)item * Chunk));
                for (var n = 0; n < size; n++)
                {
                    var (a, b) = RandomPair(random, left.Count, rightSet.Count, right is null);
                    Count(left[a], rightSet[b], local);
                }

                return local;
            },
            local =>
            {
                lock (counts)
                {
                    for (var c = 0; c < counts.Length; c++)
                    {
                        for (var k = 0; k < counts[c].Length; k++)
                        {
                            counts[c][k] += local[c][k];
                        }
                    }
                }
            });

        var u = new double[comparators.Length][];
        var observed = new bool[comparators.Length];
        for (var c = 0; c < comparators.Length; c++)
        {
            var prior = MatchModel.Normalised(comparators[c].Levels.Select(l => l.DefaultU).ToArray());
            var n = counts[c].Sum();
            observed[c] = n > 0;
            if (n == 0)
            {
                u[c] = prior;
                continue;
            }

            // Smooth with one pseudo-pair of the starting values, and never below one pair in the sample:
            // a level unseen among random pairs is rare, not impossible.
            var floor = 1.0 / n;
            u[c] = MatchModel.Normalised(counts[c].Select((count, k) => Math.Max((count + prior[k]) / (n + 1.0), floor)).ToArray());
        }

        return (u, observed, pairs);
    }

    private void Count(NormalisedPerson left, NormalisedPerson right, long[][] counts)
    {
        var context = NameOrientation.ContextFor(left, right);
        for (var c = 0; c < comparators.Length; c++)
        {
            var level = comparators[c].Compare(left, right, context);
            if (level != Comparator.Null)
            {
                counts[c][level]++;
            }
        }
    }

    private static (int, int) RandomPair(Random random, int leftCount, int rightCount, bool deduplicating)
    {
        if (!deduplicating)
        {
            return (random.Next(leftCount), random.Next(rightCount));
        }

        var a = random.Next(leftCount);
        var b = random.Next(leftCount - 1);
        return (a, b >= a ? b + 1 : b);
    }

    /// <summary>Counts comparison patterns over blocked pairs, sampling pairs deterministically beyond <paramref name="maxPairs"/>.</summary>
    private ComparisonPatterns Patterns(
        IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson>? right, IReadOnlyList<BlockingPass> passes, int maxBlockSize, bool[]? active, long maxPairs)
    {
        var candidates = right is null
            ? CandidatePairs.ForDeduplication(left, passes, maxBlockSize, settings.DegreeOfParallelism)
            : CandidatePairs.ForLinkage(left, right, passes, maxBlockSize, settings.DegreeOfParallelism);
        var rightSet = right ?? left;
        var bound = maxPairs == long.MaxValue ? 0 : candidates.PairsUpperBound();
        var keepBelow = bound <= maxPairs ? ulong.MaxValue : (ulong)(ulong.MaxValue * ((double)maxPairs / bound));
        var seed = (ulong)settings.Seed;
        var states = candidates.Visit(
            () => new ComparisonPatterns(),
            (a, b, patterns) =>
            {
                if (keepBelow != ulong.MaxValue && Mix(((ulong)(uint)a << 32) | (uint)b, seed) > keepBelow)
                {
                    return;
                }

                patterns.Add(ComparisonPatterns.Compare(comparators, active, left[a], rightSet[b]));
            },
            settings.DegreeOfParallelism,
            out _);

        var merged = new ComparisonPatterns { SampledFraction = keepBelow == ulong.MaxValue ? 1.0 : (double)keepBelow / ulong.MaxValue };
        foreach (var state in states)
        {
            merged.Merge(state);
        }

        return merged;
    }

    /// <summary>SplitMix64 finaliser: a well-spread hash for deterministic sampling.</summary>
    private static ulong Mix(ulong value, ulong seed)
    {
        var z = value + seed + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private sealed record EmRun(double Lambda, int Iterations, bool Converged, double[] MatchedMass);

    /// <summary>
    /// Expectation maximisation over pattern counts. E-step: each pattern's match probability under
    /// lambda, m and u (missing values and inactive comparators contribute nothing). M-step: lambda is the
    /// expected match share; with <paramref name="updateM"/>, m of each active comparator is its expected
    /// level distribution among matches, smoothed by the starting values. u stays fixed.
    /// </summary>
    private EmRun Expectation(ComparisonPatterns patterns, bool[] active, double[][] m, double[][] u, double[][] priorM, double initialLambda, bool updateM)
    {
        // Sorted, so the sums run in the same order however the threads filled the counts.
        var keys = patterns.Counts.Keys.Order().ToArray();
        var counts = keys.Select(k => (double)patterns.Counts[k]).ToArray();
        var levels = keys.Select(k => Enumerable.Range(0, comparators.Length).Select(c => ComparisonPatterns.Level(k, c)).ToArray()).ToArray();
        var total = counts.Sum();
        var lambda = initialLambda;
        var matchedMass = new double[comparators.Length];
        var iterations = 0;
        var converged = false;

        while (iterations < settings.MaxIterations && !converged)
        {
            iterations++;
            var numerators = comparators.Select(c => new double[c.Levels.Count]).ToArray();
            Array.Clear(matchedMass);
            double expectedMatches = 0;
            var priorLogOdds = Math.Log(lambda / (1 - lambda));
            for (var p = 0; p < keys.Length; p++)
            {
                var logOdds = priorLogOdds;
                for (var c = 0; c < comparators.Length; c++)
                {
                    var level = levels[p][c];
                    if (active[c] && level != ComparisonPatterns.Missing)
                    {
                        logOdds += Math.Log(m[c][level] / u[c][level]);
                    }
                }

                var probability = 1.0 / (1.0 + Math.Exp(-logOdds));
                var mass = probability * counts[p];
                expectedMatches += mass;
                for (var c = 0; c < comparators.Length; c++)
                {
                    var level = levels[p][c];
                    if (active[c] && level != ComparisonPatterns.Missing)
                    {
                        numerators[c][level] += mass;
                        matchedMass[c] += mass;
                    }
                }
            }

            var newLambda = Math.Clamp(expectedMatches / total, 1e-9, 1 - 1e-9);
            var change = Math.Abs(newLambda - lambda);
            lambda = newLambda;
            if (updateM)
            {
                for (var c = 0; c < comparators.Length; c++)
                {
                    if (!active[c] || matchedMass[c] <= 0)
                    {
                        continue;
                    }

                    var updated = Floor(numerators[c]
                        .Select((n, k) => (n + (settings.PriorPseudoPairs * priorM[c][k])) / (matchedMass[c] + settings.PriorPseudoPairs))
                        .ToArray());
                    for (var k = 0; k < updated.Length; k++)
                    {
                        change = Math.Max(change, Math.Abs(updated[k] - m[c][k]));
                    }

                    m[c] = updated;
                }
            }

            converged = change < settings.ConvergenceTolerance;
        }

        return new EmRun(lambda, iterations, converged, (double[])matchedMass.Clone());
    }

    /// <summary>
    /// Guards against expectation maximisation settling on the wrong class as "match": across the estimated
    /// comparators, exact agreement must be likelier among matches than among non-matches.
    /// </summary>
    private static bool Plausible(bool[] active, double[] matchedMass, double[][] m, double[][] u)
    {
        double evidence = 0;
        for (var c = 0; c < active.Length; c++)
        {
            if (active[c] && matchedMass[c] >= 1.0)
            {
                evidence += Math.Log(m[c][0] / u[c][0]);
            }
        }

        return evidence > 0;
    }

    private static double[] Floor(double[] probabilities) =>
        MatchModel.Normalised(probabilities.Select(p => Math.Max(p, ProbabilityFloor)).ToArray());
}
