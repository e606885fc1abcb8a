using IntegrationHub.Matching.Comparison;
using IntegrationHub.Matching.Normalisation;

namespace IntegrationHub.Matching.Blocking;

/// <summary>Writes a record's blocking keys for one pass (zero, one or several; duplicates are ignored).</summary>
/// <param name="person">The record.</param>
/// <param name="keys">Where to add the keys; build them with <see cref="BlockingKey"/>.</param>
public delegate void BlockingKeyWriter(NormalisedPerson person, ICollection<ulong> keys);

/// <summary>
/// One blocking pass: records sharing a key are compared. Several passes on different fields run
/// together so that no single wrong or missing field hides a true match; a pair found by more than
/// one pass is compared once.
/// </summary>
public sealed class BlockingPass
{
    private readonly BlockingKeyWriter writer;

    /// <summary>Creates a pass.</summary>
    /// <param name="name">Shown in reports.</param>
    /// <param name="fields">The fields the key is built from (a training pass on these fields cannot estimate their comparators).</param>
    /// <param name="writer">Produces the keys.</param>
    /// <param name="maxBlockSize">
    /// This pass's own block size limit, below the engine-wide one; null to use the engine's. A pass on a
    /// weak key (date of birth alone) uses it to compare only blocks small enough to be informative.
    /// </param>
    /// <param name="exactComparator">
    /// The comparator whose level 0 (exact agreement) holds for exactly the pairs this pass blocks together, if
    /// any (same date of birth: "date_of_birth"). A training pass that has one tells the estimator what share of
    /// all matches it sees, which gives the prior match probability.
    /// </param>
    public BlockingPass(string name, PersonFields fields, BlockingKeyWriter writer, int? maxBlockSize = null, string? exactComparator = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (maxBlockSize is < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBlockSize), "A block needs at least two records.");
        }

        Name = name;
        Fields = fields;
        MaxBlockSize = maxBlockSize;
        ExactComparator = exactComparator;
        this.writer = writer ?? throw new ArgumentNullException(nameof(writer));
    }

    /// <summary>The pass's name.</summary>
    public string Name { get; }

    /// <summary>The fields the key is built from.</summary>
    public PersonFields Fields { get; }

    /// <summary>The comparator whose exact agreement this pass's blocks are, or null.</summary>
    public string? ExactComparator { get; }

    /// <summary>This pass's own block size limit, or null for the engine-wide limit.</summary>
    public int? MaxBlockSize { get; }

    /// <summary>The block size limit in force for this pass under an engine-wide <paramref name="engineLimit"/>.</summary>
    public int BlockSizeLimit(int engineLimit) => MaxBlockSize is { } own ? Math.Min(own, engineLimit) : engineLimit;

    /// <summary>Adds the record's keys to <paramref name="keys"/>.</summary>
    public void WriteKeys(NormalisedPerson person, ICollection<ulong> keys) => writer(person, keys);

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>
/// Builds 64-bit blocking keys from strings and numbers (FNV-1a). Equal parts give equal keys; a hash
/// collision only adds a candidate pair, which the comparators then reject. Never returns 0.
/// </summary>
public static class BlockingKey
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>Key of one number.</summary>
    public static ulong Of(int a) => Finish(Mix(Offset, a));

    /// <summary>Key of one string.</summary>
    public static ulong Of(string a) => Finish(Mix(Offset, a));

    /// <summary>Key of two strings.</summary>
    public static ulong Of(string a, string b) => Finish(Mix(Mix(Offset, a), b));

    /// <summary>Key of a string and a number.</summary>
    public static ulong Of(string a, int b) => Finish(Mix(Mix(Offset, a), b));

    /// <summary>Key of a number and a string.</summary>
    public static ulong Of(int a, string b) => Finish(Mix(Mix(Offset, a), b));

    /// <summary>Key of a key refined by a number (a sub-key).</summary>
    public static ulong Of(ulong key, int refinement) => Finish(Mix(key, refinement));

    /// <summary>Key of two strings, the same whichever order they come in (for names that may be swapped).</summary>
    public static ulong Unordered(string a, string b) =>
        string.CompareOrdinal(a, b) <= 0 ? Of(a, b) : Of(b, a);

    private static ulong Mix(ulong hash, string value)
    {
        foreach (var c in value)
        {
            hash = (hash ^ c) * Prime;
        }

        // A separator no folded value contains, so ("ab", "c") and ("a", "bc") differ.
        return (hash ^ 0x1F) * Prime;
    }

    private static ulong Mix(ulong hash, int value)
    {
        for (var i = 0; i < 4; i++)
        {
            hash = (hash ^ (byte)(value >> (8 * i))) * Prime;
        }

        return (hash ^ 0x1E) * Prime;
    }

    private static ulong Finish(ulong hash) => hash == 0 ? 1 : hash;
}
