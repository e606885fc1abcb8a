using System.Collections.Immutable;

namespace IntegrationHub.Domain.Lifecycle;

/// <summary>
/// Shielding of a record (002 4.63-4.69): the set of sources (or users) whose shielding instruction stands.
/// Shielded while any stands; a shielded record shows no whereabouts or locality. Unshielded only when every
/// one of them has withdrawn: one withdrawal never unshields for the others.
/// </summary>
public sealed record Shielding
{
    public static Shielding None { get; } = new();

    public ImmutableSortedSet<string> RequestedBy { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    public bool IsShielded => !RequestedBy.IsEmpty;

    /// <summary>A source asks for shielding; it applies at once (002 4.67).</summary>
    public Shielding Request(string requester) => this with { RequestedBy = RequestedBy.Add(requester) };

    /// <summary>A source no longer advises shielding; the record stays shielded while another still does.</summary>
    public Shielding Withdraw(string requester) => this with { RequestedBy = RequestedBy.Remove(requester) };
}
