namespace IntegrationHub.Matching.Text;

/// <summary>
/// Optimal string alignment distance (Levenshtein plus adjacent transposition), the edit count behind
/// "one typo" in dates and "near" in identifiers such as e-mail addresses.
/// </summary>
public static class EditDistance
{
    private const int StackLimit = 128;

    /// <summary>
    /// Edit distance between <paramref name="a"/> and <paramref name="b"/>, where an insertion, deletion,
    /// substitution or swap of two adjacent characters each cost one. Stops early and returns
    /// <paramref name="limit"/> + 1 as soon as the distance is known to exceed <paramref name="limit"/>.
    /// </summary>
    public static int OptimalStringAlignment(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit = int.MaxValue - 1)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        if (a.Length == 0)
        {
            return b.Length;
        }

        if (b.Length == 0)
        {
            return a.Length;
        }

        var width = b.Length + 1;
        // Three rolling rows: two back (for transpositions), previous and current.
        Span<int> buffer = 3 * width <= StackLimit ? stackalloc int[3 * width] : new int[3 * width];
        var twoBack = buffer[..width];
        var previous = buffer.Slice(width, width);
        var current = buffer.Slice(2 * width, width);
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, twoBack[j - 2] + 1);
                }

                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (rowMinimum > limit)
            {
                return limit + 1;
            }

            // Rotate the rows without copying.
            var recycled = twoBack;
            twoBack = previous;
            previous = current;
            current = recycled;
        }

        return previous[b.Length];
    }
}
