namespace IntegrationHub.Domain.Identifiers;

/// <summary>
/// NHS number: ten digits, the tenth a modulus-11 check digit over the first nine (weights 10 down to 2;
/// check = 11 - sum mod 11, 11 becomes 0, 10 means the nine digits are never issued).
/// </summary>
/// <remarks>Allocation-light: the matching engine normalises millions of these.</remarks>
public static class NhsNumber
{
    /// <summary>
    /// Returns the ten digits of a valid NHS number ("943 476 5919" → "9434765919"), or null if the value is
    /// missing, not ten digits once spaces and hyphens are removed, fails the check digit, or is a
    /// placeholder of one repeated digit ("0000000000" and "9999999999" pass modulus 11 but are never issued).
    /// </summary>
    public static string? Normalise(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        Span<char> digits = stackalloc char[10];
        var count = 0;
        foreach (var c in value)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiDigit(c) || count == 10)
            {
                return null;
            }

            digits[count++] = c;
        }

        return count == 10 && IsValidDigits(digits) ? new string(digits) : null;
    }

    /// <summary>True if the value is a valid NHS number (see <see cref="Normalise"/>).</summary>
    public static bool IsValid(string? value) => Normalise(value) is not null;

    /// <summary>
    /// The check digit for the first nine digits (weights 10 down to 2; 11 - sum mod 11, 11 becomes 0), or null
    /// when the remainder gives 10: no NHS number is issued with those nine digits.
    /// </summary>
    public static int? CheckDigit(ReadOnlySpan<char> nineDigits)
    {
        if (nineDigits.Length != 9)
        {
            return null;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            if (!char.IsAsciiDigit(nineDigits[i]))
            {
                return null;
            }

            sum += (nineDigits[i] - '0') * (10 - i);
        }

        var check = 11 - (sum % 11);
        return check switch
        {
            11 => 0,
            10 => null,
            _ => check,
        };
    }

    private static bool IsValidDigits(ReadOnlySpan<char> digits) =>
        digits.ContainsAnyExcept(digits[0]) && CheckDigit(digits[..9]) is { } check && check == digits[9] - '0';
}
