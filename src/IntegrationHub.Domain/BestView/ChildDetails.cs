namespace IntegrationHub.Domain.BestView;

/// <summary>
/// A child's demographics as one source states them, or as the hub's best view assembles them. Every
/// item may be missing; a missing item is never chosen and never disagrees.
/// </summary>
public sealed record ChildDetails
{
    public string? GivenName { get; init; }
    public string? MiddleNames { get; init; }
    public string? FamilyName { get; init; }
    public string? PreferredName { get; init; }
    public DateOnly? DateOfBirth { get; init; }

    /// <summary>"female" or "male"; "notKnown" and "notSpecified" are held as missing.</summary>
    public string? Gender { get; init; }

    public PostalAddress? Address { get; init; }
    public string? NhsNumber { get; init; }
    public string? Upn { get; init; }
    public NamedPlace? School { get; init; }
    public NamedPlace? Gp { get; init; }
}

/// <summary>Address lines and postcode, compared and chosen as one item.</summary>
public sealed record PostalAddress(IReadOnlyList<string> Lines, string? Postcode);

/// <summary>A school (name, URN) or GP practice (name, practice code).</summary>
public sealed record NamedPlace(string Name, string? Code);

/// <summary>One linked fragment's details with what survivorship ranks them by.</summary>
/// <param name="FragmentId">The fragment; the last tie-break, so the result never depends on input order.</param>
/// <param name="SourceId">The source, looked up in the reliability table.</param>
/// <param name="ProducedAt">When the source produced the data (recency).</param>
/// <param name="Details">What it says.</param>
public sealed record SourcedDetails(string FragmentId, string SourceId, DateTimeOffset ProducedAt, ChildDetails Details);

/// <summary>A name held by some source that differs from the best view's.</summary>
public sealed record AlternativeName(string? GivenName, string? FamilyName);

/// <summary>
/// The best view: one value per data item chosen from all linked fragments, which source each came
/// from, and the other names and addresses the sources hold (002 C1: "may show alternative names and addresses").
/// </summary>
public sealed record ChildView
{
    public required ChildDetails Details { get; init; }

    /// <summary>Data item name (see <see cref="DataItems"/>) → the source whose value was chosen.</summary>
    public required IReadOnlyDictionary<string, string> ChosenFrom { get; init; }

    public required IReadOnlyList<AlternativeName> AlternativeNames { get; init; }
    public required IReadOnlyList<PostalAddress> AlternativeAddresses { get; init; }
}
