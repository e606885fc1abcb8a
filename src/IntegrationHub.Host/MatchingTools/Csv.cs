using System.Text;

namespace IntegrationHub.Host.MatchingTools;

/// <summary>
/// RFC 4180 CSV: comma separated, fields quoted with double quotes when they hold a comma, quote, CR or LF,
/// quotes doubled inside a quoted field, records ended by CRLF or LF. A quoted field may span lines.
/// Written by hand because the repository takes no CSV package for this one need.
/// </summary>
public static class Csv
{
    /// <summary>Reads every record (the header included) from <paramref name="reader"/>.</summary>
    public static IEnumerable<string[]> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var inRecord = false;
        var line = 1;
        int c;
        while ((c = reader.Read()) != -1)
        {
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append((char)c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    inRecord = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    inRecord = true;
                    break;
                case '\r':
                    // CRLF or a bare CR both end the record.
                    if (reader.Peek() == '\n')
                    {
                        reader.Read();
                    }

                    goto case '\n';
                case '\n':
                    line++;
                    if (inRecord || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        field.Clear();
                        yield return fields.ToArray();
                        fields.Clear();
                    }

                    inRecord = false;
                    break;
                default:
                    field.Append((char)c);
                    inRecord = true;
                    break;
            }
        }

        if (quoted)
        {
            throw new InvalidDataException($"CSV: a quoted field opened before line {line} is never closed.");
        }

        if (inRecord || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return fields.ToArray();
        }
    }

    /// <summary>Writes one record, quoting only the fields that need it, ended by CRLF as RFC 4180 says.</summary>
    public static void WriteRecord(TextWriter writer, IEnumerable<string?> fields)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(fields);
        var first = true;
        foreach (var value in fields)
        {
            if (!first)
            {
                writer.Write(',');
            }

            first = false;
            writer.Write(Quote(value ?? string.Empty));
        }

        writer.Write("\r\n");
    }

    /// <summary>The field as it appears in a CSV file.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }
}
