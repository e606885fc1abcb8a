namespace IntegrationHub.Domain.Identifiers;

/// <summary>
/// Unique Pupil Number (DfE): a check letter, then the local authority number (3 digits), establishment
/// number (4), year of allocation (2) and serial (3). A temporary UPN ends in a letter. The check letter is
/// the sum of characters 2 to 13 times their position (2..13), modulo 23, read from the alphabet without
/// I, O and S; a letter in position 13 takes its value from the same alphabet.
/// </summary>
public static class UniquePupilNumber
{
    private const string Letters = "ABCDEFGHJKLMNPQRTUVWXYZ";

    /// <summary>Returns the upper-case UPN if it is valid (spaces ignored), otherwise null.</summary>
    public static string? Normalise(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        Span<char> upn = stackalloc char[13];
        var count = 0;
        foreach (var c in value)
        {
            if (c == ' ')
            {
                continue;
            }

            if (count == 13)
            {
                return null;
            }

            upn[count++] = char.ToUpperInvariant(c);
        }

        return count == 13 && IsValidCharacters(upn) ? new string(upn) : null;
    }

    /// <summary>True if the value is a valid UPN (see <see cref="Normalise"/>).</summary>
    public static bool IsValid(string? value) => Normalise(value) is not null;

    /// <summary>The check letter for the twelve characters after it.</summary>
    public static char? CheckLetter(ReadOnlySpan<char> body)
    {
        if (body.Length != 12)
        {
            return null;
        }

        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            int characterValue;
            if (char.IsAsciiDigit(body[i]))
            {
                characterValue = body[i] - '0';
            }
            else if (i == 11 && Letters.Contains(body[i], StringComparison.Ordinal))
            {
                // Temporary UPN: the last character is a letter.
                characterValue = Letters.IndexOf(body[i], StringComparison.Ordinal);
            }
            else
            {
                return null;
            }

            sum += characterValue * (i + 2);
        }

        return Letters[sum % 23];
    }

    private static bool IsValidCharacters(ReadOnlySpan<char> upn) => CheckLetter(upn[1..]) is { } check && check == upn[0];
}
