namespace IntegrationHub.Matching.Text;

/// <summary>
/// Jaro and Jaro-Winkler string similarity (Winkler 1990): 1.0 for identical strings, 0.0 for strings
/// with no characters in common. Written by hand so the hot comparison path allocates nothing: the
/// match flags live on the stack for the short strings names are made of.
/// </summary>
public static class JaroWinkler
{
    /// <summary>Winkler's prefix scale: each agreeing leading character (up to four) closes 10% of the remaining gap.</summary>
    public const double PrefixScale = 0.1;

    /// <summary>Winkler's boost threshold: the prefix bonus is only given to pairs already this similar.</summary>
    public const double BoostThreshold = 0.7;

    private const int MaxPrefix = 4;
    private const int StackLimit = 256;

    /// <summary>Jaro-Winkler similarity of two strings, compared ordinally (callers normalise case first).</summary>
    public static double Similarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var jaro = Jaro(a, b);
        if (jaro <= BoostThreshold)
        {
            return jaro;
        }

        var prefixLimit = Math.Min(MaxPrefix, Math.Min(a.Length, b.Length));
        var prefix = 0;
        while (prefix < prefixLimit && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * PrefixScale * (1.0 - jaro));
    }

    /// <summary>
    /// A cheap test that two strings cannot reach Jaro-Winkler <paramref name="threshold"/>, from their letters
    /// sorted alphabetically: Jaro counts at most as many matching characters as the strings share, and the
    /// prefix bonus adds at most 0.4 of the remaining gap. False means "skip the full computation".
    /// </summary>
    public static bool CouldReach(ReadOnlySpan<char> sortedA, ReadOnlySpan<char> sortedB, double threshold)
    {
        if (sortedA.Length == 0 || sortedB.Length == 0)
        {
            return false;
        }

        int shared = 0, i = 0, j = 0;
        while (i < sortedA.Length && j < sortedB.Length)
        {
            var difference = sortedA[i].CompareTo(sortedB[j]);
            if (difference == 0)
            {
                shared++;
                i++;
                j++;
            }
            else if (difference < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        var jaroBound = ((shared / (double)sortedA.Length) + (shared / (double)sortedB.Length) + 1.0) / 3.0;
        var maximumBoost = MaxPrefix * PrefixScale;
        return jaroBound + (maximumBoost * (1.0 - jaroBound)) >= threshold;
    }

    /// <summary>Jaro similarity: matching characters within a window, penalised for transpositions.</summary>
    public static double Jaro(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 1.0;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return 0.0;
        }

        if (a.SequenceEqual(b))
        {
            return 1.0;
        }

        var window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        Span<bool> aMatched = a.Length <= StackLimit ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> bMatched = b.Length <= StackLimit ? stackalloc bool[b.Length] : new bool[b.Length];

        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - window);
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = from; j <= to; j++)
            {
                if (!bMatched[j] && a[i] == b[j])
                {
                    aMatched[i] = true;
                    bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0.0;
        }

        var halfTranspositions = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
            {
                continue;
            }

            while (!bMatched[k])
            {
                k++;
            }

            if (a[i] != b[k])
            {
                halfTranspositions++;
            }

            k++;
        }

        double m = matches;
        return ((m / a.Length) + (m / b.Length) + ((m - (halfTranspositions / 2)) / m)) / 3.0;
    }
}
