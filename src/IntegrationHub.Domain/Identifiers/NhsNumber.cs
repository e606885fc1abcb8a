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

    private static bool IsValidDigits(ReadOnlySpan<char> digits)
    {
        if (!digits.ContainsAnyExcept(digits[0]))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (10 - i);
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        return check != 10 && check == digits[9] - '0';
    }
}
