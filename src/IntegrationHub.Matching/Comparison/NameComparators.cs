using IntegrationHub.Matching.Normalisation;
using IntegrationHub.Matching.Text;

namespace IntegrationHub.Matching.Comparison;

/// <summary>
/// Decides whether a pair's names are recorded the other way round: fully ("Hall, Isla" against "Isla Hall")
/// or partly, when one record has a name in the wrong field and the other field empty ("Logan" as family
/// name against "Logan" as given name). Crossed names are used when one crossed comparison agrees closely
/// (Jaro-Winkler at least <see cref="CrossedAgreement"/>) and the crossed comparisons agree better, on
/// average, than the direct ones by at least <see cref="Margin"/>.
/// </summary>
public static class NameOrientation
{
    /// <summary>Jaro-Winkler one crossed comparison must reach.</summary>
    public const double CrossedAgreement = 0.92;

    /// <summary>How much better the crossed comparisons must agree than the direct ones.</summary>
    public const double Margin = 0.05;

    /// <summary>Works out the per-pair context the comparators share.</summary>
    public static PairContext ContextFor(NormalisedPerson left, NormalisedPerson right) => new(IsSwapped(left, right));

    /// <summary>True if the right record's given and family names are swapped relative to the left's.</summary>
    public static bool IsSwapped(NormalisedPerson left, NormalisedPerson right)
    {
        var leftGiven = left.Given?.First;
        var leftFamily = left.Family?.Joined;
        var rightGiven = right.Given?.First;
        var rightFamily = right.Family?.Joined;

        // Direct agreement on either part settles it: the names are the right way round.
        if ((leftGiven is not null && string.Equals(leftGiven, rightGiven, StringComparison.Ordinal)) ||
            (leftFamily is not null && string.Equals(leftFamily, rightFamily, StringComparison.Ordinal)))
        {
            return false;
        }

        var crossedGiven = Similarity(leftGiven, rightFamily);
        var crossedFamily = Similarity(leftFamily, rightGiven);
        if (Math.Max(crossedGiven, crossedFamily) < CrossedAgreement)
        {
            return false;
        }

        var directGiven = Similarity(leftGiven, rightGiven);
        var directFamily = Similarity(leftFamily, rightFamily);
        return Average(crossedGiven, crossedFamily) > Average(directGiven, directFamily) + Margin;
    }

    /// <summary>Jaro-Winkler, or NaN when a name is missing.</summary>
    private static double Similarity(string? a, string? b) =>
        a is null || b is null ? double.NaN : JaroWinkler.Similarity(a, b);

    /// <summary>Mean of the comparisons that could be made (0 when none).</summary>
    private static double Average(double a, double b) => (double.IsNaN(a), double.IsNaN(b)) switch
    {
        (true, true) => 0,
        (true, false) => b,
        (false, true) => a,
        _ => (a + b) / 2,
    };
}

/// <summary>
/// Given (fore)name: exact; nickname, name variant, preferred or middle name; Jaro-Winkler at least 0.92;
/// same Double Metaphone code; Jaro-Winkler at least 0.80 or an initial that agrees; different.
/// Exact agreement is adjusted for how common the name is.
/// </summary>
public sealed class GivenNameComparator : Comparator
{
    /// <summary>Jaro-Winkler similarity for the "close spelling" level.</summary>
    public const double CloseSimilarity = 0.92;

    /// <summary>Jaro-Winkler similarity for the "similar spelling" level.</summary>
    public const double SimilarSimilarity = 0.80;

    /// <summary>Creates the comparator with its standard levels.</summary>
    public GivenNameComparator()
        : base("given_name", PersonFields.GivenName,
        [
            new("exact", 0.80, 0.008),
            new("nickname, variant, preferred or middle name", 0.06, 0.003),
            new("Jaro-Winkler >= 0.92", 0.05, 0.004),
            new("same letters in another order", 0.01, 0.0005),
            new("same Double Metaphone code", 0.02, 0.01),
            new("Jaro-Winkler >= 0.80 or initial agrees", 0.03, 0.05),
            new("different", 0.03, 0.9245),
        ])
    {
    }

    /// <inheritdoc />
    public override bool UsesTermFrequencies => true;

    /// <inheritdoc />
    public override string? TermFrequencyValue(NormalisedPerson person) => person.Given?.First;

    /// <inheritdoc />
    public override int Compare(NormalisedPerson left, NormalisedPerson right, in PairContext context)
    {
        var x = left.Given;
        var y = context.NamesSwapped ? right.Family : right.Given;
        if (x is null || y is null)
        {
            return Null;
        }

        if (string.Equals(x.First, y.First, StringComparison.Ordinal) || string.Equals(x.Joined, y.Joined, StringComparison.Ordinal))
        {
            return 0;
        }

        // Variant groups of a family name come from another list, so they are only compared unswapped.
        if ((!context.NamesSwapped && NameVariantIndex.ShareGroup(x.VariantGroups, y.VariantGroups)) ||
            y.HasToken(x.First) || x.HasToken(y.First) ||
            Array.IndexOf(left.PreferredTokens, y.First) >= 0 ||
            (!context.NamesSwapped && Array.IndexOf(right.PreferredTokens, x.First) >= 0))
        {
            return 1;
        }

        var similarity = JaroWinkler.Similarity(x.First, y.First);
        if (similarity >= CloseSimilarity)
        {
            return 2;
        }

        if (x.First.Length > 2 && string.Equals(x.FirstLetters, y.FirstLetters, StringComparison.Ordinal))
        {
            return 3;
        }

        if (x.FirstCode.Matches(y.FirstCode))
        {
            return 4;
        }

        if (similarity >= SimilarSimilarity || IsInitialOf(x.First, y.First) || IsInitialOf(y.First, x.First))
        {
            return 5;
        }

        return 6;
    }

    private static bool IsInitialOf(string initial, string name) => initial.Length == 1 && name[0] == initial[0];
}

/// <summary>
/// Family name: exact (parts run together, so Smith-Jones = Smith Jones); one part of a double-barrelled
/// name or a listed variant; Jaro-Winkler at least 0.92; same Double Metaphone code; Jaro-Winkler at
/// least 0.80; different. Exact agreement is adjusted for how common the name is.
/// </summary>
public sealed class FamilyNameComparator : Comparator
{
    /// <summary>Creates the comparator with its standard levels.</summary>
    public FamilyNameComparator()
        : base("family_name", PersonFields.FamilyName,
        [
            new("exact", 0.82, 0.004),
            new("part of a double-barrelled name or listed variant", 0.05, 0.001),
            new("Jaro-Winkler >= 0.92", 0.05, 0.003),
            new("same letters in another order", 0.01, 0.0003),
            new("same Double Metaphone code", 0.02, 0.008),
            new("Jaro-Winkler >= 0.80", 0.02, 0.04),
            new("different", 0.03, 0.9437),
        ])
    {
    }

    /// <inheritdoc />
    public override bool UsesTermFrequencies => true;

    /// <inheritdoc />
    public override string? TermFrequencyValue(NormalisedPerson person) => person.Family?.Joined;

    /// <inheritdoc />
    public override int Compare(NormalisedPerson left, NormalisedPerson right, in PairContext context)
    {
        var x = left.Family;
        var y = context.NamesSwapped ? right.Given : right.Family;
        if (x is null || y is null)
        {
            return Null;
        }

        if (string.Equals(x.Joined, y.Joined, StringComparison.Ordinal))
        {
            return 0;
        }

        if ((!context.NamesSwapped && NameVariantIndex.ShareGroup(x.VariantGroups, y.VariantGroups)) || SharePart(x, y))
        {
            return 1;
        }

        var similarity = JaroWinkler.Similarity(x.Joined, y.Joined);
        if (similarity >= GivenNameComparator.CloseSimilarity)
        {
            return 2;
        }

        if (x.Joined.Length > 2 && string.Equals(x.JoinedLetters, y.JoinedLetters, StringComparison.Ordinal))
        {
            return 3;
        }

        if (x.JoinedCode.Matches(y.JoinedCode))
        {
            return 4;
        }

        return similarity >= GivenNameComparator.SimilarSimilarity ? 5 : 6;
    }

    /// <summary>True if a multi-part name shares a part with the other name (Smith-Jones against Jones).</summary>
    private static bool SharePart(NameFeatures x, NameFeatures y)
    {
        if (x.Tokens.Length == 1 && y.Tokens.Length == 1)
        {
            return false;
        }

        foreach (var token in x.Tokens)
        {
            // One-letter parts are initials, not evidence.
            if (token.Length > 1 && y.HasToken(token))
            {
                return true;
            }
        }

        return false;
    }
}
