using IntegrationHub.Matching.Blocking;
using IntegrationHub.Matching.Estimation;
using IntegrationHub.Matching.Scoring;

namespace IntegrationHub.Matching;

/// <summary>Settings of the matching engine. Bind from configuration section "MatchingOptions".</summary>
public sealed record MatchingOptions
{
    /// <summary>Where match and possible match begin.</summary>
    public MatchThresholds Thresholds { get; init; } = new();

    /// <summary>How parameters are estimated from the data.</summary>
    public EstimationSettings Estimation { get; init; } = new();

    /// <summary>The blocking passes that produce candidate pairs, strongest first.</summary>
    public IReadOnlyList<BlockingPass> BlockingPasses { get; init; } = Blocking.BlockingPasses.Default;

    /// <summary>
    /// Largest block compared in one pass: a key shared by more records than this (a placeholder date of
    /// birth, a very common name) is skipped in that pass, and its records meet through the other passes.
    /// </summary>
    public int MaxBlockSize { get; init; } = 1000;

    /// <summary>
    /// After linking pairs, compare whole clusters with each other ("best view" comparison, see
    /// <see cref="MatchScorer.ExplainGroups"/>) and merge those that match: a record too damaged to match any
    /// single record of its person can still match the person's records taken together.
    /// </summary>
    public bool ConsolidateClusters { get; init; } = true;

    /// <summary>
    /// Least match probability of a record pair that makes its two clusters worth comparing as groups: by default the
    /// review threshold's 0.5, so only clusters whose best single pair is in the review band or above are compared.
    /// 0.01 compared 2.1 million cluster pairs at a million children (61 s of the 77 s of clustering; 0.5: 230,280) and
    /// 247,333 at 300,000 (0.5: 37,432, with F1 0.9780 against 0.9779). Taking every pair with any net evidence
    /// (probability above the prior) compared about one cluster pair per record for nothing.
    /// </summary>
    public double ConsolidationLinkProbability { get; init; } = 0.5;

    /// <summary>Rounds of cluster consolidation (each round merges every cluster pair that matches).</summary>
    public int MaxConsolidationRounds { get; init; } = 5;

    /// <summary>
    /// Most records of one group compared in a group comparison: larger clusters are not consolidated, and a live
    /// lookup compares a fragment with a known child's newest records up to this number.
    /// </summary>
    public int MaxGroupSize { get; init; } = 50;

    /// <summary>Threads used for batch comparisons; the machine's cores by default.</summary>
    public int DegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Throws on settings that make no sense.</summary>
    public void Validate()
    {
        Thresholds.Validate();
        Estimation.Validate();
        if (BlockingPasses.Count == 0 || MaxBlockSize < 2 || DegreeOfParallelism < 1 || MaxConsolidationRounds < 0 || MaxGroupSize < 1
            || ConsolidationLinkProbability is <= 0 or >= 1)
        {
            throw new InvalidOperationException("At least one blocking pass, MaxBlockSize of at least 2, DegreeOfParallelism of at least 1, and ConsolidationLinkProbability between 0 and 1 are required.");
        }
    }
}
