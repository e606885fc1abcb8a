using System.Globalization;
using System.Text;

namespace IntegrationHub.Matching.Tests.Support;

/// <summary>Locates /work/shared/data (../shared/data from the repository root) and reads its CSV files.</summary>
internal static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string PathOf(params string[] parts) => Path.Combine([Root.Value, .. parts]);

    /// <summary>Walks up from the test assembly to the folder holding IntegrationHub.sln, then ../shared/data.</summary>
    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IntegrationHub.sln")))
        {
            directory = directory.Parent;
        }

        if (directory?.Parent is null)
        {
            throw new InvalidOperationException($"No IntegrationHub.sln above {AppContext.BaseDirectory}.");
        }

        var data = Path.Combine(directory.Parent.FullName, "shared", "data");
        if (!Directory.Exists(data))
        {
            throw new InvalidOperationException($"Shared data folder {data} is missing.");
        }

        return data;
    }

    /// <summary>Reads a CSV with a header row into dictionaries keyed by column name (RFC 4180 quoting).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        var header = SplitLine(lines[0]);
        var rows = new List<IReadOnlyDictionary<string, string>>(lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var fields = SplitLine(line);
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                row[header[i]] = i < fields.Count ? fields[i] : string.Empty;
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>One CSV line into fields (RFC 4180 quoting).</summary>
    internal static List<string> SplitLine(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }

    /// <summary>The Splink fake_1000 benchmark as person records, with its truth clusters.</summary>
    public static (PersonRecord[] Records, string[] Clusters) Fake1000()
    {
        var rows = ReadCsv(PathOf("splink-fake-1000", "fake_1000.csv"));
        var records = rows.Select(row => new PersonRecord
        {
            RecordId = row["unique_id"],
            GivenNames = Blank(row["first_name"]),
            FamilyName = Blank(row["surname"]),
            DateOfBirth = DateOnly.TryParseExact(row["dob"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dob) ? dob : null,
            AddressLines = Blank(row["city"]) is { } city ? [city] : null,
            OtherIdentifiers = Blank(row["email"]) is { } email ? [new OtherIdentifier("email", email)] : null,
        }).ToArray();
        return (records, rows.Select(row => row["cluster"]).ToArray());
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
