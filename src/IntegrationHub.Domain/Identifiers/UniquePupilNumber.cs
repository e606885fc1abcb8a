namespace IntegrationHub.Domain.Identifiers;

/// <summary>
/// Unique Pupil Number (DfE): a check letter followed by twelve characters, the local authority
/// code (3 digits), establishment (4), year of allocation (2) and serial (3). A temporary UPN ends in
/// a letter instead of the last serial digit. The check letter is the weighted sum of characters
/// 2-13 (weights 2..13) modulo 23, looked up in an alphabet without I, O and S.
/// </summary>
public static class UniquePupilNumber
{
    private const string Letters = "ABCDEFGHJKLMNPQRTUVWXYZ";

    public static string? Normalise(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToUpperInvariant();

    public static bool IsValid(string? value)
    {
        var upn = Normalise(value);
        if (upn is null || upn.Length != 13 || Letters.IndexOf(upn[0], StringComparison.Ordinal) < 0)
        {
            return false;
        }

        var sum = 0;
        for (var i = 1; i < 13; i++)
        {
            int charValue;
            if (char.IsAsciiDigit(upn[i]))
            {
                charValue = upn[i] - '0';
            }
            else if (i == 12 && Letters.IndexOf(upn[i], StringComparison.Ordinal) is var letter and >= 0)
            {
                charValue = letter;
            }
            else
            {
                return false;
            }

            sum += charValue * (i + 1);
        }

        return Letters[sum % 23] == upn[0];
    }
}
