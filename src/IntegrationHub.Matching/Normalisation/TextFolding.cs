using System.Globalization;
using System.Text;

namespace IntegrationHub.Matching.Normalisation;

/// <summary>
/// Folds free text to the comparable form every comparator works on: lower case, diacritics removed
/// (é → e, ß → ss, Ø → o), apostrophes dropped so O'Neill and ONeill agree, every other punctuation
/// mark a token separator so hyphenated and double-barrelled names split into parts.
/// </summary>
public static class TextFolding
{
    /// <summary>Honorifics some feeds put in name fields; dropped when another token remains.</summary>
    private static readonly HashSet<string> Honorifics = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "miss", "mstr", "master", "dr", "mx",
    };

    /// <summary>
    /// Splits a name into folded tokens: "Anne-Marie O'Brien" → ["anne", "marie", "obrien"].
    /// Letters only: digits in a name field are keying errors and are dropped; symbols separate parts.
    /// </summary>
    public static string[] NameTokens(string? value)
    {
        var tokens = Tokens(value, keepDigits: false);
        if (tokens.Length > 1 && Honorifics.Contains(tokens[0]))
        {
            return tokens[1..];
        }

        return tokens;
    }

    /// <summary>Splits an address line into folded tokens, keeping digits ("12a High St." → ["12a", "high", "st"]).</summary>
    public static string[] AddressTokens(string? value) => Tokens(value, keepDigits: true);

    /// <summary>Folds an identifier for comparison: trimmed, lower case, diacritics removed, inner spaces kept.</summary>
    public static string? Identifier(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var builder = new StringBuilder(value.Length);
        AppendFolded(builder, value.Trim(), keepDigits: true, keepPunctuation: true);
        return builder.Length == 0 ? null : builder.ToString();
    }

    private static string[] Tokens(string? value, bool keepDigits)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        var builder = new StringBuilder(value.Length);
        AppendFolded(builder, value, keepDigits, keepPunctuation: false);
        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// Appends the folded form of <paramref name="value"/>. Without <paramref name="keepPunctuation"/>,
    /// apostrophes vanish and any other non-letter (non-digit) becomes a single space.
    /// </summary>
    private static void AppendFolded(StringBuilder builder, string value, bool keepDigits, bool keepPunctuation)
    {
        var decomposed = value.Normalize(NormalizationForm.FormD);
        foreach (var raw in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(raw);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            var special = SpecialLetter(raw);
            if (special is not null)
            {
                builder.Append(special);
                continue;
            }

            var c = char.ToLowerInvariant(raw);
            if (char.IsLetter(c) || (keepDigits && char.IsDigit(c)))
            {
                builder.Append(c);
            }
            else if (keepPunctuation && !char.IsControl(c))
            {
                builder.Append(char.IsWhiteSpace(c) ? ' ' : c);
            }
            else if (IsApostrophe(c) || char.IsDigit(c))
            {
                // O'Neill = ONeill; D'Souza = DSouza. A digit in a name is a keying error (J0hn), not a separator.
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        while (builder.Length > 0 && builder[^1] == ' ')
        {
            builder.Length--;
        }
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '`' or '\u00b4' or '\u02bc';

    /// <summary>Letters that Unicode decomposition does not reduce to ASCII.</summary>
    private static string? SpecialLetter(char c) => c switch
    {
        'ß' or 'ẞ' => "ss",
        'æ' or 'Æ' => "ae",
        'œ' or 'Œ' => "oe",
        'ø' or 'Ø' => "o",
        'ł' or 'Ł' => "l",
        'đ' or 'Đ' or 'ð' or 'Ð' => "d",
        'þ' or 'Þ' => "th",
        'ı' => "i",
        'ħ' or 'Ħ' => "h",
        _ => null,
    };
}
