using System.Text;
using System.Text.Json;

namespace IntegrationHub.Host.MatchingTools;

/// <summary>
/// A file of records read as text: CSV with a header row (RFC 4180), or NDJSON (one JSON object per line),
/// chosen by extension (.ndjson, .jsonl, .json = NDJSON; anything else = CSV). Column names are matched
/// case-insensitively. In NDJSON, numbers and booleans are kept as their JSON text and an array of strings
/// (address lines) as one value per line joined by a newline.
/// </summary>
public sealed class RecordTable
{
    private readonly Dictionary<string, int> columnIndex;

    private RecordTable(string path, IReadOnlyList<string> columns, List<string?[]> rows)
    {
        Path = path;
        Columns = columns;
        Rows = rows;
        columnIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < columns.Count; i++)
        {
            columnIndex.TryAdd(columns[i], i);
        }
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Column names, in file order (NDJSON: in order of first appearance).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The values, one array per record, indexed like <see cref="Columns"/>; null when absent.</summary>
    public IReadOnlyList<string?[]> Rows { get; }

    /// <summary>The file name without folder and extension ("health" for data/health.csv).</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>True if the file is NDJSON by its extension.</summary>
    public static bool IsNdjson(string path) =>
        System.IO.Path.GetExtension(path).ToUpperInvariant() is ".NDJSON" or ".JSONL" or ".JSON";

    /// <summary>The index of a column, or -1.</summary>
    public int IndexOf(string column) => columnIndex.GetValueOrDefault(column, -1);

    /// <summary>True if the file has the column.</summary>
    public bool Has(string column) => columnIndex.ContainsKey(column);

    /// <summary>Reads a CSV or NDJSON file.</summary>
    public static RecordTable Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ToolException($"File not found: {path}");
        }

        return IsNdjson(path) ? LoadNdjson(path) : LoadCsv(path);
    }

    private static RecordTable LoadCsv(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var records = Csv.Read(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new ToolException($"{path}: empty file, a header row is needed.");
        }

        var header = records.Current.Select(h => h.Trim()).ToArray();
        var rows = new List<string?[]>();
        while (records.MoveNext())
        {
            var fields = records.Current;
            var row = new string?[header.Length];
            Array.Copy(fields, row, Math.Min(fields.Length, header.Length));
            rows.Add(row);
        }

        return new RecordTable(path, header, rows);
    }

    private static RecordTable LoadNdjson(string path)
    {
        var columns = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var objects = new List<Dictionary<int, string>>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw new ToolException($"{path} line {lineNumber}: not JSON ({e.Message}).");
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new ToolException($"{path} line {lineNumber}: each line must be one JSON object.");
                }

                var values = new Dictionary<int, string>();
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (!index.TryGetValue(property.Name, out var column))
                    {
                        column = columns.Count;
                        index[property.Name] = column;
                        columns.Add(property.Name);
                    }

                    if (Text(property.Value) is { } text)
                    {
                        values[column] = text;
                    }
                }

                objects.Add(values);
            }
        }

        var rows = objects.Select(values =>
        {
            var row = new string?[columns.Count];
            foreach (var (column, value) in values)
            {
                row[column] = value;
            }

            return row;
        }).ToList();
        return new RecordTable(path, columns, rows);
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Array => string.Join('\n', value.EnumerateArray().Select(Text).Where(t => !string.IsNullOrWhiteSpace(t))),
        _ => value.GetRawText(),
    };
}

/// <summary>Bad input or options: the command prints the message and exits with code 2, no stack trace.</summary>
public sealed class ToolException(string message) : Exception(message);
