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
public readonly record struct DeterministicFinding(DeterministicRule Rule, bool Contradicted)
{
    /// <summary>True if a strong identifier is shared.</summary>
    public bool Applies => Rule != DeterministicRule.None;

    /// <summary>The outcome the finding forces, or null if it forces none.</summary>
    public MatchOutcome? Outcome => Rule == DeterministicRule.None ? null : Contradicted ? MatchOutcome.PossibleMatch : MatchOutcome.Match;

    /// <summary>A sentence for reviewers.</summary>
    public string Describe() => (Rule, Contradicted) switch
    {
        (DeterministicRule.None, _) => "no strong identifier in common",
        (_, false) => $"same {Name(Rule)}",
        (_, true) => $"same {Name(Rule)}, but sex and date of birth both differ: held for review",
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
/// of birth both contradict it, in which case the pair is held for review.
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
        if (rule == DeterministicRule.None)
        {
            return default;
        }

        var sexDiffers = left.Sex != Sex.Unknown && right.Sex != Sex.Unknown && left.Sex != right.Sex;
        var birthDateDiffers = left.BirthDate != 0 && right.BirthDate != 0 && left.BirthDate != right.BirthDate;
        return new DeterministicFinding(rule, sexDiffers && birthDateDiffers);
    }

    private static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.Ordinal);
}
