namespace IntegrationHub.Matching.Comparison;

/// <summary>An ordered, named set of comparators: the columns of every comparison vector.</summary>
public sealed class ComparatorSet
{
    /// <summary>The most comparators a set may hold (comparison vectors pack four bits per comparator into 64).</summary>
    public const int MaxComparators = 16;

    /// <summary>Creates a set; names must be unique.</summary>
    public ComparatorSet(IEnumerable<Comparator> comparators)
    {
        ArgumentNullException.ThrowIfNull(comparators);
        Items = comparators.ToArray();
        if (Items.Length is 0 or > MaxComparators)
        {
            throw new ArgumentException($"A comparator set holds between 1 and {MaxComparators} comparators.", nameof(comparators));
        }

        var duplicate = Items.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Comparator name '{duplicate.Key}' is used twice.", nameof(comparators));
        }
    }

    /// <summary>
    /// Given name, family name, date of birth, sex, postcode, address, NHS number, UPN, other identifiers.
    /// </summary>
    public static ComparatorSet Default { get; } = new(
    [
        new GivenNameComparator(),
        new FamilyNameComparator(),
        new DateOfBirthComparator(),
        new SexComparator(),
        new PostcodeComparator(),
        new AddressComparator(),
        IdentifierComparator.NhsNumber(),
        IdentifierComparator.Upn(),
        new OtherIdentifierComparator(),
    ]);

    /// <summary>The comparators, in vector order.</summary>
    public Comparator[] Items { get; }

    /// <summary>Number of comparators.</summary>
    public int Count => Items.Length;

    /// <summary>The index of the comparator with this name, or -1.</summary>
    public int IndexOf(string name) => Array.FindIndex(Items, c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
