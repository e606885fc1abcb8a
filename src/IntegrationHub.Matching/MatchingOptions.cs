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

    /// <summary>
    /// Each source holds one record per child (a case-management system's child ids, a national register's entries):
    /// after the links and the group comparisons, a possible match whose two clusters hold no record of a common source
    /// is linked, strongest first. A person's records in two sources that do not both know any other person better
    /// are far more likely one person than the pair's score alone says: a wrong partner nearly always has its own
    /// record in the other source already. Off, or no effect, when records carry no <see cref="PersonRecord.SourceId"/>
    /// (or all carry the same one): a cluster holding a record without a source is never linked this way. Pairs held for a
    /// strong-identifier reason stay held, and so do pairs whose clusters' recorded sexes disagree and pairs (or groups)
    /// the household rule holds as possible twins (two sources that each know one twin); the identifier guard applies; and only between
    /// sources that already share most children (<see cref="OneRecordPerSourceMinimumOverlap"/>). See docs/matching.md ("One record per source").
    /// </summary>
    public bool OneRecordPerSource { get; init; } = true;

    /// <summary>
    /// The one-record-per-source rule acts between two sources only when at least this share of the smaller source's
    /// children (clusters) were already linked to the other source: then a record left without a partner is most
    /// likely a missed link; between sources that share few children it is most likely a child the other does not
    /// know (or that child's twin). 0.8 by default; the measurements behind it are in docs/matching.md ("One record
    /// per source").
    /// </summary>
    public double OneRecordPerSourceMinimumOverlap { get; init; } = 0.8;

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
            || ConsolidationLinkProbability is <= 0 or >= 1 || OneRecordPerSourceMinimumOverlap is < 0 or > 1)
        {
            throw new InvalidOperationException("At least one blocking pass, MaxBlockSize of at least 2, DegreeOfParallelism of at least 1, ConsolidationLinkProbability between 0 and 1 and OneRecordPerSourceMinimumOverlap from 0 to 1 are required.");
        }
    }
}
