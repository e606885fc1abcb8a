using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Matching;

namespace IntegrationHub.Host.MatchingTools;

/// <summary>
/// Which column of an input file holds which part of a person, and how dates are written. Read from a small
/// JSON mapping file (<c>--mapping</c>) and overridden by command-line options. Unset entries fall back to
/// the column names <c>hub synth</c> writes (<see cref="Default"/>) when the file has them.
/// </summary>
public sealed record ColumnMapping
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The record id column (required; unique within a file).</summary>
    public string? Id { get; init; }

    /// <summary>Given name(s) column.</summary>
    public string? GivenNames { get; init; }

    /// <summary>Middle name(s) column, appended to the given names.</summary>
    public string? MiddleNames { get; init; }

    /// <summary>Preferred or known-as name column.</summary>
    public string? PreferredName { get; init; }

    /// <summary>Family name column.</summary>
    public string? FamilyName { get; init; }

    /// <summary>Date of birth column.</summary>
    public string? DateOfBirth { get; init; }

    /// <summary>.NET date formats tried in order ("dd/MM/yyyy", "yyyy-MM-dd"); a time part after the date is ignored.</summary>
    public IReadOnlyList<string>? DateFormats { get; init; }

    /// <summary>Sex column (f/m/female/male/1/2, see SexCodes).</summary>
    public string? Sex { get; init; }

    /// <summary>Address line columns, in order.</summary>
    public IReadOnlyList<string>? Address { get; init; }

    /// <summary>Postcode (or any country's postal code) column.</summary>
    public string? Postcode { get; init; }

    /// <summary>NHS number column.</summary>
    public string? NhsNumber { get; init; }

    /// <summary>UPN column.</summary>
    public string? Upn { get; init; }

    /// <summary>Other identifiers: scheme → column ("email" → "contact_email").</summary>
    public IReadOnlyDictionary<string, string>? Other { get; init; }

    /// <summary>The columns <c>hub synth</c> writes.</summary>
    public static ColumnMapping Default { get; } = new()
    {
        Id = "record_id",
        GivenNames = "given_names",
        PreferredName = "preferred_name",
        FamilyName = "family_name",
        DateOfBirth = "date_of_birth",
        DateFormats = ["yyyy-MM-dd"],
        Sex = "sex",
        Address = ["address_line_1", "address_line_2", "address_line_3"],
        Postcode = "postcode",
        NhsNumber = "nhs_number",
        Upn = "upn",
    };

    /// <summary>Reads a JSON mapping file.</summary>
    public static ColumnMapping Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ToolException($"Mapping file not found: {path}");
        }

        try
        {
            return JsonSerializer.Deserialize<ColumnMapping>(File.ReadAllText(path), Json) ?? new ColumnMapping();
        }
        catch (JsonException e)
        {
            throw new ToolException($"Mapping file {path}: {e.Message}");
        }
    }

    /// <summary>This mapping with every entry <paramref name="overrides"/> sets replaced.</summary>
    public ColumnMapping With(ColumnMapping overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return new ColumnMapping
        {
            Id = overrides.Id ?? Id,
            GivenNames = overrides.GivenNames ?? GivenNames,
            MiddleNames = overrides.MiddleNames ?? MiddleNames,
            PreferredName = overrides.PreferredName ?? PreferredName,
            FamilyName = overrides.FamilyName ?? FamilyName,
            DateOfBirth = overrides.DateOfBirth ?? DateOfBirth,
            DateFormats = overrides.DateFormats is { Count: > 0 } ? overrides.DateFormats : DateFormats,
            Sex = overrides.Sex ?? Sex,
            Address = overrides.Address is { Count: > 0 } ? overrides.Address : Address,
            Postcode = overrides.Postcode ?? Postcode,
            NhsNumber = overrides.NhsNumber ?? NhsNumber,
            Upn = overrides.Upn ?? Upn,
            Other = overrides.Other is { Count: > 0 } ? overrides.Other : Other,
        };
    }

    /// <summary>
    /// Maps a file's rows to person records. A column named in the mapping must exist; a default column
    /// (<see cref="Default"/>) is used only where the file has it. Record ids must be present and unique.
    /// </summary>
    public MappedFile Apply(RecordTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var id = Resolve(table, Id, Default.Id, required: true);
        var given = Resolve(table, GivenNames, Default.GivenNames);
        var middle = Resolve(table, MiddleNames, null);
        var preferred = Resolve(table, PreferredName, Default.PreferredName);
        var family = Resolve(table, FamilyName, Default.FamilyName);
        var dob = Resolve(table, DateOfBirth, Default.DateOfBirth);
        var sex = Resolve(table, Sex, Default.Sex);
        var postcode = Resolve(table, Postcode, Default.Postcode);
        var nhs = Resolve(table, NhsNumber, Default.NhsNumber);
        var upn = Resolve(table, Upn, Default.Upn);
        var address = Address is { Count: > 0 }
            ? Address.Select(c => Resolve(table, c, null)).ToArray()
            : Default.Address!.Select(table.IndexOf).Where(i => i >= 0).ToArray();
        var other = (Other ?? new Dictionary<string, string>()).Select(kv => (Scheme: kv.Key, Column: Resolve(table, kv.Value, null))).ToArray();
        var formats = (DateFormats is { Count: > 0 } ? DateFormats : Default.DateFormats!).ToArray();

        var records = new PersonRecord[table.Rows.Count];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var badDates = 0;
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var recordId = Value(row, id) ?? throw new ToolException($"{table.Path}: record {r + 1} has no id in column '{table.Columns[id]}'.");
            if (!ids.Add(recordId))
            {
                throw new ToolException($"{table.Path}: record id '{recordId}' appears more than once; ids must be unique within a file.");
            }

            var dobText = Value(row, dob);
            var date = ParseDate(dobText, formats);
            badDates += dobText is not null && date is null ? 1 : 0;
            var givenNames = Value(row, given);
            if (Value(row, middle) is { } middleNames)
            {
                givenNames = givenNames is null ? middleNames : $"{givenNames} {middleNames}";
            }

            var lines = address.Select(i => Value(row, i)).Where(v => v is not null).SelectMany(v => v!.Split('\n')).Where(v => !string.IsNullOrWhiteSpace(v)).ToArray();
            var identifiers = other.Select(o => (o.Scheme, Value: Value(row, o.Column))).Where(o => o.Value is not null).Select(o => new OtherIdentifier(o.Scheme, o.Value!)).ToArray();
            records[r] = new PersonRecord
            {
                RecordId = recordId,
                SourceId = table.Name,
                GivenNames = givenNames,
                PreferredName = Value(row, preferred),
                FamilyName = Value(row, family),
                DateOfBirth = date,
                Sex = SexCodes.Parse(Value(row, sex)),
                AddressLines = lines.Length == 0 ? null : lines,
                Postcode = Value(row, postcode),
                NhsNumber = Value(row, nhs),
                Upn = Value(row, upn),
                OtherIdentifiers = identifiers.Length == 0 ? null : identifiers,
            };
        }

        return new MappedFile(table.Name, table.Path, records, badDates);
    }

    /// <summary>Parses a date by the formats in order; a trailing time ("2012-03-04T00:00:00", "04/03/2012 00:00") is ignored.</summary>
    public static DateOnly? ParseDate(string? text, IReadOnlyList<string> formats)
    {
        ArgumentNullException.ThrowIfNull(formats);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim();
        foreach (var candidate in new[] { value, value.Split(' ', 'T')[0] })
        {
            foreach (var format in formats)
            {
                if (DateOnly.TryParseExact(candidate, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return date;
                }
            }
        }

        return null;
    }

    private static int Resolve(RecordTable table, string? column, string? fallback, bool required = false)
    {
        if (column is not null)
        {
            var index = table.IndexOf(column);
            return index >= 0
                ? index
                : throw new ToolException($"{table.Path}: no column '{column}'. Columns: {string.Join(", ", table.Columns)}.");
        }

        var found = fallback is null ? -1 : table.IndexOf(fallback);
        if (found < 0 && required)
        {
            throw new ToolException($"{table.Path}: which column is the record id? Give --id-column (no '{fallback}' column). Columns: {string.Join(", ", table.Columns)}.");
        }

        return found;
    }

    private static string? Value(string?[] row, int index) =>
        index < 0 || string.IsNullOrWhiteSpace(row[index]) ? null : row[index]!.Trim();
}

/// <summary>One input file as person records.</summary>
/// <param name="Name">The file name without extension; used as the records' source.</param>
/// <param name="Path">The file.</param>
/// <param name="Records">The records, in file order.</param>
/// <param name="UnreadableDates">Dates of birth that matched none of the formats (left missing).</param>
public sealed record MappedFile(string Name, string Path, PersonRecord[] Records, int UnreadableDates);
