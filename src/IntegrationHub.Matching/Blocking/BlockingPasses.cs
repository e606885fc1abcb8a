using IntegrationHub.Matching.Comparison;
using IntegrationHub.Matching.Normalisation;

namespace IntegrationHub.Matching.Blocking;

/// <summary>The standard blocking passes. Each is a static property so callers can pick and combine.</summary>
public static class BlockingPasses
{
    /// <summary>Same valid NHS number.</summary>
    public static BlockingPass NhsNumber { get; } = new("nhs_number", PersonFields.NhsNumber, (p, keys) =>
    {
        if (p.NhsNumber is { } value)
        {
            keys.Add(BlockingKey.Of(value));
        }
    });

    /// <summary>Same valid UPN.</summary>
    public static BlockingPass Upn { get; } = new("upn", PersonFields.Upn, (p, keys) =>
    {
        if (p.Upn is { } value)
        {
            keys.Add(BlockingKey.Of(value));
        }
    });

    /// <summary>Same hub-issued child id.</summary>
    public static BlockingPass HubChildId { get; } = new("hub_child_id", PersonFields.HubChildId, (p, keys) =>
    {
        if (p.HubChildId is { } value)
        {
            keys.Add(BlockingKey.Of(value));
        }
    });

    /// <summary>Same value of any other identifier (same scheme).</summary>
    public static BlockingPass OtherIdentifiers { get; } = new("other_identifiers", PersonFields.OtherIdentifiers, (p, keys) =>
    {
        foreach (var identifier in p.OtherIdentifiers)
        {
            keys.Add(BlockingKey.Of(identifier.Scheme, identifier.Value));
        }
    });

    /// <summary>
    /// Same first <see cref="IdentifierPrefixLength"/> characters of another identifier (same scheme), compared only
    /// where at most <see cref="IdentifierPrefixBlockSize"/> records share them: catches a mistyped e-mail address or
    /// reference number when the names and date of birth are missing or wrong too.
    /// </summary>
    public static BlockingPass OtherIdentifierPrefix { get; } = new("other_identifier_prefix", PersonFields.OtherIdentifiers, (p, keys) =>
    {
        foreach (var identifier in p.OtherIdentifiers)
        {
            if (identifier.Value.Length > IdentifierPrefixLength)
            {
                keys.Add(BlockingKey.Of(identifier.Scheme, identifier.Value[..IdentifierPrefixLength]));
            }
        }
    }, IdentifierPrefixBlockSize);

    /// <summary>Characters of an identifier's prefix in <see cref="OtherIdentifierPrefix"/>.</summary>
    public const int IdentifierPrefixLength = 5;

    /// <summary>Block size limit of <see cref="OtherIdentifierPrefix"/>.</summary>
    public const int IdentifierPrefixBlockSize = 50;

    /// <summary>
    /// Same date of birth, same first letter of (any part of) the family name and same sex (see
    /// <see cref="AddWithSex"/>: a date of birth is shared by about records / 6,600 children, so this pass's blocks grow
    /// with the register, and the sex halves them).
    /// </summary>
    public static BlockingPass BirthDateAndFamilyInitial { get; } = new(
        "dob+family_initial+sex", PersonFields.DateOfBirth | PersonFields.FamilyName | PersonFields.Sex, (p, keys) =>
        {
            if (p.BirthDate == 0 || p.Family is null)
            {
                return;
            }

            foreach (var token in p.Family.Tokens)
            {
                AddWithSex(keys, BlockingKey.Of(p.BirthDate, token[..1]), p.Sex);
            }
        });

    /// <summary>Same date of birth, same first letter of the forename and same sex (catches a changed family name).</summary>
    public static BlockingPass BirthDateAndGivenInitial { get; } = new(
        "dob+given_initial+sex", PersonFields.DateOfBirth | PersonFields.GivenName | PersonFields.Sex, (p, keys) =>
        {
            if (p.BirthDate != 0 && p.Given is not null)
            {
                AddWithSex(keys, BlockingKey.Of(p.BirthDate, p.Given.First[..1]), p.Sex);
            }
        });

    /// <summary>
    /// Same phonetic code of forename and of family name (or of one part of it), in either order, and same sex (see
    /// <see cref="AddWithSex"/>), so swapped names and a wrong date of birth still meet. Compared only where at most
    /// <see cref="NamesPhoneticBlockSize"/> records share a key: a common name pair's block grows with the register,
    /// and its pairs with an agreeing date of birth meet through the date passes anyway.
    /// </summary>
    public static BlockingPass NamesPhonetic { get; } = new(
        "names_phonetic+sex",
        PersonFields.GivenName | PersonFields.FamilyName | PersonFields.Sex,
        (p, keys) =>
        {
            var scratch = new List<ulong>(2);
            WriteNamesPhonetic(p, scratch);
            foreach (var key in scratch)
            {
                AddWithSex(keys, key, p.Sex);
            }
        },
        NamesPhoneticBlockSize);

    /// <summary>
    /// <see cref="NamesPhonetic"/> without its block size limit, as a training pass: expectation maximisation
    /// estimates date of birth and the rest from these pairs, common names included.
    /// </summary>
    public static BlockingPass NamesPhoneticTraining { get; } = new(
        "names_phonetic", PersonFields.GivenName | PersonFields.FamilyName, WriteNamesPhonetic);

    /// <summary>
    /// Block size limit of <see cref="NamesPhonetic"/> in the matching passes (the training pass has its own, larger
    /// limit). 100 until 23 November 2026: at a million children the pass then gave 11.7 million candidate pairs (6.7
    /// per record, against 1.1 at 100,000); at 300,000 children 30 cost 45 of 223,930 true pairs for 0.5 million fewer.
    /// </summary>
    public const int NamesPhoneticBlockSize = 30;

    /// <summary>
    /// Same forename and same initial of the family name, or same family name and same initial of the forename,
    /// in either field order: catches a mistyped other name together with a wrong date of birth. Compared only
    /// where at most <see cref="NameInitialBlockSize"/> records share a key (Oliver S. is too common to compare).
    /// </summary>
    public static BlockingPass NameAndInitial { get; } = new(
        "name+other_initial",
        PersonFields.GivenName | PersonFields.FamilyName,
        (p, keys) =>
        {
            if (p.Given is null || p.Family is null)
            {
                return;
            }

            // A record with its names swapped produces the same two keys, in the other order.
            keys.Add(BlockingKey.Of(p.Given.First, p.Family.Joined[..1]));
            keys.Add(BlockingKey.Of(p.Family.Joined, p.Given.First[..1]));
        },
        NameInitialBlockSize);

    /// <summary>Block size limit of <see cref="NameAndInitial"/>.</summary>
    public const int NameInitialBlockSize = 50;

    /// <summary>Same postcode (full UK postcode or whole foreign code) and same phonetic code of forename.</summary>
    public static BlockingPass PostcodeAndGivenPhonetic { get; } = new(
        "postcode+given_phonetic", PersonFields.Postcode | PersonFields.GivenName, (p, keys) =>
        {
            if (p.Postcode.Full is { } postcode && p.Given is not null)
            {
                keys.Add(BlockingKey.Of(postcode, PhoneticKey(p.Given.FirstCode.Primary, p.Given.First)));
            }
        });

    /// <summary>
    /// Same phonetic code of family name and same year of birth (catches a mistyped day or month), compared only where
    /// at most <see cref="FamilyNameYearBlockSize"/> records share them: a common family name's block grows with the
    /// register (Smith born in 2012 is hundreds of children in a million), and those pairs meet through the other passes.
    /// </summary>
    public static BlockingPass FamilyPhoneticAndBirthYear { get; } = new(
        "family_phonetic+birth_year", PersonFields.FamilyName | PersonFields.DateOfBirth, (p, keys) =>
        {
            if (p.Family is not null && p.BirthDate != 0)
            {
                keys.Add(BlockingKey.Of(PhoneticKey(p.Family.JoinedCode.Primary, p.Family.Joined), p.BirthYear));
            }
        },
        FamilyNameYearBlockSize);

    /// <summary>Block size limit of <see cref="FamilyPhoneticAndBirthYear"/>.</summary>
    public const int FamilyNameYearBlockSize = 50;

    /// <summary>
    /// Same phonetic code of forename and same year of birth (catches a changed family name together with a mistyped
    /// day or month), compared only where at most <see cref="GivenNameYearBlockSize"/> records share them: popular
    /// forenames are shared by too many children born in one year.
    /// </summary>
    public static BlockingPass GivenPhoneticAndBirthYear { get; } = new(
        "given_phonetic+birth_year",
        PersonFields.GivenName | PersonFields.DateOfBirth,
        (p, keys) =>
        {
            if (p.Given is not null && p.BirthDate != 0)
            {
                keys.Add(BlockingKey.Of(PhoneticKey(p.Given.FirstCode.Primary, p.Given.First), p.BirthYear));
            }
        },
        GivenNameYearBlockSize);

    /// <summary>Block size limit of <see cref="GivenPhoneticAndBirthYear"/>.</summary>
    public const int GivenNameYearBlockSize = 20;

    /// <summary>
    /// Same date of birth alone, compared only where at most <see cref="RareBirthDateBlockSize"/> records share
    /// it: catches records whose names are both missing or both mistyped. In a large register a date of birth is
    /// shared by too many children for this to be worth comparing, and the pass then compares nothing.
    /// </summary>
    public static BlockingPass RareBirthDate { get; } = new("dob_if_rare", PersonFields.DateOfBirth, (p, keys) =>
    {
        if (p.BirthDate != 0)
        {
            keys.Add(BlockingKey.Of(p.BirthDate));
        }
    }, RareBirthDateBlockSize);

    /// <summary>Block size limit of <see cref="RareBirthDate"/>.</summary>
    public const int RareBirthDateBlockSize = 20;

    /// <summary>
    /// Same full postcode (or whole foreign code) and same year of birth: one household's children of one age, which
    /// catches a child whose forename and date of birth are both recorded differently at the same address. Compared only
    /// where at most <see cref="PostcodeYearBlockSize"/> records share a key: a household has few children born in
    /// one year, and a key shared by more is a postcode of many households (an institution, or the synthetic feeds at
    /// a million children, which draw from 10,000 postcodes: there blocks up to 30 gave 4.1 million pairs and up to 10
    /// 3.5 million; at 100,000 children 5 keeps nearly all of what 10 finds).
    /// </summary>
    public static BlockingPass PostcodeAndBirthYear { get; } = new(
        "postcode+birth_year", PersonFields.Postcode | PersonFields.DateOfBirth, (p, keys) =>
        {
            if (p.Postcode.Full is { } postcode && p.BirthDate != 0)
            {
                keys.Add(BlockingKey.Of(postcode, p.BirthYear));
            }
        },
        PostcodeYearBlockSize);

    /// <summary>Block size limit of <see cref="PostcodeAndBirthYear"/>.</summary>
    public const int PostcodeYearBlockSize = 5;

    /// <summary>Same date of birth and same postcode district (catches a changed name, e.g. after adoption).</summary>
    public static BlockingPass BirthDateAndPostcodeDistrict { get; } = new(
        "dob+postcode_district", PersonFields.DateOfBirth | PersonFields.Postcode, (p, keys) =>
        {
            var district = p.Postcode.District ?? p.Postcode.Full;
            if (p.BirthDate != 0 && district is not null)
            {
                keys.Add(BlockingKey.Of(p.BirthDate, district));
            }
        });

    /// <summary>Training pass: same date of birth (estimates every comparator but date of birth).</summary>
    public static BlockingPass BirthDate { get; } = new(
        "dob",
        PersonFields.DateOfBirth,
        (p, keys) =>
        {
            if (p.BirthDate != 0)
            {
                keys.Add(BlockingKey.Of(p.BirthDate));
            }
        },
        exactComparator: "date_of_birth");

    /// <summary>Training pass: same full postcode (estimates names, date of birth, sex and identifiers).</summary>
    public static BlockingPass Postcode { get; } = new("postcode", PersonFields.Postcode | PersonFields.Address, (p, keys) =>
    {
        if (p.Postcode.Full is { } postcode)
        {
            keys.Add(BlockingKey.Of(postcode));
        }
    });

    /// <summary>
    /// The passes used to find candidate pairs, strongest first. The broad passes compare only blocks of a fixed size
    /// whatever the register's size, so the candidate pairs per record stop growing with it (docs/matching.md,
    /// "Scale, measured": with a limit of 100, <see cref="GivenPhoneticAndBirthYear"/> added 1.2 million candidate
    /// pairs for 26 true pairs at 100,000 children).
    /// </summary>
    public static IReadOnlyList<BlockingPass> Default { get; } =
    [
        HubChildId,
        NhsNumber,
        Upn,
        OtherIdentifiers,
        BirthDateAndFamilyInitial,
        BirthDateAndGivenInitial,
        NamesPhonetic,
        NameAndInitial,
        PostcodeAndGivenPhonetic,
        FamilyPhoneticAndBirthYear,
        GivenPhoneticAndBirthYear,
        BirthDateAndPostcodeDistrict,
        PostcodeAndBirthYear,
        RareBirthDate,
        OtherIdentifierPrefix,
    ];

    /// <summary>
    /// The passes expectation maximisation trains on: same date of birth (estimates every comparator but date of
    /// birth) and same names (estimates date of birth and the rest). A postcode pass is deliberately not among
    /// them: pairs sharing an address are mostly siblings, and expectation maximisation would learn "same
    /// household" instead of "same child" (see docs/matching.md).
    /// </summary>
    public static IReadOnlyList<BlockingPass> Training { get; } = [BirthDate, NamesPhoneticTraining];

    private static void WriteNamesPhonetic(NormalisedPerson p, ICollection<ulong> keys)
    {
        if (p.Given is null || p.Family is null)
        {
            return;
        }

        var given = PhoneticKey(p.Given.FirstCode.Primary, p.Given.First);
        keys.Add(BlockingKey.Unordered(given, PhoneticKey(p.Family.JoinedCode.Primary, p.Family.Joined)));
        if (p.Family.Tokens.Length > 1)
        {
            for (var i = 0; i < p.Family.Tokens.Length; i++)
            {
                keys.Add(BlockingKey.Unordered(given, PhoneticKey(p.Family.TokenCodes[i].Primary, p.Family.Tokens[i])));
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="key"/> refined by the sex: a record of unknown sex gets both refinements, so it still meets
    /// records of either sex (and two records of unknown sex meet as before); only a pair whose recorded sexes differ
    /// no longer meets in this pass (about 1% of true pairs; they meet through the passes without the sex). The sex
    /// halves the blocks of the passes on a date of birth or a pair of names, which grow with the register.
    /// </summary>
    private static void AddWithSex(ICollection<ulong> keys, ulong key, Sex sex)
    {
        if (sex != Sex.Male)
        {
            keys.Add(BlockingKey.Of(key, (int)Sex.Female));
        }

        if (sex != Sex.Female)
        {
            keys.Add(BlockingKey.Of(key, (int)Sex.Male));
        }
    }

    /// <summary>The phonetic code, or the name itself when it has no Latin letters to encode.</summary>
    private static string PhoneticKey(string code, string name) => code.Length > 0 ? code : name;
}
