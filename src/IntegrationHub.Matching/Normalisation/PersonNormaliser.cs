using IntegrationHub.Domain.Identifiers;

namespace IntegrationHub.Matching.Normalisation;

/// <summary>
/// Turns <see cref="PersonRecord"/>s into <see cref="NormalisedPerson"/>s. Pure and thread-safe; do it
/// once per record (when a record enters a store or a batch), never per comparison.
/// </summary>
public sealed class PersonNormaliser(NameVariantIndex variants)
{
    /// <summary>A normaliser over the embedded nickname and name-variant lists.</summary>
    public static PersonNormaliser Default { get; } = new(NameVariantIndex.Default);

    /// <summary>The variant lists used for the nickname / variant level.</summary>
    public NameVariantIndex Variants { get; } = variants ?? throw new ArgumentNullException(nameof(variants));

    /// <summary>Normalises one record.</summary>
    public NormalisedPerson Normalise(PersonRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);

        var givenTokens = TextFolding.NameTokens(record.GivenNames);
        var familyTokens = TextFolding.NameTokens(record.FamilyName);
        var (addressTokens, postcode) = Address(record.AddressLines, record.Postcode);

        return new NormalisedPerson(record)
        {
            Given = givenTokens.Length == 0 ? null : new NameFeatures(givenTokens, Variants, isFamilyName: false),
            PreferredTokens = TextFolding.NameTokens(record.PreferredName),
            Family = familyTokens.Length == 0 ? null : new NameFeatures(familyTokens, Variants, isFamilyName: true),
            BirthDate = record.DateOfBirth is { } dob ? (dob.Year * 10000) + (dob.Month * 100) + dob.Day : 0,
            BirthDayNumber = record.DateOfBirth?.DayNumber ?? 0,
            Sex = record.Sex,
            Postcode = postcode,
            AddressTokens = addressTokens,
            AddressTokenLetters = Array.ConvertAll(addressTokens, token => token.Any(char.IsDigit) ? null : NameFeatures.SortedLetters(token)),
            AddressKey = addressTokens.Length == 0 ? null : string.Join(' ', addressTokens),
            NhsNumber = NhsNumber.Normalise(record.NhsNumber),
            Upn = UniquePupilNumber.Normalise(record.Upn),
            HubChildId = string.IsNullOrWhiteSpace(record.HubChildId) ? null : record.HubChildId.Trim(),
            OtherIdentifiers = OtherIdentifiers(record.OtherIdentifiers),
        };
    }

    /// <summary>Normalises many records, in order.</summary>
    public NormalisedPerson[] NormaliseAll(IReadOnlyList<PersonRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var result = new NormalisedPerson[records.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Normalise(records[i]);
        }

        return result;
    }

    private static (string[] Tokens, ParsedPostcode Postcode) Address(IReadOnlyList<string>? lines, string? postcodeField)
    {
        var postcode = ParsedPostcode.Parse(postcodeField);
        if (lines is null || lines.Count == 0)
        {
            return ([], postcode);
        }

        var tokens = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            // Feeds with another column layout often put the postcode in the last address line.
            var asPostcode = ParsedPostcode.Parse(line);
            if (asPostcode.Kind == PostcodeKind.UkFull)
            {
                if (postcode.Kind == PostcodeKind.None)
                {
                    postcode = asPostcode;
                }

                if (string.Equals(asPostcode.Full, postcode.Full, StringComparison.Ordinal))
                {
                    continue;
                }
            }

            tokens.AddRange(TextFolding.AddressTokens(line));
        }

        return (tokens.ToArray(), postcode);
    }

    private static OtherIdentifier[] OtherIdentifiers(IReadOnlyList<OtherIdentifier>? identifiers)
    {
        if (identifiers is null || identifiers.Count == 0)
        {
            return [];
        }

        var result = new List<OtherIdentifier>(identifiers.Count);
        foreach (var identifier in identifiers)
        {
            var scheme = TextFolding.Identifier(identifier.Scheme);
            var value = TextFolding.Identifier(identifier.Value);
            if (scheme is not null && value is not null)
            {
                result.Add(new OtherIdentifier(scheme, value));
            }
        }

        return result.ToArray();
    }
}
