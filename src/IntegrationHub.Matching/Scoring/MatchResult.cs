namespace IntegrationHub.Matching.Scoring;

/// <summary>
/// One comparator's contribution to a pair's score, so a reviewer sees why the pair scored as it did.
/// Holds the level reached, never the compared values.
/// </summary>
/// <param name="Comparator">The comparator's name ("date_of_birth").</param>
/// <param name="Level">The level index reached (0 closest), or -1 when a value was missing.</param>
/// <param name="Label">The level's meaning ("day and month swapped", "missing").</param>
/// <param name="Weight">The match weight in bits, term-frequency adjustment included; 0 when missing.</param>
/// <param name="TermFrequencyAdjustment">The part of <paramref name="Weight"/> due to how common the agreed value is.</param>
public sealed record FieldEvidence(string Comparator, int Level, string Label, double Weight, double TermFrequencyAdjustment);

/// <summary>The full account of comparing two records.</summary>
/// <param name="LeftRecordId">The left record.</param>
/// <param name="RightRecordId">The right record.</param>
/// <param name="Outcome">Match, possible match or no match, deterministic rules first.</param>
/// <param name="MatchWeight">Prior weight plus the sum of field weights, in bits.</param>
/// <param name="MatchProbability">The posterior probability that the records are the same person.</param>
/// <param name="Deterministic">What the strong-identifier rules found.</param>
/// <param name="NamesSwapped">True if the right record's given and family names were compared the other way round.</param>
/// <param name="PossibleTwin">True if the outcome was held at possible match because the pair looks like twins.</param>
/// <param name="PriorWeight">The model's prior match weight, included in <paramref name="MatchWeight"/>.</param>
/// <param name="Evidence">One entry per comparator, in comparator-set order.</param>
public sealed record MatchResult(
    string LeftRecordId,
    string RightRecordId,
    MatchOutcome Outcome,
    double MatchWeight,
    double MatchProbability,
    DeterministicFinding Deterministic,
    bool NamesSwapped,
    bool PossibleTwin,
    double PriorWeight,
    IReadOnlyList<FieldEvidence> Evidence);

/// <summary>The account of comparing two groups of records (see <see cref="MatchScorer.ExplainGroups"/>).</summary>
/// <param name="LeftRecordIds">The records of the left group.</param>
/// <param name="RightRecordIds">The records of the right group.</param>
/// <param name="Outcome">Match, possible match or no match, deterministic rules first.</param>
/// <param name="MatchWeight">Prior weight plus the sum of best-of-k field weights, in bits.</param>
/// <param name="MatchProbability">The posterior probability that the groups are the same person.</param>
/// <param name="Deterministic">The strongest deterministic finding among the cross pairs.</param>
/// <param name="PossibleTwin">True if the outcome was held at possible match because the groups look like twins.</param>
/// <param name="PriorWeight">The model's prior match weight, included in <paramref name="MatchWeight"/>.</param>
/// <param name="Evidence">One entry per comparator: the best level any cross pair reached and its weight.</param>
public sealed record GroupMatchResult(
    IReadOnlyList<string> LeftRecordIds,
    IReadOnlyList<string> RightRecordIds,
    MatchOutcome Outcome,
    double MatchWeight,
    double MatchProbability,
    DeterministicFinding Deterministic,
    bool PossibleTwin,
    double PriorWeight,
    IReadOnlyList<FieldEvidence> Evidence);

/// <summary>The allocation-free summary of scoring a pair (see <see cref="MatchScorer.Decide"/>).</summary>
/// <param name="Outcome">Match, possible match or no match.</param>
/// <param name="MatchWeight">The total match weight in bits.</param>
/// <param name="MatchProbability">The posterior match probability.</param>
/// <param name="Deterministic">What the strong-identifier rules found.</param>
/// <param name="PossibleTwin">True if the outcome was held at possible match because the pair looks like twins.</param>
public readonly record struct PairDecision(MatchOutcome Outcome, double MatchWeight, double MatchProbability, DeterministicFinding Deterministic, bool PossibleTwin);
