namespace IntegrationHub.Domain.BestView;

/// <summary>
/// How far a source is trusted for a data item, e.g. the date of birth from the registration source over a
/// local CMS. A rule names a data item (or "*") and a source pattern (exact id, or a prefix ending in "*",
/// or "*"); a source's rank for an item is the highest rank of the rules that apply, 0 when none does.
/// </summary>
public sealed record ReliabilityRule(string Item, string Source, int Rank);

/// <summary>The reliability table; plain data, bound from configuration by the pipeline.</summary>
public sealed class SourceReliability(IEnumerable<ReliabilityRule> rules)
{
    private readonly ReliabilityRule[] rules = [.. rules];

    public static SourceReliability None { get; } = new([]);

    public int Rank(string item, string sourceId)
    {
        var rank = 0;
        foreach (var rule in rules)
        {
            if ((rule.Item == "*" || string.Equals(rule.Item, item, StringComparison.Ordinal)) && Matches(rule.Source, sourceId))
            {
                rank = Math.Max(rank, rule.Rank);
            }
        }

        return rank;
    }

    private static bool Matches(string pattern, string sourceId) =>
        pattern.EndsWith('*')
            ? sourceId.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(pattern, sourceId, StringComparison.Ordinal);
}
