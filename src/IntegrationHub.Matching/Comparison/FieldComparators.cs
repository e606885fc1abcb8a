using IntegrationHub.Matching.Normalisation;
using IntegrationHub.Matching.Text;

namespace IntegrationHub.Matching.Comparison;

/// <summary>
/// Date of birth: exact; one typo (one digit of yyyymmdd changed, or two adjacent digits swapped);
/// day and month swapped; within <see cref="CloseDays"/> days; within <see cref="NearDays"/> days; within
/// <see cref="FarDays"/> days; different. The graded "within" levels follow Splink's standard date comparison.
/// </summary>
public sealed class DateOfBirthComparator : Comparator
{
    /// <summary>Creates the comparator; the two "within N days" levels are configurable.</summary>
    public DateOfBirthComparator(int closeDays = 30, int nearDays = 365, int farDays = 3652)
        : base("date_of_birth", PersonFields.DateOfBirth,
        [
            new("exact", 0.85, 0.0003),
            new("one typo", 0.06, 0.003),
            new("day and month swapped", 0.02, 0.00005),
            new($"within {closeDays} days", 0.02, 0.004),
            new($"within {nearDays} days", 0.02, 0.04),
            new($"within {farDays} days", 0.015, 0.4),
            new("different", 0.015, 0.55265),
        ])
    {
        ArgumentOutOfRangeException.ThrowIfNegative(closeDays);
        ArgumentOutOfRangeException.ThrowIfLessThan(nearDays, closeDays);
        ArgumentOutOfRangeException.ThrowIfLessThan(farDays, nearDays);
        CloseDays = closeDays;
        NearDays = nearDays;
        FarDays = farDays;
    }

    /// <summary>Days apart for the "close" level.</summary>
    public int CloseDays { get; }

    /// <summary>Days apart for the "near" level.</summary>
    public int NearDays { get; }

    /// <summary>Days apart for the "far" level.</summary>
    public int FarDays { get; }

    /// <inheritdoc />
    public override int Compare(NormalisedPerson left, NormalisedPerson right, in PairContext context)
    {
        var a = left.BirthDate;
        var b = right.BirthDate;
        if (a == 0 || b == 0)
        {
            return Null;
        }

        if (a == b)
        {
            return 0;
        }

        if (IsOneTypo(a, b))
        {
            return 1;
        }

        if (a / 10000 == b / 10000 && a % 100 == (b / 100) % 100 && (a / 100) % 100 == b % 100)
        {
            return 2;
        }

        var days = Math.Abs(left.BirthDayNumber - right.BirthDayNumber);
        if (days <= CloseDays)
        {
            return 3;
        }

        return days <= NearDays ? 4 : days <= FarDays ? 5 : 6;
    }

    /// <summary>
    /// True if the eight digits yyyymmdd of two different dates differ in exactly one position, or in two
    /// adjacent positions holding the same two digits swapped (1991 / 1919).
    /// </summary>
    public static bool IsOneTypo(int a, int b)
    {
        Span<int> da = stackalloc int[8];
        Span<int> db = stackalloc int[8];
        for (var i = 7; i >= 0; i--)
        {
            da[i] = a % 10;
            db[i] = b % 10;
            a /= 10;
            b /= 10;
        }

        var first = -1;
        var differences = 0;
        for (var i = 0; i < 8; i++)
        {
            if (da[i] != db[i])
            {
                differences++;
                if (first < 0)
                {
                    first = i;
                }
            }
        }

        return differences == 1 ||
               (differences == 2 && first < 7 && da[first + 1] != db[first + 1] &&
                da[first] == db[first + 1] && da[first + 1] == db[first]);
    }
}

/// <summary>Sex: same or different; unknown on either side is no evidence.</summary>
public sealed class SexComparator : Comparator
{
    /// <summary>Creates the comparator.</summary>
    public SexComparator()
        : base("sex", PersonFields.Sex,
        [
            new("same", 0.97, 0.5),
            new("different", 0.03, 0.5),
        ])
    {
    }

    /// <inheritdoc />
    public override int Compare(NormalisedPerson left, NormalisedPerson right, in PairContext context)
    {
        if (left.Sex == Sex.Unknown || right.Sex == Sex.Unknown)
        {
            return Null;
        }

        return left.Sex == right.Sex ? 0 : 1;
    }
}

/// <summary>
/// Postcode: same full postcode; same sector (SW1A 1); same district (SW1A); same area (SW); different.
/// Codes that are not UK-shaped are compared whole: same (level 0) or different.
/// </summary>
public sealed class PostcodeComparator : Comparator
{
    /// <summary>Creates the comparator.</summary>
    public PostcodeComparator()
        : base("postcode", PersonFields.Postcode,
        [
            new("same postcode", 0.70, 0.0002),
            new("same sector", 0.05, 0.001),
            new("same district", 0.05, 0.01),
            new("same area", 0.05, 0.05),
            new("different", 0.15, 0.9388),
        ])
    {
    }

    /// <inheritdoc />
    public override int Compare(NormalisedPerson left, NormalisedPerson right, in PairContext context)
    {
        var a = left.Postcode;
        var b = right.Postcode;
        if (a.Kind == PostcodeKind.None || b.Kind == PostcodeKind.None)
        {
            return Null;
        }

        if (a.Kind == PostcodeKind.Other || b.Kind == PostcodeKind.Other)
        {
            return a.Full is not null && string.Equals(a.Full, b.Full, StringComparison.Ordinal) ? 0 : 4;
        }

        if (a.Full is not null && string.Equals(a.Full, b.Full, StringComparison.Ordinal))
        {
            return 0;
        }

        if (a.Sector is not null && string.Equals(a.Sector, b.Sector, StringComparison.Ordinal))
        {
            return 1;
        }

        if (string.Equals(a.District, b.District, StringComparison.Ordinal))
        {
            return 2;
        }

        return string.Equals(a.Area, b.Area, StringComparison.Ordinal) ? 3 : 4;
    }
}

/// <summary>
/// Address lines as tokens: identical; every token of the shorter address found in the other (typos
/// allowed in words of four letters or more: Jaro-Winkler at least 0.88); at least half found; at least
/// one found; none. Numbers (house numbers, flat numbers) must agree exactly, and when both addresses
/// have numbers but none agree the pair is at best "some tokens agree". Exact agreement is adjusted
/// for how common the address is (matters when the address is only a town). When both records have the
/// same full postcode and their addresses agree, the address is no evidence of its own (Null): the
/// postcode comparator has counted that household already, and counting it twice would make siblings
/// look like one child.
/// </summary>
public sealed class AddressComparator : Comparator
{
    /// <summary>Jaro-Winkler similarity at which two address words count as the same word.</summary>
    public const double WordSimilarity = 0.88;

    /// <summary>Creates the comparator.</summary>
    public AddressComparator()
        : base("address", PersonFields.Address | PersonFields.Postcode,
        [
            new("same address", 0.60, 0.002),
            new("all tokens of the shorter address agree", 0.15, 0.005),
            new("at least half the tokens agree", 0.10, 0.02),
            new("some tokens agree", 0.05, 0.10),
            new("different", 0.10, 0.873),
        ])
    {
    }

    /// <inheritdoc />
    public override bool UsesTermFrequencies => true;

    /// <inheritdoc />
    public override string? TermFrequencyValue(NormalisedPerson person) => person.AddressKey;

    /// <inheritdoc />
    public override bool HasValue(NormalisedPerson person) => person.AddressKey is not null;

    /// <inheritdoc />
    public override bool SameValue(NormalisedPerson left, NormalisedPerson right) =>
        left.AddressKey is not null && string.Equals(left.AddressKey, right.AddressKey, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int Compare(NormalisedPerson left, NormalisedPerson right, in PairContext context)
    {
        if (left.AddressKey is null || right.AddressKey is null)
        {
            return Null;
        }

        var samePostcode = left.Postcode.Full is not null && string.Equals(left.Postcode.Full, right.Postcode.Full, StringComparison.Ordinal);
        if (string.Equals(left.AddressKey, right.AddressKey, StringComparison.Ordinal))
        {
            return samePostcode ? Null : 0;
        }

        var level = TokenLevel(left, right);
        return samePostcode && level == 1 ? Null : level;
    }

    private static int TokenLevel(NormalisedPerson left, NormalisedPerson right)
    {
        var (shorter, longer) = left.AddressTokens.Length <= right.AddressTokens.Length ? (left, right) : (right, left);
        var agreed = 0;
        bool shorterHasNumber = false, numberAgreed = false;
        for (var i = 0; i < shorter.AddressTokens.Length; i++)
        {
            var isNumber = shorter.AddressTokenLetters[i] is null;
            shorterHasNumber |= isNumber;
            for (var j = 0; j < longer.AddressTokens.Length; j++)
            {
                if (WordsAgree(shorter, i, longer, j, isNumber))
                {
                    agreed++;
                    numberAgreed |= isNumber;
                    break;
                }
            }
        }

        if (agreed == 0)
        {
            return 4;
        }

        var numbersConflict = shorterHasNumber && !numberAgreed && Array.IndexOf(longer.AddressTokenLetters, null) >= 0;
        if (numbersConflict)
        {
            return 3;
        }

        if (agreed == shorter.AddressTokens.Length)
        {
            return 1;
        }

        return agreed * 2 >= shorter.AddressTokens.Length ? 2 : 3;
    }

    private static bool WordsAgree(NormalisedPerson a, int i, NormalisedPerson b, int j, bool aIsNumber)
    {
        var wordA = a.AddressTokens[i];
        var wordB = b.AddressTokens[j];
        if (string.Equals(wordA, wordB, StringComparison.Ordinal))
        {
            return true;
        }

        return !aIsNumber && wordA.Length >= 4 && wordB.Length >= 4 && b.AddressTokenLetters[j] is { } lettersB &&
               JaroWinkler.CouldReach(a.AddressTokenLetters[i], lettersB, WordSimilarity) &&
               JaroWinkler.Similarity(wordA, wordB) >= WordSimilarity;
    }
}

/// <summary>A strong identifier (NHS number, UPN): same or different, compared only when both records hold a valid one.</summary>
public sealed class IdentifierComparator : Comparator
{
    private readonly Func<NormalisedPerson, string?> read;

    /// <summary>Creates a comparator over one identifier.</summary>
    public IdentifierComparator(string name, PersonFields field, Func<NormalisedPerson, string?> read)
        : base(name, field,
        [
            new("same", 0.95, 0.00001),
            new("different", 0.05, 0.99999),
        ])
    {
        this.read = read ?? throw new ArgumentNullException(nameof(read));
    }

    /// <summary>NHS number (valid numbers only).</summary>
    public static IdentifierComparator NhsNumber() => new("nhs_number", PersonFields.NhsNumber, person => person.NhsNumber);

    /// <summary>Unique Pupil Number (valid numbers only).</summary>
    public static IdentifierComparator Upn() => new("upn", PersonFields.Upn, person => person.Upn);

    /// <inheritdoc />
    public override int Compare(NormalisedPerson left, NormalisedPerson right, in PairContext context)
    {
        var a = read(left);
        var b = read(right);
        if (a is null || b is null)
        {
            return Null;
        }

        return string.Equals(a, b, StringComparison.Ordinal) ? 0 : 1;
    }
}

/// <summary>
/// Other identifiers (e-mail, foreign national ids, ...), compared scheme by scheme: some value the same;
/// some value within a typo or two (optimal string alignment distance at most 1, or 2 for values of eight
/// characters or more); some value similar (distance at most a quarter of the longer value, or
/// Jaro-Winkler at least 0.90); different. No evidence when the records share no scheme.
/// </summary>
public sealed class OtherIdentifierComparator : Comparator
{
    /// <summary>Creates the comparator.</summary>
    public OtherIdentifierComparator()
        : base("other_identifiers", PersonFields.OtherIdentifiers,
        [
            new("same", 0.70, 0.0005),
            new("within a typo or two", 0.12, 0.001),
            new("similar", 0.08, 0.005),
            new("different", 0.10, 0.9935),
        ])
    {
    }

    /// <inheritdoc />
    public override int Compare(NormalisedPerson left, NormalisedPerson right, in PairContext context)
    {
        var best = Null;
        foreach (var a in left.OtherIdentifiers)
        {
            foreach (var b in right.OtherIdentifiers)
            {
                if (!string.Equals(a.Scheme, b.Scheme, StringComparison.Ordinal))
                {
                    continue;
                }

                if (string.Equals(a.Value, b.Value, StringComparison.Ordinal))
                {
                    return 0;
                }

                var level = Level(a.Value, b.Value);
                best = best == Null ? level : Math.Min(best, level);
            }
        }

        return best;
    }

    private static int Level(string a, string b)
    {
        var longer = Math.Max(a.Length, b.Length);
        var typo = longer >= 8 ? 2 : 1;
        var similar = Math.Max(typo, longer / 4);
        var distance = EditDistance.OptimalStringAlignment(a, b, similar);
        if (distance <= typo)
        {
            return 1;
        }

        return distance <= similar || JaroWinkler.Similarity(a, b) >= 0.90 ? 2 : 3;
    }
}
