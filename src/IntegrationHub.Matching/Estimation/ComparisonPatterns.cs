using IntegrationHub.Matching.Comparison;
using IntegrationHub.Matching.Normalisation;

namespace IntegrationHub.Matching.Estimation;

/// <summary>
/// Comparison vectors packed four bits per comparator into a 64-bit key (15 = missing), and counted:
/// millions of pairs collapse to a few thousand distinct patterns, which is what expectation
/// maximisation iterates over.
/// </summary>
internal sealed class ComparisonPatterns
{
    public const int Missing = 15;

    public Dictionary<ulong, long> Counts { get; } = [];

    public long Pairs { get; private set; }

    /// <summary>Share of the blocked pairs that were compared (1 unless the pass was sampled).</summary>
    public double SampledFraction { get; set; } = 1.0;

    public static ulong Compare(Comparator[] comparators, bool[]? active, NormalisedPerson left, NormalisedPerson right)
    {
        var context = NameOrientation.ContextFor(left, right);
        ulong key = 0;
        for (var i = 0; i < comparators.Length; i++)
        {
            var level = active is null || active[i] ? comparators[i].Compare(left, right, context) : Comparator.Null;
            key |= (ulong)(level == Comparator.Null ? Missing : level) << (4 * i);
        }

        return key;
    }

    public static int Level(ulong key, int comparator) => (int)((key >> (4 * comparator)) & 0xF);

    public void Add(ulong key, long count = 1)
    {
        Counts[key] = Counts.GetValueOrDefault(key) + count;
        Pairs += count;
    }

    public void Merge(ComparisonPatterns other)
    {
        foreach (var (key, count) in other.Counts)
        {
            Add(key, count);
        }
    }
}
