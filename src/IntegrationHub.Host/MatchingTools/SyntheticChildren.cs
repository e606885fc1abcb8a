using System.Globalization;
using IntegrationHub.Domain.Identifiers;

namespace IntegrationHub.Host.MatchingTools;

/// <summary>
/// Seeded synthetic England children and several sources' views of them, for <c>hub synth</c>. Children live in
/// households (siblings share surname and address, a few are twins, a few households share an address with
/// another family); first names are drawn by sex and birth year from the ONS lists, surnames by frequency,
/// postcodes from real English postcodes. Each source holds the children it would know (health nearly all,
/// education the school-age ones, social care a third, ...) with the identifiers it would hold (NHS number
/// valid by modulus 11, UPN with a valid check letter), corrupted the way feeds are: typos, nicknames,
/// swapped day and month, moves, surname changes, missing items, swapped names, upper case, and now and then
/// a second record of the same child in one source. Same seed and data, same output.
/// </summary>
/// <remarks>
/// Adapted from the matching tests' SyntheticRegister (tests/IntegrationHub.Matching.Tests/Support), kept in
/// the host because it reads the public data files at run time, which the pure matching library must not.
/// </remarks>
public sealed class SyntheticChildren
{
    /// <summary>Sources in the order <c>--sources N</c> takes them; beyond these, "source-7", ...</summary>
    public static readonly IReadOnlyList<SourceProfile> KnownSources =
    [
        new("health", 'H', MinimumAge: 0, Coverage: 0.97, NhsNumber: 0.93, Upn: 0.0, School: 0.0, SexWords: false),
        new("education", 'E', MinimumAge: 4, Coverage: 0.95, NhsNumber: 0.15, Upn: 0.93, School: 1.0, SexWords: false),
        new("social-care", 'S', MinimumAge: 0, Coverage: 0.35, NhsNumber: 0.6, Upn: 0.4, School: 0.5, SexWords: true),
        new("youth-justice", 'Y', MinimumAge: 10, Coverage: 0.2, NhsNumber: 0.3, Upn: 0.3, School: 0.7, SexWords: true),
        new("early-help", 'A', MinimumAge: 0, Coverage: 0.25, NhsNumber: 0.5, Upn: 0.2, School: 0.3, SexWords: false),
        new("police", 'P', MinimumAge: 8, Coverage: 0.1, NhsNumber: 0.0, Upn: 0.0, School: 0.0, SexWords: true),
    ];

    /// <summary>The columns of every source file.</summary>
    public static readonly string[] Columns =
        ["record_id", "given_names", "preferred_name", "family_name", "date_of_birth", "sex", "address_line_1", "address_line_2", "postcode", "nhs_number", "upn", "school"];

    /// <summary>Ages are counted at this date, so output does not depend on the day it is run.</summary>
    public static readonly DateOnly ReferenceDate = new(2026, 9, 1);

    private static readonly string[] Streets =
    [
        "High", "Church", "Station", "Victoria", "Park", "Green", "Manor", "Mill", "School", "Queen", "King", "Albert",
        "Grange", "Springfield", "Windsor", "Oak", "Elm", "Beech", "Meadow", "Orchard", "Chapel", "New", "West", "North",
    ];

    private static readonly string[] StreetTypes = ["Road", "Street", "Lane", "Close", "Avenue", "Way", "Drive", "Crescent"];

    private static readonly string[] SchoolNames =
    [
        "St Mary's", "St Joseph's", "Oakfield", "Riverside", "Meadowbank", "Hillside", "Westfield", "Holy Trinity",
        "Greenwood", "Parkside", "Brookfield", "Christ Church", "Kingsway", "Fairfield", "Woodlands", "Highfield",
    ];

    private readonly Random random;
    private readonly SyntheticData data;

    private SyntheticChildren(SyntheticData data, int seed)
    {
        this.data = data;
        random = new Random(seed);
    }

    /// <summary>A source's profile: who it holds and which identifiers it records.</summary>
    /// <param name="Name">Source name; also its file name.</param>
    /// <param name="Prefix">Record id prefix, so ids are unique across sources.</param>
    /// <param name="MinimumAge">Youngest age the source holds.</param>
    /// <param name="Coverage">Share of eligible children it holds.</param>
    /// <param name="NhsNumber">Share of its records with the NHS number.</param>
    /// <param name="Upn">Share of its records (of children aged 5 and over) with the UPN.</param>
    /// <param name="School">Share of its records (of children aged 4 and over) with the school.</param>
    /// <param name="SexWords">Writes "Female"/"Male" rather than "F"/"M".</param>
    public sealed record SourceProfile(string Name, char Prefix, int MinimumAge, double Coverage, double NhsNumber, double Upn, double School, bool SexWords);

    /// <summary>One source's record of a child, as written to its file (columns as <see cref="Columns"/>).</summary>
    /// <param name="ChildId">The child's id in the truth.</param>
    /// <param name="Values">The record's values.</param>
    /// <param name="TwinOf">For a twin (or triplet), the id of the child born just before in the same birth; else null.</param>
    public sealed record SourceRecord(string ChildId, string[] Values, string? TwinOf);

    /// <summary>What was generated: per source its records, in file order.</summary>
    public sealed record Output(IReadOnlyList<(SourceProfile Source, IReadOnlyList<SourceRecord> Records)> Sources, int Children);

    /// <summary>Generates <paramref name="children"/> children seen by the first <paramref name="sources"/> sources.</summary>
    public static Output Generate(SyntheticData data, int children, int sources, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(children);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sources);
        return new SyntheticChildren(data, seed).Build(children, sources);
    }

    private Output Build(int count, int sourceCount)
    {
        var profiles = Enumerable.Range(0, sourceCount)
            .Select(i => i < KnownSources.Count ? KnownSources[i] : new SourceProfile($"source-{i + 1}", (char)('0' + (i % 10)), 0, 0.5, 0.5, 0.3, 0.3, i % 2 == 0))
            .ToArray();
        var children = new List<Child>(count);
        var households = new List<Household>();
        while (children.Count < count)
        {
            // A few families share an address with another (a shared house, a foster placement, flats given one number).
            var household = households.Count > 10 && random.NextDouble() < 0.03
                ? households[random.Next(households.Count)] with { Family = Surname() }
                : NewHousehold();
            households.Add(household);
            var size = random.NextDouble() switch { < 0.55 => 1, < 0.85 => 2, < 0.97 => 3, _ => 4 };
            Child? previous = null;
            var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < size && children.Count < count; i++)
            {
                var twin = previous is not null && random.NextDouble() < 0.06;
                previous = NewChild(household, children.Count, twin ? previous : null, taken);
                children.Add(previous);
            }
        }

        var perSource = profiles.Select(p => (Source: p, Records: new List<SourceRecord>())).ToArray();
        foreach (var child in children)
        {
            var age = Age(child.DateOfBirth);
            var held = perSource.Where(s => age >= s.Source.MinimumAge && random.NextDouble() < s.Source.Coverage).ToList();
            if (held.Count == 0)
            {
                held.Add(perSource[0]);
            }

            foreach (var (source, records) in held)
            {
                records.Add(Fragment(child, source, age));
                if (random.NextDouble() < 0.02)
                {
                    // Registered twice in the same system.
                    records.Add(Fragment(child, source, age));
                }
            }
        }

        var output = perSource.Select(s =>
        {
            var shuffled = s.Records.OrderBy(_ => random.Next()).ToArray();
            for (var i = 0; i < shuffled.Length; i++)
            {
                shuffled[i].Values[0] = string.Create(CultureInfo.InvariantCulture, $"{s.Source.Prefix}{i + 1:000000}");
            }

            return (s.Source, (IReadOnlyList<SourceRecord>)shuffled);
        }).ToArray();
        return new Output(output, children.Count);
    }

    private Household NewHousehold()
    {
        var (postcode, locality) = data.Postcodes[random.Next(data.Postcodes.Count)];
        // Primary care trust names make the locality: "Bolton Teaching" is Bolton.
        return new Household(Surname(), Street(), locality.Replace(" Teaching", string.Empty, StringComparison.Ordinal), postcode, random.Next(SchoolNames.Length));
    }

    private string Surname() =>
        random.NextDouble() < 0.05 ? $"{data.Surnames.Sample(random)}-{data.Surnames.Sample(random)}" : data.Surnames.Sample(random);

    private string Street() => $"{1 + random.Next(150)} {Pick(Streets)} {Pick(StreetTypes)}";

    /// <param name="taken">First names (and their parts) of the household's children so far: parents do not give two children the same name.</param>
    private Child NewChild(Household household, int index, Child? twinOf, HashSet<string> taken)
    {
        var sex = random.NextDouble() < 0.5 ? Matching.Sex.Female : Matching.Sex.Male;
        var dob = twinOf?.DateOfBirth ?? ReferenceDate.AddDays(-1 - random.Next(18 * 365));
        string given;
        do
        {
            given = GivenName(sex, dob.Year);
        }
        while (given.Split('-').Any(taken.Contains));

        taken.UnionWith(given.Split('-'));

        var middle = random.NextDouble() < 0.35 ? GivenName(sex, dob.Year) : null;
        var phase = Age(dob) switch { < 4 => null, < 11 => "Primary School", _ => "Academy" };
        var school = phase is null ? null : $"{SchoolNames[(household.School + (phase == "Academy" ? 5 : 0)) % SchoolNames.Length]} {phase}, {household.Locality}";
        return new Child($"C{index + 1:0000000}", given, middle, household.Family, dob, sex, household, school, NewNhsNumber(), NewUpn(dob), twinOf?.Id);
    }

    private SourceRecord Fragment(Child child, SourceProfile source, int age)
    {
        var given = child.Given;
        var middle = child.Middle;
        var family = child.Family;
        var dob = (DateOnly?)child.DateOfBirth;
        var sex = child.Sex;
        var street = child.Household.Street;
        var locality = child.Household.Locality;
        var postcode = (string?)child.Household.Postcode;
        string? preferred = null;

        var roll = random.NextDouble();
        if (roll < 0.06 && data.Nicknames.TryGetValue(given.ToLowerInvariant(), out var nicknames))
        {
            given = Capitalise(nicknames[random.Next(nicknames.Length)]);
        }
        else if (roll < 0.14)
        {
            given = Typo(given);
        }
        else if (roll < 0.16 && middle is not null)
        {
            (given, middle) = (middle, given);
        }
        else if (roll < 0.22 && data.Nicknames.TryGetValue(given.ToLowerInvariant(), out var known))
        {
            preferred = Capitalise(known[random.Next(known.Length)]);
        }

        roll = random.NextDouble();
        if (roll < 0.05)
        {
            family = Typo(family);
        }
        else if (roll < 0.08)
        {
            // A new surname (adoption, a step-parent's name) or a second part added.
            family = random.NextDouble() < 0.5 ? Surname() : $"{family}-{data.Surnames.Sample(random)}";
        }

        roll = random.NextDouble();
        if (roll < 0.03)
        {
            dob = DigitTypo(child.DateOfBirth);
        }
        else if (roll < 0.05 && child.DateOfBirth.Day <= 12 && child.DateOfBirth.Day != child.DateOfBirth.Month)
        {
            dob = new DateOnly(child.DateOfBirth.Year, child.DateOfBirth.Day, child.DateOfBirth.Month);
        }
        else if (roll < 0.06)
        {
            dob = child.DateOfBirth.AddDays(random.Next(-20, 21));
        }
        else if (roll < 0.07)
        {
            dob = null;
        }

        roll = random.NextDouble();
        sex = roll < 0.05 ? Matching.Sex.Unknown : roll < 0.055 ? (sex == Matching.Sex.Male ? Matching.Sex.Female : Matching.Sex.Male) : sex;

        roll = random.NextDouble();
        if (roll < 0.12)
        {
            // Moved house; this source has the new address.
            var moved = NewHousehold();
            (postcode, locality, street) = (moved.Postcode, moved.Locality, moved.Street);
        }
        else if (roll < 0.18)
        {
            postcode = null;
        }
        else if (roll < 0.22)
        {
            street = Typo(street);
        }
        else if (roll < 0.25)
        {
            street = string.Empty;
            locality = string.Empty;
        }

        var nhs = random.NextDouble() < source.NhsNumber ? child.NhsNumber : null;
        if (nhs is not null && random.NextDouble() < 0.03)
        {
            nhs = Typo(nhs);
        }

        var upn = age >= 5 && random.NextDouble() < source.Upn ? child.Upn : null;
        var school = child.School is not null && random.NextDouble() < source.School ? child.School : null;

        if (random.NextDouble() < 0.02)
        {
            (given, family) = (family, given);
        }

        var givenNames = middle is null || random.NextDouble() < 0.5 ? given : $"{given} {middle}";
        if (random.NextDouble() < 0.15)
        {
            givenNames = givenNames.ToUpperInvariant();
            family = family.ToUpperInvariant();
        }

        if (postcode is not null && random.NextDouble() < 0.3)
        {
            postcode = random.NextDouble() < 0.5 ? postcode.Replace(" ", string.Empty, StringComparison.Ordinal) : postcode.ToLowerInvariant();
        }

        var sexText = sex switch
        {
            Matching.Sex.Female => source.SexWords ? "Female" : "F",
            Matching.Sex.Male => source.SexWords ? "Male" : "M",
            _ => source.SexWords ? "Not known" : "U",
        };
        return new SourceRecord(child.Id, TwinOf: child.TwinOf, Values:
        [
            string.Empty, givenNames, preferred ?? string.Empty, family, dob?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty, sexText,
            street, locality, postcode ?? string.Empty, nhs ?? string.Empty, upn ?? string.Empty, school ?? string.Empty,
        ]);
    }

    private static int Age(DateOnly dob)
    {
        var age = SyntheticChildren.ReferenceDate.Year - dob.Year;
        return dob.AddYears(age) > ReferenceDate ? age - 1 : age;
    }

    private string GivenName(Matching.Sex sex, int year) => Capitalise(data.GivenNames[(sex == Matching.Sex.Female, Math.Clamp(year, data.FirstYear, data.LastYear))].Sample(random));

    private string NewNhsNumber()
    {
        while (true)
        {
            var body = string.Concat(Enumerable.Range(0, 9).Select(_ => (char)('0' + random.Next(10))));
            var number = body + NhsNumber.CheckDigit(body);
            if (NhsNumber.IsValid(number))
            {
                return number;
            }
        }
    }

    private string NewUpn(DateOnly dob)
    {
        // Local authority number, establishment number, year allocated (school entry), serial.
        var body = string.Create(CultureInfo.InvariantCulture, $"{random.Next(201, 938):000}{random.Next(10000):0000}{(dob.Year + 5) % 100:00}{random.Next(1000):000}");
        return UniquePupilNumber.CheckLetter(body) + body;
    }

    private string Typo(string value)
    {
        if (value.Length < 3)
        {
            return value;
        }

        var chars = value.ToList();
        var position = 1 + random.Next(chars.Count - 1);
        switch (random.Next(4))
        {
            case 0:
                chars[position] = char.IsDigit(chars[position]) ? (char)('0' + random.Next(10)) : (char)('a' + random.Next(26));
                break;
            case 1:
                chars.RemoveAt(position);
                break;
            case 2:
                chars.Insert(position, chars[position - 1]);
                break;
            default:
                if (position < chars.Count - 1)
                {
                    (chars[position], chars[position + 1]) = (chars[position + 1], chars[position]);
                }

                break;
        }

        return new string(chars.ToArray());
    }

    private DateOnly DigitTypo(DateOnly date)
    {
        var text = date.ToString("yyyyMMdd", CultureInfo.InvariantCulture).ToCharArray();
        text[2 + random.Next(6)] = (char)('0' + random.Next(10));
        return DateOnly.TryParseExact(new string(text), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var result) ? result : date;
    }

    private T Pick<T>(T[] values) => values[random.Next(values.Length)];

    private static string Capitalise(string value) =>
        value.Length == 0 ? value : string.Join('-', value.Split('-').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));

    private sealed record Household(string Family, string Street, string Locality, string Postcode, int School);

    private sealed record Child(
        string Id, string Given, string? Middle, string Family, DateOnly DateOfBirth, Matching.Sex Sex, Household Household, string? School, string NhsNumber, string Upn, string? TwinOf);
}
