using System.Text.RegularExpressions;

namespace IntegrationHub.Domain.Identifiers;

/// <summary>
/// UK postcode format check and normal form ("sw1a1aa" → "SW1A 1AA"). This checks the shape the
/// Royal Mail allows (outward code letters and digits in their permitted positions, inward code
/// digit + two letters from the permitted set), not that the postcode exists.
/// </summary>
public static partial class UkPostcode
{
    [GeneratedRegex(
        "^(GIR0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])[0-9][ABD-HJLNP-UW-Z]{2})$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    /// <summary>The canonical form (upper case, one space before the inward code), or null if the value is not a UK postcode.</summary>
    public static string? Normalise(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var compact = string.Concat(value.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (!Shape().IsMatch(compact))
        {
            return null;
        }

        return string.Concat(compact.AsSpan(0, compact.Length - 3), " ", compact.AsSpan(compact.Length - 3));
    }

    public static bool IsValid(string? value) => Normalise(value) is not null;
}
