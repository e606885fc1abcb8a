using IntegrationHub.Matching.Comparison;
using IntegrationHub.Matching.Normalisation;

namespace IntegrationHub.Matching.Scoring;

/// <summary>
/// How often each value occurs, for the comparators that adjust exact agreement by it. Built from the
/// records being matched (a batch, or the store behind a <see cref="Linkage.MatchIndex"/>), never from
/// labels. Not thread-safe while being added to.
/// </summary>
public sealed class TermFrequencies
{
    private readonly Dictionary<string, int>?[] counts;
    private readonly long[] totals;
    private readonly ComparatorSet comparators;

    /// <summary>An empty table for a comparator set.</summary>
    public TermFrequencies(ComparatorSet comparators)
    {
        this.comparators = comparators ?? throw new ArgumentNullException(nameof(comparators));
        counts = new Dictionary<string, int>?[comparators.Count];
        totals = new long[comparators.Count];
        for (var i = 0; i < comparators.Count; i++)
        {
            if (comparators.Items[i].UsesTermFrequencies)
            {
                counts[i] = new Dictionary<string, int>(StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Counts the values of many records.</summary>
    public static TermFrequencies Build(ComparatorSet comparators, IEnumerable<NormalisedPerson> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        var table = new TermFrequencies(comparators);
        foreach (var person in people)
        {
            table.Add(person);
        }

        return table;
    }

    /// <summary>Counts one record's values.</summary>
    public void Add(NormalisedPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] is { } table && comparators.Items[i].TermFrequencyValue(person) is { } value)
            {
                table[value] = table.GetValueOrDefault(value) + 1;
                totals[i]++;
            }
        }
    }

    /// <summary>
    /// The share of records (holding any value) that hold <paramref name="value"/>, or null if the
    /// comparator does not use term frequencies or no records were counted. A value never seen counts
    /// as seen once, so the share is never zero.
    /// </summary>
    public double? Frequency(int comparatorIndex, string value)
    {
        if (counts[comparatorIndex] is not { } table || totals[comparatorIndex] == 0)
        {
            return null;
        }

        return Math.Max(1, table.GetValueOrDefault(value)) / (double)totals[comparatorIndex];
    }
}
