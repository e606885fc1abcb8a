using IntegrationHub.Matching.Blocking;
using IntegrationHub.Matching.Comparison;
using IntegrationHub.Matching.Estimation;
using IntegrationHub.Matching.Linkage;
using IntegrationHub.Matching.Normalisation;
using IntegrationHub.Matching.Scoring;

namespace IntegrationHub.Matching;

/// <summary>
/// The best-view matching engine: deterministic rules on strong identifiers, then Fellegi-Sunter
/// probabilistic linkage with parameters estimated from the data. Start here. Pure: no I/O beyond its
/// embedded reference data; thread-safe.
/// </summary>
/// <remarks>
/// Batch use (CLI link/eval): <see cref="Deduplicate(IReadOnlyList{PersonRecord}, MatchModel?)"/> or
/// <see cref="Link(IReadOnlyList{PersonRecord}, IReadOnlyList{PersonRecord}, MatchModel?)"/>, which estimate
/// a model unless given one. Live use (pipeline): estimate or load a <see cref="MatchModel"/> once, then
/// <see cref="CreateIndex"/> and <see cref="MatchIndex.Find(PersonRecord, int)"/> per fragment.
/// </remarks>
public sealed class MatchEngine
{
    /// <summary>Creates an engine.</summary>
    /// <param name="options">Thresholds, estimation and blocking settings; defaults when null.</param>
    /// <param name="comparators">The comparators; <see cref="ComparatorSet.Default"/> when null.</param>
    /// <param name="normaliser">The normaliser; <see cref="PersonNormaliser.Default"/> (embedded name variants) when null.</param>
    public MatchEngine(MatchingOptions? options = null, ComparatorSet? comparators = null, PersonNormaliser? normaliser = null)
    {
        Options = options ?? new MatchingOptions();
        Options.Validate();
        Comparators = comparators ?? ComparatorSet.Default;
        Normaliser = normaliser ?? PersonNormaliser.Default;
    }

    /// <summary>The settings.</summary>
    public MatchingOptions Options { get; }

    /// <summary>The comparators.</summary>
    public ComparatorSet Comparators { get; }

    /// <summary>The normaliser.</summary>
    public PersonNormaliser Normaliser { get; }

    /// <summary>Normalises records once, for reuse across estimation and matching.</summary>
    public NormalisedPerson[] Normalise(IReadOnlyList<PersonRecord> records) => Normaliser.NormaliseAll(records);

    /// <summary>Estimates a model for deduplicating these records (no labels used).</summary>
    public EstimationResult Estimate(IReadOnlyList<NormalisedPerson> records) =>
        new ModelEstimator(Comparators, Options.Estimation).EstimateForDeduplication(records, Options.BlockingPasses, Options.MaxBlockSize);

    /// <summary>Estimates a model for linking two record sets (no labels used).</summary>
    public EstimationResult EstimateForLinkage(IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson> right) =>
        new ModelEstimator(Comparators, Options.Estimation).EstimateForLinkage(left, right, Options.BlockingPasses, Options.MaxBlockSize);

    /// <summary>Finds the records that are the same person within one set, estimating a model first unless one is given.</summary>
    public LinkageResult Deduplicate(IReadOnlyList<PersonRecord> records, MatchModel? model = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var normalised = Normalise(records);
        var result = Deduplicate(normalised, model);
        result.Phases = result.Phases with { Normalisation = clock.Elapsed - result.Phases.Total() };
        return result;
    }

    /// <summary>Deduplicates already-normalised records.</summary>
    public LinkageResult Deduplicate(IReadOnlyList<NormalisedPerson> records, MatchModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        ReleaseMemory(records.Count);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var estimation = model is null ? Estimate(records) : null;
        var scorer = new MatchScorer(Comparators, model ?? estimation!.Model, Options.Thresholds, TermFrequencies.Build(Comparators, records));
        // Estimation's blocking index, pairs and patterns are garbage now.
        ReleaseMemory(records.Count);
        var estimated = clock.Elapsed;
        return Run(
            records,
            records,
            () => CandidatePairs.ForDeduplication(records, Options.BlockingPasses, Options.MaxBlockSize, Options.DegreeOfParallelism),
            scorer,
            estimation?.Report,
            deduplication: true,
            estimated);
    }

    /// <summary>Links two record sets (pairs are always one left and one right record), estimating a model first unless one is given.</summary>
    public LinkageResult Link(IReadOnlyList<PersonRecord> left, IReadOnlyList<PersonRecord> right, MatchModel? model = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (normalisedLeft, normalisedRight) = (Normalise(left), Normalise(right));
        var result = Link(normalisedLeft, normalisedRight, model);
        result.Phases = result.Phases with { Normalisation = clock.Elapsed - result.Phases.Total() };
        return result;
    }

    /// <summary>Links already-normalised record sets.</summary>
    public LinkageResult Link(IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson> right, MatchModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ReleaseMemory(left.Count + right.Count);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var estimation = model is null ? EstimateForLinkage(left, right) : null;
        var scorer = new MatchScorer(Comparators, model ?? estimation!.Model, Options.Thresholds, TermFrequencies.Build(Comparators, left.Concat(right)));
        // Estimation's blocking index, pairs and patterns are garbage now.
        ReleaseMemory(left.Count + right.Count);
        var estimated = clock.Elapsed;
        return Run(
            left,
            right,
            () => CandidatePairs.ForLinkage(left, right, Options.BlockingPasses, Options.MaxBlockSize, Options.DegreeOfParallelism),
            scorer,
            estimation?.Report,
            deduplication: false,
            estimated);
    }

    /// <summary>Compares two records with per-field evidence (term frequencies only if given).</summary>
    public MatchResult Compare(PersonRecord left, PersonRecord right, MatchModel model, TermFrequencies? termFrequencies = null)
    {
        var scorer = new MatchScorer(Comparators, model, Options.Thresholds, termFrequencies);
        return scorer.Explain(Normaliser.Normalise(left), Normaliser.Normalise(right));
    }

    /// <summary>Creates an empty live index (the pipeline's store of known children) that scores with <paramref name="model"/>.</summary>
    public MatchIndex CreateIndex(MatchModel model) => new(this, model);

    /// <summary>Records in a batch from which the engine hands memory back to the system between phases.</summary>
    private const int LargeBatch = 100_000;

    /// <summary>
    /// In a batch of <paramref name="records"/> records, if large, collects and compacts the heap and returns the free
    /// memory to the system between phases (<c>hub link</c> calls it between reading files too):
    /// the garbage of reading and normalising the records, of estimation, of building the blocking index, of scoring
    /// and of clustering is otherwise held by the process while the next phase grows (at a million records the peak
    /// went 4.52 → 3.84 GiB with the collection after scoring alone). Called at the start, after estimation, after
    /// the blocking index is built, after each blocking pass's scoring (1.86 → 1.68 GiB at a million records, for
    /// about a second per pass), after scoring and after clustering; about a second per call at that size.
    /// </summary>
    public static void ReleaseMemory(int records)
    {
        if (records >= LargeBatch)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        TraceMemory("released");
    }

    /// <summary>
    /// When the environment variable <c>HUB_MEMORY_TRACE</c> is set, writes the heap size, committed and live memory,
    /// working set and peak working set to standard error, labelled <paramref name="what"/> (the engine calls it at its
    /// phase ends in a batch; <c>hub link</c> at reading and normalising). Does nothing otherwise.
    /// </summary>
    public static void TraceMemory(string what)
    {
        if (Environment.GetEnvironmentVariable("HUB_MEMORY_TRACE") is null)
        {
            return;
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var info = GC.GetGCMemoryInfo();
        Console.Error.WriteLine($"[mem] {DateTime.UtcNow:HH:mm:ss} {what}: heap {info.HeapSizeBytes >> 20} MiB, committed {info.TotalCommittedBytes >> 20} MiB, live {GC.GetTotalMemory(false) >> 20} MiB, rss {process.WorkingSet64 >> 20} MiB, peak {process.PeakWorkingSet64 >> 20} MiB");
    }

    private LinkageResult Run(
        IReadOnlyList<NormalisedPerson> left,
        IReadOnlyList<NormalisedPerson> right,
        Func<CandidatePairs> index,
        MatchScorer scorer,
        EstimationReport? estimation,
        bool deduplication,
        TimeSpan estimationTime)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var offset = deduplication ? 0 : left.Count;
        var records = deduplication ? left.Count : left.Count + right.Count;
        var (kept, links, blocking, indexingTime) = ScoreCandidates(left, right, index, scorer, offset, records);
        // The blocking index (every pass's keys for every record) is garbage now.
        ReleaseMemory(records);

        var scored = clock.Elapsed;

        // Sorted in place (a LINQ ordering holds the pairs three times over and their keys): every pair is visited
        // once, so (weight, left, right) orders them totally and an unstable sort gives the same order.
        var pairs = kept;
        Array.Sort(pairs, static (x, y) =>
        {
            var byWeight = y.MatchWeight.CompareTo(x.MatchWeight);
            return byWeight != 0 ? byWeight : x.Left != y.Left ? x.Left.CompareTo(y.Left) : x.Right.CompareTo(y.Right);
        });

        NormalisedPerson PersonAt(int index) => index < left.Count ? left[index] : right[index - left.Count];

        // Strongest links first; a link that would put two different valid NHS numbers (or UPNs) in one cluster
        // through other records is not followed (the pair stays in the results for review).
        var clusters = new UnionFind(records);
        var guard = new StrongIdentifierGuard(clusters, PersonAt);
        for (var i = 0; i < pairs.Length; i++)
        {
            if (pairs[i].Outcome == MatchOutcome.Match && guard.Conflict(pairs[i].Left, pairs[i].Right + offset))
            {
                pairs[i] = pairs[i] with { Outcome = MatchOutcome.PossibleMatch };
            }
            else if (pairs[i].Outcome == MatchOutcome.Match)
            {
                guard.TryUnion(pairs[i].Left, pairs[i].Right + offset);
            }
        }

        TraceMemory("sorted and guarded");
        var heldAsTwins = new List<(int, int)>();
        var groups = Options.ConsolidateClusters ? Consolidate(clusters, guard, links, PersonAt, scorer, heldAsTwins) : [];
        if (Options.OneRecordPerSource)
        {
            LinkOnlyRecords(pairs, clusters, guard, PersonAt, offset, scorer, heldAsTwins);
        }

        var ids = clusters.ClusterIds();
        var leftClusters = ids[..left.Count];
        var rightClusters = deduplication ? leftClusters : ids[left.Count..];
        // Clustering's and consolidation's garbage, so that the caller's output starts from the results alone.
        ids = [];
        ReleaseMemory(records);
        return new LinkageResult(left, right, deduplication, pairs, groups, leftClusters, rightClusters, scorer, estimation, blocking)
        {
            Phases = new LinkagePhases(TimeSpan.Zero, estimationTime, indexingTime, scored - indexingTime, clock.Elapsed - scored),
        };
    }

    /// <summary>
    /// Builds the blocking index and scores every candidate pair; returns the pairs that are not "no match", the
    /// links worth a group comparison, the blocking report and the time the index took. The index (every pass's keys
    /// for every record, about half a gigabyte at a million records) lives only in this method, so it is freed
    /// before clustering starts.
    /// </summary>
    private (ScoredPair[] Kept, (int A, int B)[] Links, IReadOnlyList<BlockingPassReport> Blocking, TimeSpan Indexing) ScoreCandidates(
        IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson> right, Func<CandidatePairs> index, MatchScorer scorer, int offset, int records)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var candidates = index();
        // Building the index (key lists grown and copied, block sizes counted per pass) leaves garbage as large as
        // the index itself.
        ReleaseMemory(records);
        var indexing = clock.Elapsed;
        TraceMemory("blocking index");
        var linkFloor = Math.Max(scorer.PriorWeight, Math.Log2(Options.ConsolidationLinkProbability / (1 - Options.ConsolidationLinkProbability)));
        var states = candidates.Visit(
            () => (Kept: new List<ScoredPair>(), Links: new List<(int, int)>()),
            (a, b, state) =>
            {
                var decision = scorer.Decide(left[a], right[b]);
                if (decision.Outcome != MatchOutcome.NoMatch)
                {
                    state.Kept.Add(new ScoredPair(a, b, decision.Outcome, decision.MatchWeight, decision.MatchProbability, decision.Deterministic));
                }

                // Pairs with some real chance of a match connect clusters worth comparing as groups.
                if (Options.ConsolidateClusters && decision.MatchWeight > linkFloor && !decision.Deterministic.Contradicted && !decision.Deterministic.Conflicts)
                {
                    state.Links.Add((a, b + offset));
                }
            },
            Options.DegreeOfParallelism,
            out var blocking,
            afterPass: () => ReleaseMemory(records));
        TraceMemory("scored");
        // Each thread's list is dropped as it is copied, so the pairs are not held twice over.
        var kept = new ScoredPair[states.Sum(s => s.Kept.Count)];
        var at = 0;
        foreach (var state in states)
        {
            state.Kept.CopyTo(kept, at);
            at += state.Kept.Count;
            state.Kept.Clear();
            state.Kept.TrimExcess();
        }

        return (kept, states.SelectMany(s => s.Links).ToArray(), blocking, indexing);
    }

    /// <summary>
    /// The one-record-per-source rule (<see cref="MatchingOptions.OneRecordPerSource"/>): links the possible matches,
    /// strongest first, whose clusters hold no record of a common source. <paramref name="pairs"/> are sorted by weight;
    /// a pair linked this way becomes a match marked <see cref="ScoredPair.LinkedAsOnlyRecords"/>. <c>heldAsTwins</c>
    /// are the cluster pairs (by a member of each) that consolidation left for review as possible twins.
    /// </summary>
    private void LinkOnlyRecords(ScoredPair[] pairs, UnionFind clusters, StrongIdentifierGuard guard, Func<int, NormalisedPerson> personAt, int offset, MatchScorer scorer, List<(int, int)> heldAsTwins)
    {
        // Each cluster's sources as bits; a record without a source (or a 64th source) sets the bit that blocks.
        const ulong Unknown = 1UL << 63;
        var bits = new Dictionary<string, ulong>(StringComparer.Ordinal);
        ulong BitOf(string? source)
        {
            if (source is null)
            {
                return Unknown;
            }

            if (!bits.TryGetValue(source, out var bit))
            {
                bit = bits.Count < 63 ? 1UL << bits.Count : Unknown;
                bits[source] = bit;
            }

            return bit;
        }

        // And the recorded sexes each cluster holds (bit 1 female, bit 2 male).
        var sources = new ulong[clusters.Count];
        var sexes = new byte[clusters.Count];
        for (var i = 0; i < sources.Length; i++)
        {
            var (person, root) = (personAt(i), clusters.Find(i));
            sources[root] |= BitOf(person.SourceId);
            sexes[root] |= person.Sex switch { Sex.Female => (byte)1, Sex.Male => (byte)2, _ => (byte)0 };
        }

        // Cluster pairs held as possible twins as groups, by their current roots.
        var twinsOf = new Dictionary<int, HashSet<int>>();
        foreach (var (x, y) in heldAsTwins)
        {
            var (rootX, rootY) = (clusters.Find(x), clusters.Find(y));
            (twinsOf.TryGetValue(rootX, out var withX) ? withX : twinsOf[rootX] = []).Add(rootY);
            (twinsOf.TryGetValue(rootY, out var withY) ? withY : twinsOf[rootY] = []).Add(rootX);
        }

        var partners = OverlappingSources(sources, clusters);
        for (var i = 0; i < pairs.Length; i++)
        {
            var pair = pairs[i];
            if (pair.Outcome != MatchOutcome.PossibleMatch || pair.Deterministic.Applies || pair.Deterministic.Conflicts)
            {
                continue;
            }

            var (a, b) = (pair.Left, pair.Right + offset);
            var (rootA, rootB) = (clusters.Find(a), clusters.Find(b));
            var together = sources[rootA] | sources[rootB];
            var (left, right) = (personAt(a), personAt(b));
            if (rootA == rootB || (sources[rootA] & sources[rootB]) != 0 || (together & Unknown) != 0
                || (partners[System.Numerics.BitOperations.TrailingZeroCount(BitOf(left.SourceId))] & BitOf(right.SourceId)) == 0)
            {
                continue;
            }

            // Not when the clusters' recorded sexes disagree, nor on a pair (or pair of clusters) the household rule
            // holds as possible twins: when each of two sources knows one twin, neither has a record in the other's
            // source, and the rule would make them one child (docs/matching.md, "One record per source").
            if ((sexes[rootA] != 0 && sexes[rootB] != 0 && (sexes[rootA] & sexes[rootB]) == 0)
                || (twinsOf.TryGetValue(rootA, out var heldWith) && heldWith.Contains(rootB))
                || scorer.LooksLikeTwins(left, right))
            {
                continue;
            }

            if (guard.TryUnion(a, b))
            {
                var root = clusters.Find(a);
                sources[root] = together;
                sexes[root] = (byte)(sexes[rootA] | sexes[rootB]);
                MergeHeld(twinsOf, rootA, rootB, root);
                pairs[i] = pair with { Outcome = MatchOutcome.Match, LinkedAsOnlyRecords = true };
            }
        }
    }

    /// <summary>Moves the possible-twin partners of two merged clusters to the merged cluster's root.</summary>
    private static void MergeHeld(Dictionary<int, HashSet<int>> twinsOf, int rootA, int rootB, int root)
    {
        var merged = new HashSet<int>();
        foreach (var old in new[] { rootA, rootB })
        {
            if (!twinsOf.Remove(old, out var partners))
            {
                continue;
            }

            foreach (var partner in partners)
            {
                merged.Add(partner);
                var back = twinsOf[partner];
                back.Remove(old);
                back.Add(root);
            }
        }

        if (merged.Count > 0)
        {
            twinsOf[root] = merged;
        }
    }

    /// <summary>
    /// For each source bit, the bits of the sources it overlaps enough for the one-record-per-source rule: at least
    /// <see cref="MatchingOptions.OneRecordPerSourceMinimumOverlap"/> of the smaller source's clusters already hold a
    /// record of the other. Two sources that share few children leave many records of each without a partner, and a
    /// possible match between two such records is then no more likely one child than its score says (measured in
    /// docs/matching.md, "One record per source").
    /// </summary>
    private ulong[] OverlappingSources(ulong[] sources, UnionFind clusters)
    {
        var alone = new long[64];
        var both = new long[64, 64];
        for (var i = 0; i < sources.Length; i++)
        {
            if (sources[i] == 0 || clusters.Find(i) != i)
            {
                continue;
            }

            for (var set = sources[i]; set != 0; set &= set - 1)
            {
                var s = System.Numerics.BitOperations.TrailingZeroCount(set);
                alone[s]++;
                for (var rest = set & (set - 1); rest != 0; rest &= rest - 1)
                {
                    var t = System.Numerics.BitOperations.TrailingZeroCount(rest);
                    both[s, t]++;
                    both[t, s]++;
                }
            }
        }

        var partners = new ulong[64];
        for (var s = 0; s < 63; s++)
        {
            for (var t = 0; t < 63; t++)
            {
                var smaller = Math.Min(alone[s], alone[t]);
                if (s != t && smaller > 0 && both[s, t] >= Options.OneRecordPerSourceMinimumOverlap * smaller)
                {
                    partners[s] |= 1UL << t;
                }
            }
        }

        return partners;
    }

    /// <summary>
    /// Compares clusters joined by at least one pair with net evidence for a match as groups, merges those that
    /// match, and repeats until nothing merges. Returns the group comparisons that merged clusters or are left
    /// for review; adds to <c>heldAsTwins</c> the cluster pairs (by a member of each) left for review as possible twins.
    /// </summary>
    private List<GroupMatchResult> Consolidate(UnionFind clusters, StrongIdentifierGuard guard, (int A, int B)[] links, Func<int, NormalisedPerson> personAt, MatchScorer scorer, List<(int, int)> heldAsTwins)
    {
        var decided = new List<GroupMatchResult>();

        // A cluster pair whose two clusters did not change since the last round gets the same verdict again:
        // only pairs touching a cluster merged in the previous round are compared anew.
        var verdicts = new Dictionary<(int, int), GroupMatchResult?>();
        HashSet<int>? changed = null;
        for (var round = 0; round <= Options.MaxConsolidationRounds; round++)
        {
            var finalRound = round == Options.MaxConsolidationRounds;
            var clusterPairs = new HashSet<(int, int)>();
            foreach (var (a, b) in links)
            {
                var (rootA, rootB) = (clusters.Find(a), clusters.Find(b));
                if (rootA != rootB)
                {
                    clusterPairs.Add(rootA < rootB ? (rootA, rootB) : (rootB, rootA));
                }
            }

            if (clusterPairs.Count == 0)
            {
                break;
            }

            var toCompare = clusterPairs.Where(p => changed is null || changed.Contains(p.Item1) || changed.Contains(p.Item2)).ToList();

            // Gather the members of the clusters to compare only.
            var members = new Dictionary<int, List<NormalisedPerson>>();
            foreach (var (rootA, rootB) in toCompare)
            {
                members.TryAdd(rootA, []);
                members.TryAdd(rootB, []);
            }

            for (var i = 0; i < clusters.Count; i++)
            {
                if (members.TryGetValue(clusters.Find(i), out var list))
                {
                    list.Add(personAt(i));
                }
            }

            // The comparisons are independent (the scorer is thread-safe); the verdicts are stored in list order.
            var results = new GroupMatchResult?[toCompare.Count];
            Parallel.For(0, toCompare.Count, new ParallelOptions { MaxDegreeOfParallelism = Options.DegreeOfParallelism }, k =>
            {
                var (groupA, groupB) = (members[toCompare[k].Item1], members[toCompare[k].Item2]);
                // Two single records were already judged as a pair; large groups are left alone.
                var result = (groupA.Count == 1 && groupB.Count == 1) || groupA.Count > Options.MaxGroupSize || groupB.Count > Options.MaxGroupSize
                    ? null
                    : scorer.ExplainGroups(groupA, groupB);
                results[k] = result?.Outcome == MatchOutcome.NoMatch ? null : result;
            });
            // Only verdicts that can merge or be reviewed are kept: at a million records most comparisons are "no
            // match", and holding their accounts cost gigabytes. A pair without a verdict is skipped like a null one.
            for (var k = 0; k < toCompare.Count; k++)
            {
                if (results[k] is { } kept)
                {
                    verdicts[toCompare[k]] = kept;
                }
                else
                {
                    verdicts.Remove(toCompare[k]);
                }
            }

            var merges = new List<(int, int, GroupMatchResult)>();
            var reviews = new List<GroupMatchResult>();
            var twins = new List<(int, int)>();
            foreach (var (rootA, rootB) in clusterPairs.OrderBy(p => p.Item1).ThenBy(p => p.Item2))
            {
                if (verdicts.GetValueOrDefault((rootA, rootB)) is not { } result)
                {
                    continue;
                }

                if (result.Outcome == MatchOutcome.Match && !finalRound)
                {
                    merges.Add((rootA, rootB, result));
                }
                else if (result.Outcome != MatchOutcome.NoMatch)
                {
                    reviews.Add(result);
                    if (result.PossibleTwin)
                    {
                        twins.Add((rootA, rootB));
                    }
                }
            }

            if (merges.Count == 0)
            {
                decided.AddRange(reviews);
                heldAsTwins.AddRange(twins);
                break;
            }

            changed = [];
            foreach (var (rootA, rootB, result) in merges)
            {
                // An earlier merge of this round may have brought in a different valid NHS number or UPN; the next
                // round compares the grown clusters again (and holds them for review).
                if (guard.TryUnion(rootA, rootB))
                {
                    decided.Add(result);
                    changed.Add(rootA);
                }
            }

            // A cluster merged twice this round is known by its final root.
            changed = changed.Select(clusters.Find).ToHashSet();
        }

        return decided;
    }
}
