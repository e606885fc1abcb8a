namespace IntegrationHub.Domain.BestView;

/// <summary>
/// Assembles the best view from every fragment linked to one child, item by item (002 C1, "based on quality
/// and reliability"): the most reliable source for that item (<see cref="SourceReliability"/>), then a valid
/// value over an invalid one (a postcode that parses, an NHS number or UPN that passes its check, a school
/// with its URN), then the most recently produced, then the fragment id so the result never depends on the
/// order of the input. Names and addresses that lose are kept as alternatives.
/// </summary>
public static class Survivorship
{
    public static ChildView Assemble(IReadOnlyList<SourcedDetails> fragments, SourceReliability reliability)
    {
        ArgumentNullException.ThrowIfNull(fragments);
        ArgumentNullException.ThrowIfNull(reliability);
        var details = new ChildDetails();
        var chosenFrom = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in DataItems.All)
        {
            var winner = fragments
                .Select(f => (Fragment: f, Value: item.Read(f.Details)))
                .Where(c => c.Value is not null)
                .OrderByDescending(c => reliability.Rank(item.Name, c.Fragment.SourceId))
                .ThenByDescending(c => item.IsValid(c.Value!))
                .ThenByDescending(c => c.Fragment.ProducedAt)
                .ThenBy(c => c.Fragment.FragmentId, StringComparer.Ordinal)
                .FirstOrDefault();
            if (winner.Value is not null)
            {
                details = item.Write(details, winner.Value);
                chosenFrom[item.Name] = winner.Fragment.SourceId;
            }
        }

        return new ChildView
        {
            Details = details,
            ChosenFrom = chosenFrom,
            AlternativeNames = AlternativeNames(fragments, details),
            AlternativeAddresses = AlternativeAddresses(fragments, details),
        };
    }

    private static List<AlternativeName> AlternativeNames(IReadOnlyList<SourcedDetails> fragments, ChildDetails best)
    {
        static string Key(string? given, string? family) => DataItems.Fold(given ?? string.Empty) + "|" + DataItems.Fold(family ?? string.Empty);
        var seen = new HashSet<string>(StringComparer.Ordinal) { Key(best.GivenName, best.FamilyName) };
        var alternatives = new List<AlternativeName>();
        foreach (var f in fragments.OrderByDescending(f => f.ProducedAt).ThenBy(f => f.FragmentId, StringComparer.Ordinal))
        {
            if ((f.Details.GivenName is not null || f.Details.FamilyName is not null) && seen.Add(Key(f.Details.GivenName, f.Details.FamilyName)))
            {
                alternatives.Add(new AlternativeName(f.Details.GivenName, f.Details.FamilyName));
            }
        }

        return alternatives;
    }

    private static List<PostalAddress> AlternativeAddresses(IReadOnlyList<SourcedDetails> fragments, ChildDetails best)
    {
        var item = DataItems.All.Single(i => i.Name == DataItems.Address);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (item.NormalisedValue(best) is { } primary)
        {
            seen.Add(primary);
        }

        var alternatives = new List<PostalAddress>();
        foreach (var f in fragments.OrderByDescending(f => f.ProducedAt).ThenBy(f => f.FragmentId, StringComparer.Ordinal))
        {
            if (item.Read(f.Details) is PostalAddress address && seen.Add(item.Normalise(address)))
            {
                alternatives.Add(address);
            }
        }

        return alternatives;
    }
}
