using IntegrationHub.Matching.Normalisation;

namespace IntegrationHub.Matching.Scoring;

/// <summary>The strong identifier two records share, in the order the rules try them.</summary>
public enum DeterministicRule
{
    /// <summary>No strong identifier in common.</summary>
    None = 0,

    /// <summary>The same hub-issued child id.</summary>
    HubChildId = 1,

    /// <summary>The same valid NHS number.</summary>
    NhsNumber = 2,

    /// <summary>The same valid UPN.</summary>
    Upn = 3,
}

/// <summary>What the deterministic rules found for a pair.</summary>
/// <param name="Rule">The identifier the records share, or None.</param>
/// <param name="Contradicted">
/// True when the records share the identifier but disagree on both sex and date of birth: the identifier
/// is then held for review, not trusted (a mistyped or borrowed number is likelier than such a change).
/// </param>
/// <param name="Conflict">
/// The strong identifier both records hold, valid, with different values (NHS number, else UPN), or None. Each
/// is issued once per person, so two valid different numbers say "two people": the pair is then at most a
/// possible match, whatever its score, and a shared NHS number or UPN no longer links it on its own. A shared
/// hub child id is the hub's own earlier decision and is not overridden.
/// </param>
public readonly record struct DeterministicFinding(DeterministicRule Rule, bool Contradicted, DeterministicRule Conflict = DeterministicRule.None)
{
    /// <summary>True if a strong identifier is shared.</summary>
    public bool Applies => Rule != DeterministicRule.None;

    /// <summary>True if the records hold different valid values of a strong identifier (see <see cref="Conflict"/>).</summary>
    public bool Conflicts => Conflict != DeterministicRule.None;

    /// <summary>The outcome the finding forces, or null if it forces none.</summary>
    public MatchOutcome? Outcome => Rule == DeterministicRule.None ? null : Contradicted || Conflicts ? MatchOutcome.PossibleMatch : MatchOutcome.Match;

    /// <summary>The best outcome the finding allows: possible match when strong identifiers conflict, else any.</summary>
    public MatchOutcome Ceiling => Conflicts ? MatchOutcome.PossibleMatch : MatchOutcome.Match;

    /// <summary>A sentence for reviewers.</summary>
    public string Describe() => (Rule, Contradicted, Conflicts) switch
    {
        (DeterministicRule.None, _, false) => "no strong identifier in common",
        (DeterministicRule.None, _, true) => $"different valid {Name(Conflict)}s: held for review, never linked on the score",
        (_, _, true) => $"same {Name(Rule)}, but different valid {Name(Conflict)}s: held for review",
        (_, false, _) => $"same {Name(Rule)}",
        (_, true, _) => $"same {Name(Rule)}, but sex and date of birth both differ: held for review",
    };

    private static string Name(DeterministicRule rule) => rule switch
    {
        DeterministicRule.HubChildId => "hub child id",
        DeterministicRule.NhsNumber => "NHS number",
        DeterministicRule.Upn => "UPN",
        _ => "identifier",
    };
}

/// <summary>
/// Deterministic matching, tried before any probabilistic scoring: a shared hub-issued child id,
/// valid NHS number (modulus 11) or valid UPN (check letter) links the records, unless sex and date
/// of birth both contradict it, in which case the pair is held for review. Two valid but different NHS
/// numbers (or UPNs) are a conflict: the pair is at most a possible match (see <see cref="DeterministicFinding.Conflict"/>).
/// </summary>
public static class DeterministicRules
{
    /// <summary>Applies the rules to a pair.</summary>
    public static DeterministicFinding Evaluate(NormalisedPerson left, NormalisedPerson right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);

        var rule = Same(left.HubChildId, right.HubChildId) ? DeterministicRule.HubChildId
            : Same(left.NhsNumber, right.NhsNumber) ? DeterministicRule.NhsNumber
            : Same(left.Upn, right.Upn) ? DeterministicRule.Upn
            : DeterministicRule.None;
        var conflict = rule == DeterministicRule.HubChildId ? DeterministicRule.None : ConflictOf(left, right);
        if (rule == DeterministicRule.None)
        {
            return new DeterministicFinding(DeterministicRule.None, false, conflict);
        }

        var sexDiffers = left.Sex != Sex.Unknown && right.Sex != Sex.Unknown && left.Sex != right.Sex;
        var birthDateDiffers = left.BirthDate != 0 && right.BirthDate != 0 && left.BirthDate != right.BirthDate;
        return new DeterministicFinding(rule, sexDiffers && birthDateDiffers, conflict);
    }

    /// <summary>The strong identifier (NHS number, else UPN) both records hold, valid, with different values; None if none.</summary>
    public static DeterministicRule ConflictOf(NormalisedPerson left, NormalisedPerson right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return Differ(left.NhsNumber, right.NhsNumber) ? DeterministicRule.NhsNumber
            : Differ(left.Upn, right.Upn) ? DeterministicRule.Upn
            : DeterministicRule.None;
    }

    private static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.Ordinal);

    private static bool Differ(string? a, string? b) => a is not null && b is not null && !string.Equals(a, b, StringComparison.Ordinal);
}
