using System.Reflection;

namespace IntegrationHub.Matching.Normalisation;

/// <summary>
/// Which names are nicknames or spelling variants of each other. A reference list row "robert → bob" puts
/// both names in robert's group; two names are variants when they share a group, so rob ~ robert,
/// bob ~ robert and rob ~ bob (both robert's). Built once from the embedded reference data
/// (Data/nicknames and Data/uk-names-sdglinkage, see their SOURCE.md) and shared; thread-safe to read.
/// </summary>
public sealed class NameVariantIndex
{
    private static readonly Lazy<NameVariantIndex> DefaultIndex = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, int[]> givenGroups;
    private readonly Dictionary<string, int[]> familyGroups;

    private NameVariantIndex(Dictionary<string, int[]> givenGroups, Dictionary<string, int[]> familyGroups)
    {
        this.givenGroups = givenGroups;
        this.familyGroups = familyGroups;
    }

    /// <summary>
    /// The index over the embedded reference data: the carltonnorthern nickname list (Apache-2.0) and the
    /// ONS-derived first-name and surname variant lists from sdglinkage (MIT).
    /// </summary>
    public static NameVariantIndex Default => DefaultIndex.Value;

    /// <summary>An index that knows no variants (names then agree only by spelling and sound).</summary>
    public static NameVariantIndex Empty { get; } = new([], []);

    /// <summary>Number of given-name spellings that belong to at least one variant group.</summary>
    public int GivenNameCount => givenGroups.Count;

    /// <summary>Number of family-name spellings that belong to at least one variant group.</summary>
    public int FamilyNameCount => familyGroups.Count;

    /// <summary>
    /// Builds an index from (canonical, variant) pairs. Names are folded the way records are
    /// (lower case, no diacritics, parts joined), so "Anne-Marie" and "annemarie" are one entry.
    /// </summary>
    public static NameVariantIndex Create(
        IEnumerable<(string Canonical, string Variant)> givenNamePairs,
        IEnumerable<(string Canonical, string Variant)> familyNamePairs)
    {
        ArgumentNullException.ThrowIfNull(givenNamePairs);
        ArgumentNullException.ThrowIfNull(familyNamePairs);
        return new NameVariantIndex(BuildGroups(givenNamePairs), BuildGroups(familyNamePairs));
    }

    /// <summary>The sorted variant-group ids of a folded given name; empty if the name is in no group.</summary>
    public int[] GivenNameGroups(string foldedName) => givenGroups.GetValueOrDefault(foldedName, []);

    /// <summary>The sorted variant-group ids of a folded family name; empty if the name is in no group.</summary>
    public int[] FamilyNameGroups(string foldedName) => familyGroups.GetValueOrDefault(foldedName, []);

    /// <summary>True if two folded given names are nicknames or variants of each other.</summary>
    public bool AreGivenNameVariants(string a, string b) => ShareGroup(GivenNameGroups(a), GivenNameGroups(b));

    /// <summary>True if two folded family names are listed variants of each other.</summary>
    public bool AreFamilyNameVariants(string a, string b) => ShareGroup(FamilyNameGroups(a), FamilyNameGroups(b));

    /// <summary>True if two sorted group-id arrays have an id in common.</summary>
    public static bool ShareGroup(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                return true;
            }

            if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return false;
    }

    /// <summary>Folds a reference-list name the way record names are folded, parts joined.</summary>
    public static string? Fold(string name)
    {
        var tokens = TextFolding.NameTokens(name);
        return tokens.Length == 0 ? null : string.Concat(tokens);
    }

    private static Dictionary<string, int[]> BuildGroups(IEnumerable<(string Canonical, string Variant)> pairs)
    {
        var groupIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var membership = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        foreach (var (canonicalRaw, variantRaw) in pairs)
        {
            var canonical = Fold(canonicalRaw);
            var variant = Fold(variantRaw);
            if (canonical is null || variant is null || canonical == variant)
            {
                continue;
            }

            if (!groupIds.TryGetValue(canonical, out var id))
            {
                id = groupIds.Count;
                groupIds.Add(canonical, id);
            }

            Member(membership, canonical).Add(id);
            Member(membership, variant).Add(id);
        }

        return membership.ToDictionary(entry => entry.Key, entry => entry.Value.ToArray(), StringComparer.Ordinal);

        static SortedSet<int> Member(Dictionary<string, SortedSet<int>> membership, string name)
        {
            if (!membership.TryGetValue(name, out var set))
            {
                set = [];
                membership.Add(name, set);
            }

            return set;
        }
    }

    private static NameVariantIndex LoadEmbedded()
    {
        var given = ReadPairs("IntegrationHub.Matching.Data.nicknames.csv", canonicalColumn: 0, variantColumn: 2)
            .Concat(ReadPairs("IntegrationHub.Matching.Data.firstname_uk_variant.csv", canonicalColumn: 0, variantColumn: 1));
        var family = ReadPairs("IntegrationHub.Matching.Data.lastname_uk_variant.csv", canonicalColumn: 0, variantColumn: 1);
        return Create(given, family);
    }

    /// <summary>Reads two columns of a small embedded CSV whose values never contain commas (a header row is skipped).</summary>
    private static IEnumerable<(string, string)> ReadPairs(string resourceName, int canonicalColumn, int variantColumn)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded reference data {resourceName} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var pairs = new List<(string, string)>();
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(',');
            if (fields.Length <= Math.Max(canonicalColumn, variantColumn))
            {
                continue;
            }

            pairs.Add((fields[canonicalColumn].Trim('"'), fields[variantColumn].Trim('"')));
        }

        return pairs;
    }
}
