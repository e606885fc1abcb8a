using System.Collections.Concurrent;
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
    public NormalisedPerson Normalise(PersonRecord record) => Normalise(record, null);

    /// <summary>
    /// Normalises many records, in order. Records of one batch share their normalised values: a name, a postcode
    /// or an address word is held once however many records carry it (names repeat across a population, so at a
    /// million records this is most of the normalised data's memory).
    /// </summary>
    public NormalisedPerson[] NormaliseAll(IReadOnlyList<PersonRecord> records) => StartBatch().Normalise(records);

    /// <summary>
    /// Starts a batch normalised in parts (a file at a time, say) whose records share their normalised values as those
    /// of one <see cref="NormaliseAll"/> call do: the caller need hold only one part's raw records at a time.
    /// </summary>
    public NormalisationBatch StartBatch() => new(this);

    /// <summary>Normalises record sets that share their normalised values; see <see cref="StartBatch"/>.</summary>
    public sealed class NormalisationBatch
    {
        private readonly PersonNormaliser normaliser;
        private readonly SharedValues shared = new();

        internal NormalisationBatch(PersonNormaliser normaliser) => this.normaliser = normaliser;

        /// <summary>Normalises one part of the batch, in order.</summary>
        public NormalisedPerson[] Normalise(IReadOnlyList<PersonRecord> records)
        {
            ArgumentNullException.ThrowIfNull(records);
            var result = new NormalisedPerson[records.Count];
            Parallel.For(0, result.Length, i => result[i] = normaliser.Normalise(records[i], shared));
            return result;
        }
    }

    /// <summary>Normalises one record, sharing its values with the other records normalised with <paramref name="shared"/>.</summary>
    internal NormalisedPerson Normalise(PersonRecord record, SharedValues? shared)
    {
        ArgumentNullException.ThrowIfNull(record);

        var givenTokens = TextFolding.NameTokens(record.GivenNames);
        var familyTokens = TextFolding.NameTokens(record.FamilyName);
        var preferredTokens = TextFolding.NameTokens(record.PreferredName);
        var (addressTokens, postcode) = Address(record.AddressLines, record.Postcode, shared);
        var address = shared?.Address(addressTokens) ?? SharedAddress.Of(addressTokens, NameFeatures.SortedLetters);
        if (shared is not null)
        {
            shared.Intern(preferredTokens);
        }

        return new NormalisedPerson(record)
        {
            Given = Name(givenTokens, isFamilyName: false, shared),
            PreferredTokens = preferredTokens,
            Family = Name(familyTokens, isFamilyName: true, shared),
            BirthDate = record.DateOfBirth is { } dob ? (dob.Year * 10000) + (dob.Month * 100) + dob.Day : 0,
            BirthDayNumber = record.DateOfBirth?.DayNumber ?? 0,
            Sex = record.Sex,
            Postcode = postcode,
            AddressTokens = address.Tokens,
            AddressTokenLetters = address.Letters,
            AddressKey = address.Key,
            NhsNumber = NhsNumber.Normalise(record.NhsNumber),
            Upn = UniquePupilNumber.Normalise(record.Upn),
            HubChildId = string.IsNullOrWhiteSpace(record.HubChildId) ? null : record.HubChildId.Trim(),
            OtherIdentifiers = OtherIdentifiers(record.OtherIdentifiers),
        };
    }

    private NameFeatures? Name(string[] tokens, bool isFamilyName, SharedValues? shared)
    {
        if (tokens.Length == 0)
        {
            return null;
        }

        if (shared is null)
        {
            return new NameFeatures(tokens, Variants, isFamilyName);
        }

        // NameFeatures depend only on the tokens (and the kind of name), and are never changed after construction.
        var names = isFamilyName ? shared.FamilyNames : shared.GivenNames;
        var key = tokens.Length == 1 ? tokens[0] : string.Join(' ', tokens);
        return names.GetOrAdd(key, static (_, state) => new NameFeatures(state.tokens, state.Variants, state.isFamilyName), (tokens, Variants, isFamilyName));
    }

    /// <summary>
    /// Normalised values shared by records normalised together (one <see cref="NormaliseAll"/> call, or one live
    /// index for its lifetime). Thread-safe; it grows with the distinct names, postcodes and address words seen.
    /// </summary>
    internal sealed class SharedValues
    {
        private readonly ConcurrentDictionary<string, string> strings = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, string> letters = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, ParsedPostcode> postcodes = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, SharedAddress> addresses = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, NameFeatures> GivenNames { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, NameFeatures> FamilyNames { get; } = new(StringComparer.Ordinal);

        public void Intern(string[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = strings.GetOrAdd(values[i], values[i]);
            }
        }

        public string Letters(string token) => letters.GetOrAdd(token, static t => NameFeatures.SortedLetters(t));

        /// <summary>
        /// The address's tokens, letters and key, shared by every record with the same address (a child's records in
        /// different sources and the child's siblings): at a million records this saves about 150 bytes a record.
        /// </summary>
        public SharedAddress Address(string[] tokens)
        {
            if (tokens.Length == 0)
            {
                return SharedAddress.None;
            }

            var key = string.Join(' ', tokens);
            if (addresses.TryGetValue(key, out var known))
            {
                return known;
            }

            Intern(tokens);
            return addresses.GetOrAdd(key, static (_, state) => SharedAddress.Of(state.tokens, state.self.Letters), (tokens, self: this));
        }

        public ParsedPostcode Postcode(string? value) =>
            string.IsNullOrWhiteSpace(value) ? ParsedPostcode.None : postcodes.GetOrAdd(value, static v => ParsedPostcode.Parse(v));
    }

    /// <summary>An address's folded tokens, their letters (null for a token with a digit) and the tokens joined by spaces.</summary>
    internal sealed record SharedAddress(string[] Tokens, string?[] Letters, string? Key)
    {
        public static SharedAddress None { get; } = new([], [], null);

        /// <summary>The address of <paramref name="tokens"/>, each token's letters sorted by <paramref name="letters"/>.</summary>
        public static SharedAddress Of(string[] tokens, Func<string, string> letters) =>
            tokens.Length == 0 ? None : new(tokens, Array.ConvertAll(tokens, token => token.Any(char.IsDigit) ? null : letters(token)), string.Join(' ', tokens));
    }

    private static (string[] Tokens, ParsedPostcode Postcode) Address(IReadOnlyList<string>? lines, string? postcodeField, SharedValues? shared)
    {
        var postcode = shared?.Postcode(postcodeField) ?? ParsedPostcode.Parse(postcodeField);
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
