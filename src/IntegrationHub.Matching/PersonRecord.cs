namespace IntegrationHub.Matching;

/// <summary>
/// What one source says about one person, in the shape the matching engine reads. The pipeline maps a
/// fragment's child demographics onto this; the CLI maps CSV columns. Every field but
/// <see cref="RecordId"/> may be missing: a missing value is no evidence either way.
/// </summary>
public sealed record PersonRecord
{
    /// <summary>Unique within the record set being matched (e.g. source id + source child id, or a CSV row id).</summary>
    public required string RecordId { get; init; }

    /// <summary>
    /// The sending source. Not compared; in a batch it tells which records share a source, for the
    /// one-record-per-source rule (<see cref="MatchingOptions.OneRecordPerSource"/>), and reviewers see it.
    /// </summary>
    public string? SourceId { get; init; }

    /// <summary>Given name and any middle names, in the order the source holds them ("Anne Marie").</summary>
    public string? GivenNames { get; init; }

    /// <summary>A preferred or known-as name ("Annie"); agrees with the given name at the variant level.</summary>
    public string? PreferredName { get; init; }

    /// <summary>Family name; hyphenated and double-barrelled forms are split into parts by normalisation.</summary>
    public string? FamilyName { get; init; }

    /// <summary>Date of birth.</summary>
    public DateOnly? DateOfBirth { get; init; }

    /// <summary>Sex or gender as recorded; <see cref="Sex.Unknown"/> for not known / not specified.</summary>
    public Sex Sex { get; init; }

    /// <summary>Address lines without the postcode (a trailing UK postcode line is recognised and moved to <see cref="Postcode"/>).</summary>
    public IReadOnlyList<string>? AddressLines { get; init; }

    /// <summary>UK postcode, or another country's postal code (compared as a plain code).</summary>
    public string? Postcode { get; init; }

    /// <summary>NHS number as typed; used only if it passes the modulus-11 check.</summary>
    public string? NhsNumber { get; init; }

    /// <summary>Unique Pupil Number as typed; used only if its check letter is right.</summary>
    public string? Upn { get; init; }

    /// <summary>The hub-issued child id, when the source holds one from an earlier reply.</summary>
    public string? HubChildId { get; init; }

    /// <summary>
    /// Further identifiers (contact e-mail, a national id from another country, ...). Two records are compared
    /// only on schemes both carry; values are compared exactly and by edit distance.
    /// </summary>
    public IReadOnlyList<OtherIdentifier>? OtherIdentifiers { get; init; }
}

/// <summary>An identifier outside the hub's own (NHS number, UPN, hub child id), named by its scheme.</summary>
/// <param name="Scheme">What kind of identifier, e.g. "email"; compared case-insensitively.</param>
/// <param name="Value">The identifier as typed.</param>
public readonly record struct OtherIdentifier(string Scheme, string Value);

/// <summary>Sex or gender as the matching engine compares it.</summary>
public enum Sex
{
    /// <summary>Not known, not specified or missing: no evidence either way.</summary>
    Unknown = 0,

    /// <summary>Female.</summary>
    Female = 1,

    /// <summary>Male.</summary>
    Male = 2,
}

/// <summary>Reads the common spellings of sex and gender codes.</summary>
public static class SexCodes
{
    /// <summary>
    /// "f", "female", "girl", "w" (weiblich), "2" (the ISO/IEC 5218 and DfE code) → Female; "m", "male", "boy",
    /// "1" → Male; anything else (including "0", "9", "u", "not known") → Unknown.
    /// </summary>
    public static Sex Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Sex.Unknown;
        }

        return value.Trim().ToUpperInvariant() switch
        {
            "F" or "FEMALE" or "GIRL" or "W" or "WOMAN" or "2" => Sex.Female,
            "M" or "MALE" or "BOY" or "MAN" or "1" => Sex.Male,
            _ => Sex.Unknown,
        };
    }
}
