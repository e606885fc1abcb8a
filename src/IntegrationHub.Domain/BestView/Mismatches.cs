namespace IntegrationHub.Domain.BestView;

/// <summary>
/// Which of a source's data items disagree with the best view (002 3.1, C14). Items are compared after
/// normalisation (case, spacing and punctuation ignored); an item missing on either side never disagrees.
/// The answer is item names only: a source is never told the best view's values.
/// </summary>
public static class Mismatches
{
    public static IReadOnlyList<string> Between(ChildDetails fragment, ChildDetails bestView)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        ArgumentNullException.ThrowIfNull(bestView);
        var items = new List<string>();
        foreach (var item in DataItems.All)
        {
            if (item.NormalisedValue(fragment) is { } mine && item.NormalisedValue(bestView) is { } best && !string.Equals(mine, best, StringComparison.Ordinal))
            {
                items.Add(item.Name);
            }
        }

        return items;
    }

    /// <summary>
    /// Which disagreeing items to notify now, given what was notified before (item → <see cref="Fingerprint"/> of
    /// the source's normalised value at the time; the hub keeps no second copy of the value itself): an item is told once while the source's value stays the same, and told again when
    /// the source changes it and it still disagrees. Returns the items to notify and the state to keep
    /// (only items that still disagree; one that agrees again is forgotten, so a later disagreement is news).
    /// </summary>
    public static (IReadOnlyList<string> Notify, IReadOnlyDictionary<string, string> State) ToNotify(
        ChildDetails fragment, ChildDetails bestView, IReadOnlyDictionary<string, string> notifiedBefore)
    {
        ArgumentNullException.ThrowIfNull(notifiedBefore);
        var notify = new List<string>();
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Between(fragment, bestView))
        {
            var value = Fingerprint(DataItems.All.Single(i => i.Name == name).NormalisedValue(fragment)!);
            state[name] = value;
            if (!notifiedBefore.TryGetValue(name, out var before) || !string.Equals(before, value, StringComparison.Ordinal))
            {
                notify.Add(name);
            }
        }

        return (notify, state);
    }

    /// <summary>A short SHA-256 fingerprint of a normalised value: enough to tell a change, not to read the value.</summary>
    public static string Fingerprint(string normalisedValue) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(normalisedValue)))[..16];
}
