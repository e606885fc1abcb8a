using System.Globalization;
using IntegrationHub.Domain.Identifiers;

namespace IntegrationHub.Matching.Tests.Support;

/// <summary>
/// A seeded synthetic register of English children for tests, independent of the Splink benchmark's
/// generator: names drawn by sex and birth year from the ONS lists, surnames by frequency, real English
/// postcodes, valid NHS numbers and UPNs, siblings and twins sharing surname and address, and records
/// corrupted the way case-management feeds corrupt them (typos, nicknames, swapped day and month, swapped
/// names, moved house, changed surnames, missing identifiers, a few wrong sexes).
/// </summary>
internal sealed class SyntheticRegister
{
    private static readonly string[] Streets =
    [
        "High", "Church", "Station", "Victoria", "Park", "Green", "Manor", "Mill", "School", "Queen", "King", "Albert",
        "Grange", "Springfield", "Windsor", "Oak", "Elm", "Beech", "Meadow", "Orchard", "Chapel", "New", "West", "North",
    ];

    private static readonly string[] StreetTypes = ["Road", "Street", "Lane", "Close", "Avenue", "Way", "Drive", "Crescent"];

    private static readonly Lazy<Reference> Data = new(Reference.Load);

    private readonly Random random;
    private readonly Reference data = Data.Value;

    private SyntheticRegister(int seed)
    {
        random = new Random(seed);
    }

    /// <summary>Records and, for each, the id of the child it describes.</summary>
    public sealed record Register(PersonRecord[] Records, string[] Truth, string[] Sources);

    /// <summary>Generates records for <paramref name="children"/> children.</summary>
    public static Register Generate(int children, int seed)
    {
        var generator = new SyntheticRegister(seed);
        return generator.Build(children);
    }

    private Register Build(int count)
    {
        var children = new List<Child>();
        while (children.Count < count)
        {
            var child = NewChild();
            children.Add(child);

            // A third of children have a sibling on the register: same surname and address, often a twin.
            if (children.Count < count && random.NextDouble() < 0.33)
            {
                children.Add(Sibling(child, twin: random.NextDouble() < 0.1));
            }
        }

        var records = new List<PersonRecord>();
        var truth = new List<string>();
        var sources = new List<string>();
        foreach (var child in children)
        {
            var copies = 1 + (random.NextDouble() < 0.7 ? 1 : 0) + (random.NextDouble() < 0.35 ? 1 : 0) + (random.NextDouble() < 0.1 ? 1 : 0);
            for (var i = 0; i < copies; i++)
            {
                var source = Pick(["health", "education", "social-care"]);
                records.Add(Fragment(child, source, $"{child.Id}-{i}"));
                truth.Add(child.Id);
                sources.Add(source);
            }
        }

        // Shuffle so that clusters are not contiguous.
        var order = Enumerable.Range(0, records.Count).OrderBy(_ => random.Next()).ToArray();
        return new Register(order.Select(i => records[i]).ToArray(), order.Select(i => truth[i]).ToArray(), order.Select(i => sources[i]).ToArray());
    }

    private Child NewChild()
    {
        var sex = random.NextDouble() < 0.5 ? Sex.Female : Sex.Male;
        var dob = new DateOnly(2005, 1, 1).AddDays(random.Next(365 * 14));
        var family = data.Surnames.Sample(random);
        if (random.NextDouble() < 0.05)
        {
            family += "-" + data.Surnames.Sample(random);
        }

        var (postcode, locality) = data.Postcodes[random.Next(data.Postcodes.Length)];
        return new Child(
            $"c{random.Next():x8}",
            GivenName(sex, dob.Year),
            random.NextDouble() < 0.3 ? GivenName(sex, dob.Year) : null,
            family,
            dob,
            sex,
            [$"{1 + random.Next(150)} {Pick(Streets)} {Pick(StreetTypes)}", locality],
            postcode,
            NhsNumber(),
            Upn(dob));
    }

    private Child Sibling(Child child, bool twin)
    {
        var sex = random.NextDouble() < 0.5 ? Sex.Female : Sex.Male;
        var dob = twin ? child.DateOfBirth : child.DateOfBirth.AddDays((random.NextDouble() < 0.5 ? -1 : 1) * (300 + random.Next(2000)));
        string given;
        do
        {
            given = GivenName(sex, Math.Clamp(dob.Year, 1996, 2018));
        }
        while (given == child.Given);

        return child with
        {
            Id = $"c{random.Next():x8}",
            Given = given,
            Middle = random.NextDouble() < 0.3 ? GivenName(sex, Math.Clamp(dob.Year, 1996, 2018)) : null,
            DateOfBirth = dob,
            Sex = sex,
            NhsNumber = NhsNumber(),
            Upn = Upn(dob),
        };
    }

    private PersonRecord Fragment(Child child, string source, string recordId)
    {
        var given = child.Given;
        var middle = child.Middle;
        var family = child.Family;
        var dob = (DateOnly?)child.DateOfBirth;
        var sex = child.Sex;
        var address = child.Address;
        var postcode = child.Postcode;

        var roll = random.NextDouble();
        if (roll < 0.06 && data.Nicknames.TryGetValue(given, out var nicknames))
        {
            given = nicknames[random.Next(nicknames.Length)];
        }
        else if (roll < 0.14)
        {
            given = Typo(given);
        }
        else if (roll < 0.16 && middle is not null)
        {
            (given, middle) = (middle, given);
        }

        roll = random.NextDouble();
        if (roll < 0.06)
        {
            family = Typo(family);
        }
        else if (roll < 0.09)
        {
            // A new surname (adoption, a step-parent's name) or a second part added.
            family = random.NextDouble() < 0.5 ? data.Surnames.Sample(random) : $"{family}-{data.Surnames.Sample(random)}";
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
        else if (roll < 0.07)
        {
            dob = child.DateOfBirth.AddDays(random.Next(-20, 21));
        }
        else if (roll < 0.08)
        {
            dob = null;
        }

        roll = random.NextDouble();
        sex = roll < 0.06 ? Sex.Unknown : roll < 0.065 ? (sex == Sex.Male ? Sex.Female : Sex.Male) : sex;

        roll = random.NextDouble();
        if (roll < 0.15)
        {
            // Moved house.
            var (newPostcode, locality) = data.Postcodes[random.Next(data.Postcodes.Length)];
            postcode = newPostcode;
            address = [$"{1 + random.Next(150)} {Pick(Streets)} {Pick(StreetTypes)}", locality];
        }
        else if (roll < 0.22)
        {
            postcode = null;
        }
        else if (roll < 0.26)
        {
            address = [Typo(address[0]), address[1]];
        }

        var nhs = source switch
        {
            "health" => random.NextDouble() < 0.9 ? child.NhsNumber : null,
            "education" => random.NextDouble() < 0.2 ? child.NhsNumber : null,
            _ => random.NextDouble() < 0.5 ? child.NhsNumber : null,
        };
        if (nhs is not null && random.NextDouble() < 0.03)
        {
            nhs = Typo(nhs);
        }

        var upn = source switch
        {
            "education" => child.DateOfBirth.Year <= 2014 && random.NextDouble() < 0.9 ? child.Upn : null,
            "social-care" => random.NextDouble() < 0.3 ? child.Upn : null,
            _ => null,
        };

        if (random.NextDouble() < 0.02)
        {
            (given, family) = (family, given);
        }

        if (random.NextDouble() < 0.2)
        {
            given = given.ToUpperInvariant();
            family = family.ToUpperInvariant();
        }

        return new PersonRecord
        {
            RecordId = recordId,
            SourceId = source,
            GivenNames = middle is null || random.NextDouble() < 0.5 ? Capitalise(given) : $"{Capitalise(given)} {Capitalise(middle)}",
            FamilyName = Capitalise(family),
            DateOfBirth = dob,
            Sex = sex,
            AddressLines = random.NextDouble() < 0.05 ? null : address,
            Postcode = postcode is not null && random.NextDouble() < 0.5 ? postcode.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant() : postcode,
            NhsNumber = nhs,
            Upn = upn,
        };
    }

    private string GivenName(Sex sex, int year) => data.GivenNames[(sex, Math.Clamp(year, 1996, 2018))].Sample(random);

    private string NhsNumber()
    {
        while (true)
        {
            var body = string.Concat(Enumerable.Range(0, 9).Select(_ => (char)('0' + random.Next(10))));
            var number = body + Domain.Identifiers.NhsNumber.CheckDigit(body);
            if (Domain.Identifiers.NhsNumber.IsValid(number))
            {
                return number;
            }
        }
    }

    private string Upn(DateOnly dob)
    {
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
                chars[position] = (char)('a' + random.Next(26));
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

    private DateOnly? DigitTypo(DateOnly date)
    {
        var text = date.ToString("yyyyMMdd", CultureInfo.InvariantCulture).ToCharArray();
        text[2 + random.Next(6)] = (char)('0' + random.Next(10));
        return DateOnly.TryParseExact(new string(text), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var result) ? result : date;
    }

    private T Pick<T>(T[] values) => values[random.Next(values.Length)];

    private static string Capitalise(string value) =>
        value.Length == 0 || char.IsUpper(value[0]) ? value : char.ToUpperInvariant(value[0]) + value[1..];

    private sealed record Child(
        string Id, string Given, string? Middle, string Family, DateOnly DateOfBirth, Sex Sex, string[] Address, string Postcode, string NhsNumber, string Upn);

    /// <summary>Sampling in proportion to frequency.</summary>
    private sealed class Weighted(string[] values, double[] cumulative)
    {
        public string Sample(Random random)
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
            return values[Math.Min(index < 0 ? ~index : index, values.Length - 1)];
        }

        public static Weighted From(IEnumerable<(string Value, double Weight)> entries)
        {
            var list = entries.ToArray();
            var cumulative = new double[list.Length];
            double total = 0;
            for (var i = 0; i < list.Length; i++)
            {
                total += list[i].Weight;
                cumulative[i] = total;
            }

            return new Weighted(list.Select(e => e.Value).ToArray(), cumulative);
        }
    }

    private sealed record Reference(
        Dictionary<(Sex, int), Weighted> GivenNames, Weighted Surnames, (string Postcode, string Locality)[] Postcodes, Dictionary<string, string[]> Nicknames)
    {
        public static Reference Load()
        {
            var given = SharedData.ReadCsv(SharedData.PathOf("uk-names-sdglinkage", "firstname_uk.csv"))
                .GroupBy(row => (row["sex"] == "female" ? Sex.Female : Sex.Male, int.Parse(row["birthyear"], CultureInfo.InvariantCulture)))
                .ToDictionary(g => g.Key, g => Weighted.From(g.Select(row => (row["firstname"], double.Parse(row["freq"], CultureInfo.InvariantCulture)))));
            var surnames = Weighted.From(SharedData.ReadCsv(SharedData.PathOf("uk-names-sdglinkage", "lastname_uk.csv"))
                .Select(row => (row["surname"], double.Parse(row["freq"], CultureInfo.InvariantCulture))));
            var postcodes = SharedData.ReadCsv(SharedData.PathOf("uk-postcodes-sample", "address_uk.csv"))
                .Where(row => row["country"] == "England")
                .Select(row => (row["postcode"], row["primary_care_trust"]))
                .ToArray();
            var nicknames = SharedData.ReadCsv(SharedData.PathOf("nicknames", "names.csv"))
                .GroupBy(row => row["name1"])
                .ToDictionary(g => g.Key, g => g.Select(row => row["name2"]).ToArray(), StringComparer.Ordinal);
            return new Reference(given, surnames, postcodes, nicknames);
        }
    }
}
