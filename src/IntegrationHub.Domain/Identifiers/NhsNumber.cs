namespace IntegrationHub.Domain.Identifiers;

/// <summary>NHS number: ten digits, the last a modulus-11 check digit over the first nine.</summary>
public static class NhsNumber
{
    /// <summary>Strips the spaces and hyphens people type ("943 476 5919"); returns null if anything else is left over.</summary>
    public static string? Normalise(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var digits = new string(value.Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length == 10 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>True when the value is ten digits (spaces and hyphens aside) with a correct check digit.</summary>
    public static bool IsValid(string? value)
    {
        var digits = Normalise(value);
        if (digits is null)
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

        // A remainder giving 10 has no check digit: no NHS number is issued with those nine digits.
        return check != 10 && check == digits[9] - '0';
    }
}
