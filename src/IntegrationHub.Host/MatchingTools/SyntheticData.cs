using System.Globalization;
using System.Text;

namespace IntegrationHub.Host.MatchingTools;

/// <summary>
/// The public reference data <c>hub synth</c> draws from (the shared data folder, see its README.md and each
/// SOURCE.md): ONS-derived first names by sex and birth year, surnames with frequencies, nicknames, real
/// English postcodes with their primary care trust as locality.
/// </summary>
public sealed class SyntheticData
{
    private SyntheticData(
        Dictionary<(bool Female, int Year), Weighted> givenNames, Weighted surnames, IReadOnlyList<(string Postcode, string Locality)> postcodes, Dictionary<string, string[]> nicknames)
    {
        GivenNames = givenNames;
        Surnames = surnames;
        Postcodes = postcodes;
        Nicknames = nicknames;
        FirstYear = givenNames.Keys.Min(k => k.Year);
        LastYear = givenNames.Keys.Max(k => k.Year);
    }

    /// <summary>First names by (female, birth year), weighted by frequency.</summary>
    internal Dictionary<(bool Female, int Year), Weighted> GivenNames { get; }

    /// <summary>Surnames weighted by frequency.</summary>
    internal Weighted Surnames { get; }

    /// <summary>English postcodes and their locality.</summary>
    internal IReadOnlyList<(string Postcode, string Locality)> Postcodes { get; }

    /// <summary>Lower-case given name → its nicknames.</summary>
    internal Dictionary<string, string[]> Nicknames { get; }

    /// <summary>Earliest birth year with first names.</summary>
    internal int FirstYear { get; }

    /// <summary>Latest birth year with first names (younger children draw from it).</summary>
    internal int LastYear { get; }

    /// <summary>
    /// The data folder: <paramref name="folder"/> if given; otherwise ../shared/data beside the repository root
    /// (the folder holding IntegrationHub.sln, found from the current directory or the executable) or beside the
    /// current directory.
    /// </summary>
    public static string Locate(string? folder)
    {
        if (folder is not null)
        {
            return Directory.Exists(folder) ? Path.GetFullPath(folder) : throw new ToolException($"Data folder not found: {Path.GetFullPath(folder)}");
        }

        var tried = new List<string>();
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "IntegrationHub.sln")) && directory.Parent is not null)
                {
                    tried.Add(Path.Combine(directory.Parent.FullName, "shared", "data"));
                    break;
                }
            }
        }

        tried.Add(Path.GetFullPath(Path.Combine("..", "shared", "data")));
        return tried.FirstOrDefault(Directory.Exists)
            ?? throw new ToolException($"The public name and postcode data was not found (tried {string.Join(", ", tried.Distinct())}). Give its folder with --data.");
    }

    /// <summary>Reads the data from a folder laid out like the shared data folder.</summary>
    public static SyntheticData Load(string folder)
    {
        var given = Rows(folder, "uk-names-sdglinkage", "firstname_uk.csv", "firstname", "freq", "sex", "birthyear")
            .GroupBy(r => (r[2] == "female", int.Parse(r[3], CultureInfo.InvariantCulture)))
            .ToDictionary(g => g.Key, g => Weighted.From(g.Select(r => (r[0], double.Parse(r[1], CultureInfo.InvariantCulture)))));
        var surnames = Weighted.From(Rows(folder, "uk-names-sdglinkage", "lastname_uk.csv", "surname", "freq")
            .Select(r => (Capitalise(r[0]), double.Parse(r[1], CultureInfo.InvariantCulture))));
        var postcodes = Rows(folder, "uk-postcodes-sample", "address_uk.csv", "postcode", "country", "primary_care_trust")
            .Where(r => r[1] == "England")
            .Select(r => (r[0], r[2]))
            .ToArray();
        var nicknames = Rows(folder, "nicknames", "names.csv", "name1", "relationship", "name2")
            .Where(r => r[1] == "has_nickname")
            .GroupBy(r => r[0].ToLowerInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r[2]).ToArray(), StringComparer.Ordinal);
        if (given.Count == 0 || postcodes.Length == 0)
        {
            throw new ToolException($"{folder}: no first names or no English postcodes found.");
        }

        return new SyntheticData(given, surnames, postcodes, nicknames);
    }

    private static IEnumerable<string[]> Rows(string folder, string subfolder, string file, params string[] columns)
    {
        var path = Path.Combine(folder, subfolder, file);
        if (!File.Exists(path))
        {
            throw new ToolException($"Data file missing: {path}");
        }

        using var reader = new StreamReader(path, Encoding.UTF8);
        using var records = Csv.Read(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new ToolException($"Data file empty: {path}");
        }

        var header = records.Current;
        var indexes = columns.Select(c => Array.IndexOf(header, c)).ToArray();
        if (indexes.Any(i => i < 0))
        {
            throw new ToolException($"{path}: expected columns {string.Join(", ", columns)}.");
        }

        while (records.MoveNext())
        {
            var row = records.Current;
            if (row.Length >= header.Length)
            {
                yield return indexes.Select(i => row[i]).ToArray();
            }
        }
    }

    private static string Capitalise(string value) =>
        string.Join('-', value.Split('-').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>Sampling in proportion to frequency.</summary>
    internal sealed class Weighted(string[] values, double[] cumulative)
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
}
