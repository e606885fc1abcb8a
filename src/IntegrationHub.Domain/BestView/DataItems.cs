using System.Globalization;
using System.Text;
using IntegrationHub.Domain.Identifiers;

namespace IntegrationHub.Domain.BestView;

/// <summary>
/// One data item of the child's demographics: how to read it, compare it after normalisation, judge its
/// validity and put a chosen value into the best view. The names are the contract's property names, and
/// are what a mismatch notification tells a source.
/// </summary>
public sealed record DataItem(
    string Name,
    Func<ChildDetails, object?> Read,
    Func<object, string> Normalise,
    Func<object, bool> IsValid,
    Func<ChildDetails, object?, ChildDetails> Write);

/// <summary>The data items, in the order they are assembled and reported.</summary>
public static class DataItems
{
    public const string GivenName = "givenName";
    public const string MiddleNames = "middleNames";
    public const string FamilyName = "familyName";
    public const string PreferredName = "preferredName";
    public const string DateOfBirth = "dateOfBirth";
    public const string Gender = "gender";
    public const string Address = "address";
    public const string NhsNumber = "nhsNumber";
    public const string Upn = "upn";
    public const string School = "school";
    public const string Gp = "gp";

    public static IReadOnlyList<DataItem> All { get; } =
    [
        Text(GivenName, d => d.GivenName, (d, v) => d with { GivenName = v }),
        Text(MiddleNames, d => d.MiddleNames, (d, v) => d with { MiddleNames = v }),
        Text(FamilyName, d => d.FamilyName, (d, v) => d with { FamilyName = v }),
        Text(PreferredName, d => d.PreferredName, (d, v) => d with { PreferredName = v }),
        new(DateOfBirth, d => d.DateOfBirth, v => ((DateOnly)v).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), _ => true, (d, v) => d with { DateOfBirth = (DateOnly?)v }),
        new(Gender, d => d.Gender is "female" or "male" ? d.Gender : null, v => (string)v, _ => true, (d, v) => d with { Gender = (string?)v }),
        new(Address, d => d.Address is { } a && (a.Lines.Any(l => !string.IsNullOrWhiteSpace(l)) || !string.IsNullOrWhiteSpace(a.Postcode)) ? a : null,
            v => NormaliseAddress((PostalAddress)v),
            v => UkPostcode.IsValid(((PostalAddress)v).Postcode),
            (d, v) => d with { Address = (PostalAddress?)v }),
        new(NhsNumber, d => Blank(d.NhsNumber), v => Compact((string)v), v => Identifiers.NhsNumber.IsValid((string)v), (d, v) => d with { NhsNumber = (string?)v }),
        new(Upn, d => Blank(d.Upn), v => Compact((string)v), v => UniquePupilNumber.IsValid((string)v), (d, v) => d with { Upn = (string?)v }),
        Place(School, d => d.School, (d, v) => d with { School = v }),
        Place(Gp, d => d.Gp, (d, v) => d with { Gp = v }),
    ];

    /// <summary>The item's comparable form in <paramref name="details"/>, or null when missing.</summary>
    public static string? NormalisedValue(this DataItem item, ChildDetails details) =>
        item.Read(details) is { } value ? item.Normalise(value) : null;

    /// <summary>
    /// Case, spacing and punctuation never make a difference: "SW1A 1AA" equals "sw1a1aa", "12, Station Road"
    /// equals "12 station road". Spelling does.
    /// </summary>
    public static string Fold(string value)
    {
        var folded = new StringBuilder(value.Length);
        foreach (var c in value.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                folded.Append(char.ToUpperInvariant(c));
            }
            else if (folded.Length > 0 && folded[^1] != ' ')
            {
                folded.Append(' ');
            }
        }

        return folded.ToString().TrimEnd();
    }

    private static string Compact(string value) => Fold(value).Replace(" ", string.Empty, StringComparison.Ordinal);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string NormaliseAddress(PostalAddress address) =>
        string.Join(" ", address.Lines.Select(Fold).Where(l => l.Length > 0)) + "|" + Compact(address.Postcode ?? string.Empty);

    private static DataItem Text(string name, Func<ChildDetails, string?> read, Func<ChildDetails, string?, ChildDetails> write) =>
        new(name, d => Blank(read(d)), v => Fold((string)v), v => Fold((string)v).Length > 0, (d, v) => write(d, (string?)v));

    // A school or practice is compared by name; one with its code (URN, practice code) counts as better validated.
    private static DataItem Place(string name, Func<ChildDetails, NamedPlace?> read, Func<ChildDetails, NamedPlace?, ChildDetails> write) =>
        new(name, d => read(d) is { } p && !string.IsNullOrWhiteSpace(p.Name) ? p : null,
            v => Fold(((NamedPlace)v).Name),
            v => !string.IsNullOrWhiteSpace(((NamedPlace)v).Code),
            (d, v) => write(d, (NamedPlace?)v));
}
