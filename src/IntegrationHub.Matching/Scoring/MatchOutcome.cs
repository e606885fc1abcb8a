namespace IntegrationHub.Matching.Scoring;

/// <summary>The three outcomes of comparing a pair.</summary>
public enum MatchOutcome
{
    /// <summary>Not the same person: the fragment starts a new child record.</summary>
    NoMatch = 0,

    /// <summary>Perhaps the same person: held for a data administrator's review, with candidates and evidence.</summary>
    PossibleMatch = 1,

    /// <summary>The same person: link.</summary>
    Match = 2,
}

/// <summary>
/// Where the probabilistic outcomes begin, as match probabilities (posterior P(same person) given
/// the model's prior). Bind from configuration section "MatchThresholds".
/// </summary>
public sealed record MatchThresholds
{
    /// <summary>
    /// Default 0.95, a conventional value: below it a pair goes to review rather than being linked, since a wrong
    /// link merges two children's records. docs/matching.md says how the default was chosen and what F1 other
    /// values give.
    /// </summary>
    public double MatchProbability { get; init; } = 0.95;

    /// <summary>Default 0.5: pairs at least as likely to match as not are worth a reviewer's look.</summary>
    public double PossibleMatchProbability { get; init; } = 0.5;

    /// <summary>
    /// Default true: a pair with the same date of birth (or one typo away) and the same family name but
    /// unrelated forenames is at most a possible match, however high it scores. Twins share every field but the
    /// forename (and strong identifiers), and those fields are not independent evidence within a household, so
    /// the score overstates such pairs.
    /// </summary>
    public bool ReviewPossibleTwins { get; init; } = true;

    /// <summary>Throws if the thresholds are out of order or outside [0, 1].</summary>
    public void Validate()
    {
        if (PossibleMatchProbability is < 0 or > 1 || MatchProbability is < 0 or > 1)
        {
            throw new InvalidOperationException("Match thresholds are probabilities and must lie between 0 and 1.");
        }

        if (PossibleMatchProbability > MatchProbability)
        {
            throw new InvalidOperationException("The possible-match threshold must not exceed the match threshold.");
        }
    }

    /// <summary>The outcome a match probability falls into.</summary>
    public MatchOutcome OutcomeFor(double probability) =>
        probability >= MatchProbability ? MatchOutcome.Match
        : probability >= PossibleMatchProbability ? MatchOutcome.PossibleMatch
        : MatchOutcome.NoMatch;
}
