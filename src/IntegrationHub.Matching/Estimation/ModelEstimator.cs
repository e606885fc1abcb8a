using IntegrationHub.Matching.Blocking;
using IntegrationHub.Matching.Comparison;
using IntegrationHub.Matching.Normalisation;
using IntegrationHub.Matching.Scoring;

namespace IntegrationHub.Matching.Estimation;

/// <summary>What one training pass contributed.</summary>
/// <param name="Pass">The training pass.</param>
/// <param name="Pairs">Pairs compared (after sampling).</param>
/// <param name="Iterations">Expectation-maximisation iterations run (both runs: the share of matches, then m).</param>
/// <param name="Converged">True if both runs met the tolerance before the iteration limit.</param>
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
/// Each pass runs expectation maximisation twice: first for its share of matches, with its own u re-estimated
/// (a pass's non-matches are not random pairs), then for m with that share fixed and u from random pairs
/// (see <see cref="EmMode"/>). A pass with more pairs than wanted is sampled by record before its pairs are
/// enumerated.
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

            // Two runs. The first finds the pass's share of matches, re-estimating the pass's own u from its non-matches
            // as well as m (see EmMode.ShareWithOwnU). The second estimates m with that share held fixed and u at the
            // random pairs' values, which is what the model scores with.
            var shareRun = Expectation(patterns, active, priorM.Select(row => (double[])row.Clone()).ToArray(), u, priorM, StartingShare(left, right, patterns), EmMode.ShareWithOwnU);
            var m = priorM.Select(row => (double[])row.Clone()).ToArray();
            var run = Expectation(patterns, active, m, u, priorM, shareRun.Lambda, EmMode.MGivenShare);
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

            passReports.Add(new TrainingPassReport(
                pass.Name, patterns.Pairs, shareRun.Iterations + run.Iterations, shareRun.Converged && run.Converged, run.Lambda, estimated, Discarded: !plausible));
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

    /// <summary>
    /// Where expectation maximisation starts lambda for a training pass: at most one match per record of the smaller
    /// side (half a match per record when deduplicating) among the pass's pairs, and not above
    /// <see cref="EstimationSettings.InitialMatchShare"/>. A pass's blocks grow with the data (a date of birth is shared
    /// by about records / 6,600 children), so its share of matches shrinks; started far above it, the iterations settle
    /// on a "match" class of pairs that merely share a common forename (at a million records the names pass ended at
    /// lambda 0.75 and the date-of-birth pass at five times the true share).
    /// </summary>
    private double StartingShare(IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson>? right, ComparisonPatterns patterns)
    {
        var passPairs = patterns.Pairs / patterns.SampledFraction;
        var oneEach = right is null ? left.Count / 2.0 : Math.Min(left.Count, right.Count);
        return Math.Clamp(oneEach / passPairs, 1e-6, settings.InitialMatchShare);
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
        var run = Expectation(candidates, comparators.Select(_ => true).ToArray(), m, u, priorM, settings.InitialMatchShare, EmMode.ShareOnly);
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

    /// <summary>
    /// Counts comparison patterns over blocked pairs. Beyond <paramref name="maxPairs"/> the pairs are sampled
    /// deterministically by record (a record's pairs are kept when a hash of its index falls below the share
    /// wanted): the sample is drawn before the pairs are enumerated, so a pass of hundreds of millions of pairs
    /// costs only the pairs kept. Every pair has the same chance of being kept (its left record's, or for
    /// deduplication its smaller index's), so the pass's expected matches scale back by that share.
    /// </summary>
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
        Func<int, bool>? keep = keepBelow == ulong.MaxValue ? null : a => Mix((ulong)(uint)a, seed) <= keepBelow;
        var states = candidates.Visit(
            () => new ComparisonPatterns(),
            (a, b, patterns) => patterns.Add(ComparisonPatterns.Compare(comparators, active, left[a], rightSet[b])),
            settings.DegreeOfParallelism,
            keep,
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

    /// <summary>What an expectation-maximisation run re-estimates.</summary>
    private enum EmMode
    {
        /// <summary>Lambda only, with m and u fixed.</summary>
        ShareOnly,

        /// <summary>
        /// Lambda, m, and the pass's own u from its non-matches (started from, and smoothed towards, the random pairs'
        /// u; the model keeps the random pairs' u). A pass's non-matches are not random pairs: sharing a name makes a
        /// near year of birth and the same area likelier, and sharing a date of birth a common forename. Held at the
        /// random pairs' u, that excess can only be explained as matches, and as the register grows it outweighs the
        /// matches (a date's block grows with the register, its matches do not): at a million records the names pass
        /// ended at lambda 0.75 and the date-of-birth pass at five times its matches, which made the prior 50 times
        /// too large. The share this gives is close to the truth (771,000 matches expected at a million children for
        /// 745,546 true pairs); its m is not used, as the pass's u absorbs part of the household fields' agreement.
        /// </summary>
        ShareWithOwnU,

        /// <summary>m with lambda held at a share found before and u fixed.</summary>
        MGivenShare,
    }

    /// <summary>
    /// Expectation maximisation over pattern counts. E-step: each pattern's match probability under
    /// lambda, m and u (missing values and inactive comparators contribute nothing). M-step, as
    /// <paramref name="mode"/> says: lambda is the expected match share; m of each active comparator is its
    /// expected level distribution among matches, smoothed by the starting values; u likewise among non-matches.
    /// </summary>
    private EmRun Expectation(ComparisonPatterns patterns, bool[] active, double[][] m, double[][] u, double[][] priorM, double initialLambda, EmMode mode)
    {
        var updateM = mode != EmMode.ShareOnly;
        var updateU = mode == EmMode.ShareWithOwnU;
        var updateLambda = mode != EmMode.MGivenShare;
        // Sorted, so the sums run in the same order however the threads filled the counts.
        var keys = patterns.Counts.Keys.Order().ToArray();
        var counts = keys.Select(k => (double)patterns.Counts[k]).ToArray();
        var levels = keys.Select(k => Enumerable.Range(0, comparators.Length).Select(c => ComparisonPatterns.Level(k, c)).ToArray()).ToArray();
        var total = counts.Sum();
        var lambda = initialLambda;
        var matchedMass = new double[comparators.Length];
        var randomU = u;
        u = u.Select(row => (double[])row.Clone()).ToArray();
        var iterations = 0;
        var converged = false;

        while (iterations < settings.MaxIterations && !converged)
        {
            iterations++;
            var numerators = comparators.Select(c => new double[c.Levels.Count]).ToArray();
            var unmatched = comparators.Select(c => new double[c.Levels.Count]).ToArray();
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
                        unmatched[c][level] += counts[p] - mass;
                        matchedMass[c] += mass;
                    }
                }
            }

            var newLambda = updateLambda ? Math.Clamp(expectedMatches / total, 1e-9, 1 - 1e-9) : lambda;
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
                    if (!updateU)
                    {
                        continue;
                    }

                    var unmatchedMass = unmatched[c].Sum();
                    u[c] = Floor(unmatched[c]
                        .Select((n, k) => (n + (settings.PriorPseudoPairs * randomU[c][k])) / (unmatchedMass + settings.PriorPseudoPairs))
                        .ToArray());
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
