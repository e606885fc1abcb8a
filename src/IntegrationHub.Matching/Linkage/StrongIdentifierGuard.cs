using IntegrationHub.Matching.Normalisation;

namespace IntegrationHub.Matching.Linkage;

/// <summary>
/// Keeps clustering from joining, through other records, two records with different valid NHS numbers (or
/// UPNs): A links to B and B to C must not put A and C in one cluster when A and C hold different numbers. Tracks
/// the valid NHS numbers and UPNs each cluster holds; two clusters may be joined only when, for each identifier,
/// one of them holds none or they hold one in common. Used with a <see cref="UnionFind"/> whose unions all go
/// through <see cref="TryUnion"/>; links are offered strongest first, so the stronger link wins a conflict.
/// </summary>
public sealed class StrongIdentifierGuard
{
    private readonly UnionFind clusters;
    // A cluster's identifiers: null, one string, or a HashSet<string> when it holds several (a set per record cost about
    // half a gigabyte at a million records; nearly every cluster holds one NHS number or UPN).
    private readonly Dictionary<int, (object? Nhs, object? Upn)> held = [];

    /// <summary>Creates the guard over <paramref name="clusters"/>, element i being <paramref name="personAt"/>(i).</summary>
    public StrongIdentifierGuard(UnionFind clusters, Func<int, NormalisedPerson> personAt)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(personAt);
        this.clusters = clusters;
        for (var i = 0; i < clusters.Count; i++)
        {
            var person = personAt(i);
            if (person.NhsNumber is null && person.Upn is null)
            {
                continue;
            }

            var root = clusters.Find(i);
            var (nhs, upn) = held.GetValueOrDefault(root);
            held[root] = (Add(nhs, person.NhsNumber), Add(upn, person.Upn));
        }
    }

    /// <summary>Number of unions refused because the clusters held different valid NHS numbers or UPNs.</summary>
    public int Refused { get; private set; }

    /// <summary>True if the clusters of <paramref name="a"/> and <paramref name="b"/> hold conflicting valid NHS numbers or UPNs.</summary>
    public bool Conflict(int a, int b)
    {
        var (rootA, rootB) = (clusters.Find(a), clusters.Find(b));
        if (rootA == rootB || !held.TryGetValue(rootA, out var x) || !held.TryGetValue(rootB, out var y))
        {
            return false;
        }

        return Disjoint(x.Nhs, y.Nhs) || Disjoint(x.Upn, y.Upn);
    }

    /// <summary>Joins the clusters of <paramref name="a"/> and <paramref name="b"/> unless they conflict; true if joined now.</summary>
    public bool TryUnion(int a, int b)
    {
        var (rootA, rootB) = (clusters.Find(a), clusters.Find(b));
        if (rootA == rootB)
        {
            return false;
        }

        if (Conflict(rootA, rootB))
        {
            Refused++;
            return false;
        }

        var hasA = held.Remove(rootA, out var x);
        var hasB = held.Remove(rootB, out var y);
        clusters.Union(rootA, rootB);
        if (hasA || hasB)
        {
            held[clusters.Find(rootA)] = (Merge(x.Nhs, y.Nhs), Merge(x.Upn, y.Upn));
        }

        return true;
    }

    private static object? Add(object? identifiers, string? value) => value is null ? identifiers : Merge(identifiers, value);

    private static object? Merge(object? x, object? y)
    {
        if (x is null || y is null)
        {
            return x ?? y;
        }

        switch (x, y)
        {
            case (string a, string b):
                return string.Equals(a, b, StringComparison.Ordinal) ? a : new HashSet<string>(StringComparer.Ordinal) { a, b };
            case (HashSet<string> set, string b):
                set.Add(b);
                return set;
            case (string a, HashSet<string> set):
                set.Add(a);
                return set;
            default:
                var (first, second) = ((HashSet<string>)x, (HashSet<string>)y);
                var (large, small) = first.Count >= second.Count ? (first, second) : (second, first);
                large.UnionWith(small);
                return large;
        }
    }

    private static bool Disjoint(object? x, object? y) => (x, y) switch
    {
        (null, _) or (_, null) => false,
        (string a, string b) => !string.Equals(a, b, StringComparison.Ordinal),
        (HashSet<string> set, string b) => !set.Contains(b),
        (string a, HashSet<string> set) => !set.Contains(a),
        _ => !((HashSet<string>)x).Overlaps((HashSet<string>)y),
    };
}
