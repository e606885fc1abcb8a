using IntegrationHub.Matching.Normalisation;

namespace IntegrationHub.Matching.Comparison;

/// <summary>The record fields a comparator reads or a blocking pass keys on.</summary>
[Flags]
public enum PersonFields
{
    /// <summary>No field.</summary>
    None = 0,

    /// <summary>Given names and preferred name.</summary>
    GivenName = 1,

    /// <summary>Family name.</summary>
    FamilyName = 2,

    /// <summary>Date of birth.</summary>
    DateOfBirth = 4,

    /// <summary>Sex.</summary>
    Sex = 8,

    /// <summary>Address lines.</summary>
    Address = 16,

    /// <summary>Postcode.</summary>
    Postcode = 32,

    /// <summary>NHS number.</summary>
    NhsNumber = 64,

    /// <summary>Unique Pupil Number.</summary>
    Upn = 128,

    /// <summary>Hub-issued child id.</summary>
    HubChildId = 256,

    /// <summary>Other identifiers.</summary>
    OtherIdentifiers = 512,
}

/// <summary>
/// One graded level of a comparator, with the starting m and u probabilities used before (and, if the
/// data never shows the level, instead of) estimates from the data.
/// </summary>
/// <param name="Label">What the level means, shown to reviewers ("nickname or name variant").</param>
/// <param name="DefaultM">Prior P(level | same person).</param>
/// <param name="DefaultU">Prior P(level | different people).</param>
public sealed record ComparisonLevel(string Label, double DefaultM, double DefaultU);

/// <summary>
/// Per-pair facts several comparators share, worked out once per pair.
/// </summary>
/// <param name="NamesSwapped">
/// True when the right record's given and family names are the other way round ("Hall, Isla" against
/// "Isla Hall"): name comparators then compare left given with right family and vice versa.
/// </param>
public readonly record struct PairContext(bool NamesSwapped);

/// <summary>
/// Compares one aspect of two normalised records and returns a level: 0 is the closest agreement, the
/// last level is disagreement, and <see cref="Null"/> means a value is missing on either side (no evidence).
/// Implementations are stateless and thread-safe, and must not allocate on the comparison path.
/// </summary>
public abstract class Comparator
{
    /// <summary>Returned when either record lacks the value.</summary>
    public const int Null = -1;

    /// <summary>Creates a comparator with its levels, closest first.</summary>
    protected Comparator(string name, PersonFields fields, IReadOnlyList<ComparisonLevel> levels)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(levels);
        if (levels.Count is < 2 or > 15)
        {
            throw new ArgumentException("A comparator needs between 2 and 15 levels.", nameof(levels));
        }

        Name = name;
        Fields = fields;
        Levels = levels;
    }

    /// <summary>Unique name within a comparator set; parameters are stored under it.</summary>
    public string Name { get; }

    /// <summary>The fields read; a training pass blocking on any of them cannot estimate this comparator.</summary>
    public PersonFields Fields { get; }

    /// <summary>The levels, closest agreement first, disagreement last.</summary>
    public IReadOnlyList<ComparisonLevel> Levels { get; }

    /// <summary>
    /// True if agreement at level 0 is adjusted by how common the agreed value is (term frequency):
    /// two records both called Smith agree on weaker evidence than two called Featherstonehaugh.
    /// </summary>
    public virtual bool UsesTermFrequencies => false;

    /// <summary>Compares two records; returns a level index or <see cref="Null"/>.</summary>
    public abstract int Compare(NormalisedPerson left, NormalisedPerson right, in PairContext context);

    /// <summary>True if the record holds a value this comparator can compare.</summary>
    public virtual bool HasValue(NormalisedPerson person) => Compare(person, person, default) != Null;

    /// <summary>True if two records hold the same value (used to count the distinct values a group of records holds).</summary>
    public virtual bool SameValue(NormalisedPerson left, NormalisedPerson right) => Compare(left, right, default) == 0;

    /// <summary>
    /// The value whose frequency adjusts level-0 agreement, read from one record (the left one of an agreeing
    /// pair: at level 0 both sides hold it). Null if the record has no such value or term frequencies are off.
    /// </summary>
    public virtual string? TermFrequencyValue(NormalisedPerson person) => null;
}
