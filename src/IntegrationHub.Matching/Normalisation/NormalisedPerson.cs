using IntegrationHub.Matching.Text;

namespace IntegrationHub.Matching.Normalisation;

/// <summary>
/// A name part (given or family) folded once into everything the comparators and blocking passes need,
/// so comparing two records never re-normalises or re-encodes.
/// </summary>
public sealed class NameFeatures
{
    internal NameFeatures(string[] tokens, NameVariantIndex variants, bool isFamilyName)
    {
        Tokens = tokens;
        First = tokens[0];
        Joined = tokens.Length == 1 ? tokens[0] : string.Concat(tokens);
        FirstCode = DoubleMetaphone.Encode(First);
        JoinedCode = tokens.Length == 1 ? FirstCode : DoubleMetaphone.Encode(Joined);
        VariantGroups = isFamilyName ? variants.FamilyNameGroups(Joined) : variants.GivenNameGroups(First);
        TokenCodes = tokens.Length == 1 ? [FirstCode] : Array.ConvertAll(tokens, token => DoubleMetaphone.Encode(token));
        FirstLetters = SortedLetters(First);
        JoinedLetters = tokens.Length == 1 ? FirstLetters : SortedLetters(Joined);
    }

    /// <summary>The letters of <see cref="First"/> in alphabetical order ("jones" → "ejnos"): equal for anagrams.</summary>
    public string FirstLetters { get; }

    /// <summary>The letters of <see cref="Joined"/> in alphabetical order.</summary>
    public string JoinedLetters { get; }

    /// <summary>The folded parts: "Smith-Jones" → ["smith", "jones"]; "Anne Marie" → ["anne", "marie"].</summary>
    public string[] Tokens { get; }

    /// <summary>The first part: the forename of a given-name field.</summary>
    public string First { get; }

    /// <summary>The parts run together ("smithjones"), so "Smith Jones", "Smith-Jones" and "SmithJones" agree.</summary>
    public string Joined { get; }

    /// <summary>Double Metaphone code of <see cref="First"/>.</summary>
    public PhoneticCode FirstCode { get; }

    /// <summary>Double Metaphone code of <see cref="Joined"/>.</summary>
    public PhoneticCode JoinedCode { get; }

    /// <summary>Double Metaphone code of each part, in order.</summary>
    public PhoneticCode[] TokenCodes { get; }

    /// <summary>Nickname / variant groups of the forename (given names) or of the joined name (family names).</summary>
    public int[] VariantGroups { get; }

    internal static string SortedLetters(string value)
    {
        var letters = value.ToCharArray();
        Array.Sort(letters);
        return new string(letters);
    }

    /// <summary>True if any part of this name equals <paramref name="token"/>.</summary>
    public bool HasToken(string token) => Array.IndexOf(Tokens, token) >= 0;
}

/// <summary>
/// A <see cref="PersonRecord"/> normalised once for matching: folded names with phonetic codes and
/// variant groups, date of birth as numbers, parsed postcode, address tokens, validated identifiers.
/// Immutable; build with <see cref="PersonNormaliser"/>.
/// </summary>
public sealed class NormalisedPerson
{
    internal NormalisedPerson(PersonRecord source)
    {
        RecordId = source.RecordId;
        SourceId = source.SourceId;
    }

    /// <summary>
    /// The id of the record this was built from. The record itself is not kept: at a million records its raw strings
    /// are about half a kilobyte each, which a batch caller can free once the records are normalised.
    /// </summary>
    public string RecordId { get; }

    /// <summary>
    /// The sending source (the record's own string, not copied), or null. Not compared: it tells a batch which
    /// records come from one source (see <see cref="MatchingOptions.OneRecordPerSource"/>).
    /// </summary>
    public string? SourceId { get; }

    /// <summary>Given names; null when the record has none.</summary>
    public NameFeatures? Given { get; internal init; }

    /// <summary>Folded tokens of the preferred (known-as) name; empty when none.</summary>
    public string[] PreferredTokens { get; internal init; } = [];

    /// <summary>Family name; null when the record has none.</summary>
    public NameFeatures? Family { get; internal init; }

    /// <summary>Date of birth as yyyymmdd (20150303), or 0 when missing.</summary>
    public int BirthDate { get; internal init; }

    /// <summary>Date of birth as a day number (<see cref="DateOnly.DayNumber"/>), or 0 when missing.</summary>
    public int BirthDayNumber { get; internal init; }

    /// <summary>Sex; Unknown when missing.</summary>
    public Sex Sex { get; internal init; }

    /// <summary>The postal code, parsed.</summary>
    public ParsedPostcode Postcode { get; internal init; } = ParsedPostcode.None;

    /// <summary>Folded address tokens (postcode excluded); empty when none.</summary>
    public string[] AddressTokens { get; internal init; } = [];

    /// <summary>
    /// For each address token, its letters in alphabetical order, or null for a token holding a digit (a house
    /// or flat number, compared exactly): lets the address comparator skip hopeless similarity computations.
    /// </summary>
    public string?[] AddressTokenLetters { get; internal init; } = [];

    /// <summary>The address tokens joined by single spaces, or null when there is no address.</summary>
    public string? AddressKey { get; internal init; }

    /// <summary>The NHS number if present and valid (ten digits), else null.</summary>
    public string? NhsNumber { get; internal init; }

    /// <summary>The UPN if present and valid (upper case), else null.</summary>
    public string? Upn { get; internal init; }

    /// <summary>The hub child id, trimmed, or null.</summary>
    public string? HubChildId { get; internal init; }

    /// <summary>Other identifiers with folded scheme and value.</summary>
    public OtherIdentifier[] OtherIdentifiers { get; internal init; } = [];

    /// <summary>Year of birth, or 0 when the date of birth is missing.</summary>
    public int BirthYear => BirthDate / 10000;
}
