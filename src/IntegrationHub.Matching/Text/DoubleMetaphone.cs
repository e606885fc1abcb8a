using System.Text;

namespace IntegrationHub.Matching.Text;

/// <summary>The two codes Double Metaphone gives a word: the primary pronunciation and an alternate one.</summary>
/// <param name="Primary">The most likely English pronunciation, e.g. "XMT" for Schmidt.</param>
/// <param name="Alternate">An alternate (often non-English) pronunciation; equal to Primary when there is none.</param>
public readonly record struct PhoneticCode(string Primary, string Alternate)
{
    /// <summary>The code of an empty word.</summary>
    public static PhoneticCode Empty { get; } = new(string.Empty, string.Empty);

    /// <summary>True when the word produced no code (no letters A-Z).</summary>
    public bool IsEmpty => Primary.Length == 0;

    /// <summary>True when any code of one word equals any code of the other (the usual Double Metaphone match).</summary>
    public bool Matches(PhoneticCode other) =>
        !IsEmpty && !other.IsEmpty &&
        (string.Equals(Primary, other.Primary, StringComparison.Ordinal) ||
         string.Equals(Primary, other.Alternate, StringComparison.Ordinal) ||
         string.Equals(Alternate, other.Primary, StringComparison.Ordinal) ||
         string.Equals(Alternate, other.Alternate, StringComparison.Ordinal));
}

/// <summary>
/// Lawrence Philips' Double Metaphone phonetic code (C/C++ Users Journal, June 2000), written from
/// the published rules. Chosen over Soundex and NYSIIS because it handles the Slavic, Germanic,
/// Romance, Greek and Asian spellings found in English registers and gives an alternate code for
/// ambiguous ones. Input is expected to be ASCII letters (callers fold diacritics first); other
/// characters are skipped. Codes are four characters long by default, as in the original.
/// </summary>
public static class DoubleMetaphone
{
    /// <summary>The code length of the original algorithm.</summary>
    public const int DefaultMaxLength = 4;

    /// <summary>Encodes one word (or several separated by spaces, encoded as one run).</summary>
    public static PhoneticCode Encode(string? word, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrWhiteSpace(word))
        {
            return PhoneticCode.Empty;
        }

        var value = word.Trim().ToUpperInvariant();
        var encoder = new Encoder(value, maxLength);
        return encoder.Run();
    }

    private sealed class Encoder(string value, int maxLength)
    {
        private readonly StringBuilder primary = new(maxLength);
        private readonly StringBuilder alternate = new(maxLength);
        private readonly bool slavoGermanic =
            value.Contains('W', StringComparison.Ordinal) || value.Contains('K', StringComparison.Ordinal) ||
            value.Contains("CZ", StringComparison.Ordinal) || value.Contains("WITZ", StringComparison.Ordinal);

        private int Last => value.Length - 1;

        public PhoneticCode Run()
        {
            var index = 0;
            if (StartsWithAny(0, 2, "GN", "KN", "PN", "WR", "PS"))
            {
                index = 1;
            }

            if (At(0) == 'X')
            {
                // Initial X is pronounced Z (Xavier): encode as S.
                Add("S");
                index = 1;
            }

            while (!IsComplete && index <= Last)
            {
                index = At(index) switch
                {
                    'A' or 'E' or 'I' or 'O' or 'U' or 'Y' => Vowel(index),
                    'B' => Simple(index, "P", 'B'),
                    'C' => C(index),
                    'D' => D(index),
                    'F' => Simple(index, "F", 'F'),
                    'G' => G(index),
                    'H' => H(index),
                    'J' => J(index),
                    'K' => Simple(index, "K", 'K'),
                    'L' => L(index),
                    'M' => M(index),
                    'N' => Simple(index, "N", 'N'),
                    'P' => P(index),
                    'Q' => Simple(index, "K", 'Q'),
                    'R' => R(index),
                    'S' => S(index),
                    'T' => T(index),
                    'V' => Simple(index, "F", 'V'),
                    'W' => W(index),
                    'X' => X(index),
                    'Z' => Z(index),
                    _ => index + 1,
                };
            }

            var p = primary.ToString();
            var a = alternate.ToString();
            return new PhoneticCode(p, a.Length == 0 ? p : a);
        }

        private bool IsComplete => primary.Length >= maxLength && alternate.Length >= maxLength;

        private char At(int index) => index >= 0 && index < value.Length ? value[index] : '\0';

        private static bool IsVowel(char c) => c is 'A' or 'E' or 'I' or 'O' or 'U' or 'Y';

        /// <summary>True if the substring of <paramref name="length"/> at <paramref name="start"/> equals any candidate.</summary>
        private bool StartsWithAny(int start, int length, params ReadOnlySpan<string> candidates)
        {
            if (start < 0 || start + length > value.Length)
            {
                return false;
            }

            var slice = value.AsSpan(start, length);
            foreach (var candidate in candidates)
            {
                if (slice.SequenceEqual(candidate))
                {
                    return true;
                }
            }

            return false;
        }

        private void Add(string both) => Add(both, both);

        private void Add(string main, string alt)
        {
            Append(primary, main);
            Append(alternate, alt);
        }

        private void AddPrimaryOnly(string main) => Append(primary, main);

        private void AddAlternateOnly(string alt) => Append(alternate, alt);

        private void Append(StringBuilder target, string text)
        {
            var room = maxLength - target.Length;
            if (room <= 0)
            {
                return;
            }

            target.Append(text.Length <= room ? text : text[..room]);
        }

        private int Simple(int index, string code, char doubled)
        {
            Add(code);
            return At(index + 1) == doubled ? index + 2 : index + 1;
        }

        private int Vowel(int index)
        {
            // Only an initial vowel is coded, always as A.
            if (index == 0)
            {
                Add("A");
            }

            return index + 1;
        }

        private int C(int index)
        {
            if (IsGermanicAch(index))
            {
                Add("K");
                return index + 2;
            }

            if (index == 0 && StartsWithAny(index, 6, "CAESAR"))
            {
                Add("S");
                return index + 2;
            }

            if (StartsWithAny(index, 2, "CH"))
            {
                return Ch(index);
            }

            if (StartsWithAny(index, 2, "CZ") && !StartsWithAny(index - 2, 4, "WICZ"))
            {
                // Czerny
                Add("S", "X");
                return index + 2;
            }

            if (StartsWithAny(index + 1, 3, "CIA"))
            {
                // Focaccia
                Add("X");
                return index + 3;
            }

            if (StartsWithAny(index, 2, "CC") && !(index == 1 && At(0) == 'M'))
            {
                return Cc(index);
            }

            if (StartsWithAny(index, 2, "CK", "CG", "CQ"))
            {
                Add("K");
                return index + 2;
            }

            if (StartsWithAny(index, 2, "CI", "CE", "CY"))
            {
                if (StartsWithAny(index, 3, "CIO", "CIE", "CIA"))
                {
                    Add("S", "X");
                }
                else
                {
                    Add("S");
                }

                return index + 2;
            }

            Add("K");
            if (StartsWithAny(index + 1, 2, " C", " Q", " G"))
            {
                // Mac Caffrey, Mac Gregor
                return index + 3;
            }

            if (StartsWithAny(index + 1, 1, "C", "K", "Q") && !StartsWithAny(index + 1, 2, "CE", "CI"))
            {
                return index + 2;
            }

            return index + 1;
        }

        private bool IsGermanicAch(int index)
        {
            if (StartsWithAny(index, 4, "CHIA"))
            {
                return true;
            }

            if (index <= 1 || IsVowel(At(index - 2)) || !StartsWithAny(index - 1, 3, "ACH"))
            {
                return false;
            }

            var next = At(index + 2);
            return (next != 'I' && next != 'E') || StartsWithAny(index - 2, 6, "BACHER", "MACHER");
        }

        private int Cc(int index)
        {
            if (StartsWithAny(index + 2, 1, "I", "E", "H") && !StartsWithAny(index + 2, 2, "HU"))
            {
                if ((index == 1 && At(index - 1) == 'A') || StartsWithAny(index - 1, 5, "UCCEE", "UCCES"))
                {
                    // Accident, accede, succeed
                    Add("KS");
                }
                else
                {
                    // Bacci, Bertucci
                    Add("X");
                }

                return index + 3;
            }

            // Pierce's rule
            Add("K");
            return index + 2;
        }

        private int Ch(int index)
        {
            if (index > 0 && StartsWithAny(index, 4, "CHAE"))
            {
                // Michael
                Add("K", "X");
                return index + 2;
            }

            if (IsGreekInitialCh(index) || IsGermanicOrGreekCh(index))
            {
                Add("K");
                return index + 2;
            }

            if (index > 0)
            {
                if (StartsWithAny(0, 2, "MC"))
                {
                    // McHugh
                    Add("K");
                }
                else
                {
                    Add("X", "K");
                }
            }
            else
            {
                Add("X");
            }

            return index + 2;
        }

        private bool IsGreekInitialCh(int index)
        {
            if (index != 0)
            {
                return false;
            }

            if (!StartsWithAny(index + 1, 5, "HARAC", "HARIS") && !StartsWithAny(index + 1, 3, "HOR", "HYM", "HIA", "HEM"))
            {
                return false;
            }

            return !StartsWithAny(0, 5, "CHORE");
        }

        private bool IsGermanicOrGreekCh(int index) =>
            StartsWithAny(0, 4, "VAN ", "VON ") || StartsWithAny(0, 3, "SCH") ||
            StartsWithAny(index - 2, 6, "ORCHES", "ARCHIT", "ORCHID") ||
            StartsWithAny(index + 2, 1, "T", "S") ||
            ((StartsWithAny(index - 1, 1, "A", "O", "U", "E") || index == 0) &&
             (StartsWithAny(index + 2, 1, "L", "R", "N", "M", "B", "H", "F", "V", "W", " ") || index + 1 == Last));

        private int D(int index)
        {
            if (StartsWithAny(index, 2, "DG"))
            {
                if (StartsWithAny(index + 2, 1, "I", "E", "Y"))
                {
                    // Edge
                    Add("J");
                    return index + 3;
                }

                // Edgar
                Add("TK");
                return index + 2;
            }

            if (StartsWithAny(index, 2, "DT", "DD"))
            {
                Add("T");
                return index + 2;
            }

            Add("T");
            return index + 1;
        }

        private int G(int index)
        {
            if (At(index + 1) == 'H')
            {
                return Gh(index);
            }

            if (At(index + 1) == 'N')
            {
                if (index == 1 && IsVowel(At(0)) && !slavoGermanic)
                {
                    Add("KN", "N");
                }
                else if (!StartsWithAny(index + 2, 2, "EY") && At(index + 1) != 'Y' && !slavoGermanic)
                {
                    Add("N", "KN");
                }
                else
                {
                    Add("KN");
                }

                return index + 2;
            }

            if (StartsWithAny(index + 1, 2, "LI") && !slavoGermanic)
            {
                // Tagliaro
                Add("KL", "L");
                return index + 2;
            }

            if (index == 0 && (At(index + 1) == 'Y' ||
                StartsWithAny(index + 1, 2, "ES", "EP", "EB", "EL", "EY", "IB", "IL", "IN", "IE", "EI", "ER")))
            {
                Add("K", "J");
                return index + 2;
            }

            if ((StartsWithAny(index + 1, 2, "ER") || At(index + 1) == 'Y') &&
                !StartsWithAny(0, 6, "DANGER", "RANGER", "MANGER") &&
                !StartsWithAny(index - 1, 1, "E", "I") &&
                !StartsWithAny(index - 1, 3, "RGY", "OGY"))
            {
                Add("K", "J");
                return index + 2;
            }

            if (StartsWithAny(index + 1, 1, "E", "I", "Y") || StartsWithAny(index - 1, 4, "AGGI", "OGGI"))
            {
                if (StartsWithAny(0, 4, "VAN ", "VON ") || StartsWithAny(0, 3, "SCH") || StartsWithAny(index + 1, 2, "ET"))
                {
                    Add("K");
                }
                else if (StartsWithAny(index + 1, 3, "IER"))
                {
                    Add("J");
                }
                else
                {
                    Add("J", "K");
                }

                return index + 2;
            }

            Add("K");
            return At(index + 1) == 'G' ? index + 2 : index + 1;
        }

        private int Gh(int index)
        {
            if (index > 0 && !IsVowel(At(index - 1)))
            {
                Add("K");
                return index + 2;
            }

            if (index == 0)
            {
                // Ghislane, Ghiradelli
                Add(At(index + 2) == 'I' ? "J" : "K");
                return index + 2;
            }

            if ((index > 1 && StartsWithAny(index - 2, 1, "B", "H", "D")) ||
                (index > 2 && StartsWithAny(index - 3, 1, "B", "H", "D")) ||
                (index > 3 && StartsWithAny(index - 4, 1, "B", "H")))
            {
                // Hugh, bough, broughton: silent
                return index + 2;
            }

            if (index > 2 && At(index - 1) == 'U' && StartsWithAny(index - 3, 1, "C", "G", "L", "R", "T"))
            {
                // Laugh, McLaughlin, cough, rough, tough
                Add("F");
            }
            else if (index > 0 && At(index - 1) != 'I')
            {
                Add("K");
            }

            return index + 2;
        }

        private int H(int index)
        {
            // Only keep H between vowels or at the start before a vowel.
            if ((index == 0 || IsVowel(At(index - 1))) && IsVowel(At(index + 1)))
            {
                Add("H");
                return index + 2;
            }

            return index + 1;
        }

        private int J(int index)
        {
            if (StartsWithAny(index, 4, "JOSE") || StartsWithAny(0, 4, "SAN "))
            {
                if ((index == 0 && At(index + 4) == ' ') || value.Length == 4 || StartsWithAny(0, 4, "SAN "))
                {
                    Add("H");
                }
                else
                {
                    Add("J", "H");
                }

                return index + 1;
            }

            if (index == 0 && !StartsWithAny(index, 4, "JOSE"))
            {
                // Yankelovich / Jankelowicz
                Add("J", "A");
            }
            else if (IsVowel(At(index - 1)) && !slavoGermanic && (At(index + 1) == 'A' || At(index + 1) == 'O'))
            {
                // Spanish pronunciation of e.g. Bajador
                Add("J", "H");
            }
            else if (index == Last)
            {
                Add("J", string.Empty);
            }
            else if (!StartsWithAny(index + 1, 1, "L", "T", "K", "S", "N", "M", "B", "Z") &&
                     !StartsWithAny(index - 1, 1, "S", "K", "L"))
            {
                Add("J");
            }

            return At(index + 1) == 'J' ? index + 2 : index + 1;
        }

        private int L(int index)
        {
            if (At(index + 1) == 'L')
            {
                if (IsSpanishLl(index))
                {
                    // Cabrillo, Gallegos
                    AddPrimaryOnly("L");
                }
                else
                {
                    Add("L");
                }

                return index + 2;
            }

            Add("L");
            return index + 1;
        }

        private bool IsSpanishLl(int index)
        {
            if (index == value.Length - 3 && StartsWithAny(index - 1, 4, "ILLO", "ILLA", "ALLE"))
            {
                return true;
            }

            return (StartsWithAny(value.Length - 2, 2, "AS", "OS") || StartsWithAny(value.Length - 1, 1, "A", "O")) &&
                   StartsWithAny(index - 1, 4, "ALLE");
        }

        private int M(int index)
        {
            Add("M");
            var skipNext = At(index + 1) == 'M' ||
                           (StartsWithAny(index - 1, 3, "UMB") && (index + 1 == Last || StartsWithAny(index + 2, 2, "ER")));
            return skipNext ? index + 2 : index + 1;
        }

        private int P(int index)
        {
            if (At(index + 1) == 'H')
            {
                Add("F");
                return index + 2;
            }

            Add("P");
            return StartsWithAny(index + 1, 1, "P", "B") ? index + 2 : index + 1;
        }

        private int R(int index)
        {
            // French final -IER (Rogier): R sounded only in the alternate.
            if (index == Last && !slavoGermanic && StartsWithAny(index - 2, 2, "IE") && !StartsWithAny(index - 4, 2, "ME", "MA"))
            {
                AddAlternateOnly("R");
            }
            else
            {
                Add("R");
            }

            return At(index + 1) == 'R' ? index + 2 : index + 1;
        }

        private int S(int index)
        {
            if (StartsWithAny(index - 1, 3, "ISL", "YSL"))
            {
                // Island, Carlisle: silent
                return index + 1;
            }

            if (index == 0 && StartsWithAny(index, 5, "SUGAR"))
            {
                Add("X", "S");
                return index + 1;
            }

            if (StartsWithAny(index, 2, "SH"))
            {
                Add(StartsWithAny(index + 1, 4, "HEIM", "HOEK", "HOLM", "HOLZ") ? "S" : "X");
                return index + 2;
            }

            if (StartsWithAny(index, 3, "SIO", "SIA") || StartsWithAny(index, 4, "SIAN"))
            {
                if (slavoGermanic)
                {
                    Add("S");
                }
                else
                {
                    Add("S", "X");
                }

                return index + 3;
            }

            if ((index == 0 && StartsWithAny(index + 1, 1, "M", "N", "L", "W")) || StartsWithAny(index + 1, 1, "Z"))
            {
                // Schmidt/Smith, Snider/Schneider
                Add("S", "X");
                return StartsWithAny(index + 1, 1, "Z") ? index + 2 : index + 1;
            }

            if (StartsWithAny(index, 2, "SC"))
            {
                return Sc(index);
            }

            if (index == Last && StartsWithAny(index - 2, 2, "AI", "OI"))
            {
                // French: Resnais, Artois
                AddAlternateOnly("S");
            }
            else
            {
                Add("S");
            }

            return StartsWithAny(index + 1, 1, "S", "Z") ? index + 2 : index + 1;
        }

        private int Sc(int index)
        {
            if (At(index + 2) == 'H')
            {
                if (StartsWithAny(index + 3, 2, "OO", "ER", "EN", "UY", "ED", "EM"))
                {
                    // Dutch origin: Schooner, Schermerhorn
                    if (StartsWithAny(index + 3, 2, "ER", "EN"))
                    {
                        Add("X", "SK");
                    }
                    else
                    {
                        Add("SK");
                    }
                }
                else if (index == 0 && !IsVowel(At(3)) && At(3) != 'W')
                {
                    Add("X", "S");
                }
                else
                {
                    Add("X");
                }
            }
            else if (StartsWithAny(index + 2, 1, "I", "E", "Y"))
            {
                Add("S");
            }
            else
            {
                Add("SK");
            }

            return index + 3;
        }

        private int T(int index)
        {
            if (StartsWithAny(index, 4, "TION") || StartsWithAny(index, 3, "TIA", "TCH"))
            {
                Add("X");
                return index + 3;
            }

            if (StartsWithAny(index, 2, "TH") || StartsWithAny(index, 3, "TTH"))
            {
                if (StartsWithAny(index + 2, 2, "OM", "AM") || StartsWithAny(0, 4, "VAN ", "VON ") || StartsWithAny(0, 3, "SCH"))
                {
                    // Thomas, Thames
                    Add("T");
                }
                else
                {
                    // "0" stands for the th sound.
                    Add("0", "T");
                }

                return index + 2;
            }

            Add("T");
            return StartsWithAny(index + 1, 1, "T", "D") ? index + 2 : index + 1;
        }

        private int W(int index)
        {
            if (StartsWithAny(index, 2, "WR"))
            {
                Add("R");
                return index + 2;
            }

            if (index == 0 && (IsVowel(At(index + 1)) || StartsWithAny(index, 2, "WH")))
            {
                // Wasserman/Vasserman; Uomo/Womo
                if (IsVowel(At(index + 1)))
                {
                    Add("A", "F");
                }
                else
                {
                    Add("A");
                }

                return index + 1;
            }

            if ((index == Last && IsVowel(At(index - 1))) ||
                StartsWithAny(index - 1, 5, "EWSKI", "EWSKY", "OWSKI", "OWSKY") ||
                StartsWithAny(0, 3, "SCH"))
            {
                // Polish: Filipowicz
                AddAlternateOnly("F");
                return index + 1;
            }

            if (StartsWithAny(index, 4, "WICZ", "WITZ"))
            {
                Add("TS", "FX");
                return index + 4;
            }

            return index + 1;
        }

        private int X(int index)
        {
            if (index == 0)
            {
                Add("S");
                return index + 1;
            }

            // French final -AUX, -OUX is silent (Breaux).
            if (!(index == Last && (StartsWithAny(index - 3, 3, "IAU", "EAU") || StartsWithAny(index - 2, 2, "AU", "OU"))))
            {
                Add("KS");
            }

            return StartsWithAny(index + 1, 1, "C", "X") ? index + 2 : index + 1;
        }

        private int Z(int index)
        {
            if (At(index + 1) == 'H')
            {
                // Chinese pinyin: Zhao
                Add("J");
                return index + 2;
            }

            if (StartsWithAny(index + 1, 2, "ZO", "ZI", "ZA") || (slavoGermanic && index > 0 && At(index - 1) != 'T'))
            {
                Add("S", "TS");
            }
            else
            {
                Add("S");
            }

            return At(index + 1) == 'Z' ? index + 2 : index + 1;
        }
    }
}
