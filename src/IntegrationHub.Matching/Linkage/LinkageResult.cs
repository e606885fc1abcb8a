using IntegrationHub.Matching.Blocking;
using IntegrationHub.Matching.Estimation;
using IntegrationHub.Matching.Normalisation;
using IntegrationHub.Matching.Scoring;

namespace IntegrationHub.Matching.Linkage;

/// <summary>A candidate pair that scored at least a possible match.</summary>
/// <param name="Left">Index into the left record set.</param>
/// <param name="Right">Index into the right record set (the same set when deduplicating; then Left &lt; Right).</param>
/// <param name="Outcome">Match or possible match.</param>
/// <param name="MatchWeight">Total match weight in bits.</param>
/// <param name="MatchProbability">Posterior match probability.</param>
/// <param name="Deterministic">What the strong-identifier rules found.</param>
public readonly record struct ScoredPair(int Left, int Right, MatchOutcome Outcome, double MatchWeight, double MatchProbability, DeterministicFinding Deterministic)
{
    /// <summary>
    /// True if a possible match was linked by the one-record-per-source rule (<see cref="MatchingOptions.OneRecordPerSource"/>):
    /// its two clusters held no record of a common source.
    /// </summary>
    public bool LinkedAsOnlyRecords { get; init; }
}

/// <summary>Where a linkage run spent its time.</summary>
public sealed record LinkagePhases(TimeSpan Normalisation, TimeSpan Estimation, TimeSpan Indexing, TimeSpan Scoring, TimeSpan Clustering)
{
    public override string ToString() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"normalisation {Normalisation.TotalSeconds:0.0} s, estimation {Estimation.TotalSeconds:0.0} s, blocking index {Indexing.TotalSeconds:0.0} s, scoring {Scoring.TotalSeconds:0.0} s, clustering {Clustering.TotalSeconds:0.0} s");

    /// <summary>The time of every phase together.</summary>
    public TimeSpan Total() => Normalisation + Estimation + Indexing + Scoring + Clustering;
}

/// <summary>The result of deduplicating one record set or linking two.</summary>
public sealed class LinkageResult
{
    internal LinkageResult(
        IReadOnlyList<NormalisedPerson> left,
        IReadOnlyList<NormalisedPerson> right,
        bool deduplication,
        IReadOnlyList<ScoredPair> pairs,
        IReadOnlyList<GroupMatchResult> groupMatches,
        int[] leftClusters,
        int[] rightClusters,
        MatchScorer scorer,
        EstimationReport? estimation,
        IReadOnlyList<BlockingPassReport> blocking)
    {
        Left = left;
        Right = right;
        IsDeduplication = deduplication;
        Pairs = pairs;
        GroupMatches = groupMatches;
        LeftClusters = leftClusters;
        RightClusters = rightClusters;
        Scorer = scorer;
        Estimation = estimation;
        Blocking = blocking;
    }

    /// <summary>Where the run spent its time.</summary>
    public LinkagePhases Phases { get; internal set; } = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>The left records (the only records when deduplicating).</summary>
    public IReadOnlyList<NormalisedPerson> Left { get; }

    /// <summary>The right records (the same list as <see cref="Left"/> when deduplicating).</summary>
    public IReadOnlyList<NormalisedPerson> Right { get; }

    /// <summary>True for deduplication within one set.</summary>
    public bool IsDeduplication { get; }

    /// <summary>Every candidate pair scored match or possible match, highest weight first.</summary>
    public IReadOnlyList<ScoredPair> Pairs { get; }

    /// <summary>
    /// Cluster-to-cluster comparisons from consolidation: those that merged two clusters (Match) and those left for
    /// review (PossibleMatch), with best-of-k evidence.
    /// </summary>
    public IReadOnlyList<GroupMatchResult> GroupMatches { get; }

    /// <summary>Cluster number of each left record: records in one cluster are one person (connected components of match pairs, then consolidated clusters).</summary>
    public int[] LeftClusters { get; }

    /// <summary>Cluster number of each right record, numbered consistently with <see cref="LeftClusters"/>.</summary>
    public int[] RightClusters { get; }

    /// <summary>The scorer used (model, thresholds and term frequencies).</summary>
    public MatchScorer Scorer { get; }

    /// <summary>The model used.</summary>
    public MatchModel Model => Scorer.Model;

    /// <summary>How the model was estimated, or null if a model was supplied.</summary>
    public EstimationReport? Estimation { get; }

    /// <summary>Candidate pairs contributed by each blocking pass.</summary>
    public IReadOnlyList<BlockingPassReport> Blocking { get; }

    /// <summary>Number of candidate pairs compared.</summary>
    public long CandidatePairs => Blocking.Sum(b => b.Pairs);

    /// <summary>Pairs that were linked.</summary>
    public IEnumerable<ScoredPair> Matches => Pairs.Where(p => p.Outcome == MatchOutcome.Match);

    /// <summary>Pairs held for review.</summary>
    public IEnumerable<ScoredPair> PossibleMatches => Pairs.Where(p => p.Outcome == MatchOutcome.PossibleMatch);

    /// <summary>The per-field evidence for a pair.</summary>
    public MatchResult Explain(ScoredPair pair) => Scorer.Explain(Left[pair.Left], Right[pair.Right]);
}
