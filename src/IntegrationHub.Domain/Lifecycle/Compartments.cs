namespace IntegrationHub.Domain.Lifecycle;

/// <summary>
/// Where a child lives, for the compartment rule (002 4.53-4.57).
/// </summary>
/// <param name="OrdinarilyResidentIn">The local authority the child is ordinarily resident in (for a child living in two, where they live most of the time).</param>
/// <param name="ResponsibleForServices">
/// An authority with an existing responsibility for services, which takes precedence: for a looked-after child
/// the council with social services responsibility; for a highly mobile child the lead authority (e.g. a
/// traveller child's base school). Null when none.
/// </param>
public sealed record Residence(string OrdinarilyResidentIn, string? ResponsibleForServices = null);

/// <summary>What a move means for the record's compartment.</summary>
public enum TransferKind
{
    /// <summary>The record already belongs to the right authority.</summary>
    None,

    /// <summary>Only universal services: the record moves now, no one has to agree (002 4.54, 4.59).</summary>
    Automatic,

    /// <summary>Specialist or targeted services: a transfer is proposed and moves only when both accept (002 4.54, 4.55).</summary>
    Proposed,
}

/// <summary>A transfer between compartments, pending or done.</summary>
public sealed record CompartmentTransfer(TransferKind Kind, string From, string To, bool AcceptedByFrom = false, bool AcceptedByTo = false)
{
    /// <summary>True when the record now belongs to <see cref="To"/>.</summary>
    public bool Completed => Kind == TransferKind.Automatic || (Kind == TransferKind.Proposed && AcceptedByFrom && AcceptedByTo);

    /// <summary>The authority the record belongs to while this transfer stands.</summary>
    public string ResponsibleAuthority => Completed ? To : From;
}

/// <summary>The local authority compartments (002 4.53-4.59). Pure.</summary>
public static class Compartments
{
    /// <summary>The authority a record belongs to: one with responsibility for services if any, else ordinary residence.</summary>
    public static string ResponsibleAuthority(Residence residence)
    {
        ArgumentNullException.ThrowIfNull(residence);
        return residence.ResponsibleForServices ?? residence.OrdinarilyResidentIn;
    }

    /// <summary>What happens to a record held by <paramref name="currentAuthority"/> when the child's residence changes.</summary>
    public static CompartmentTransfer OnMove(string currentAuthority, Residence newResidence, bool hasSpecialistOrTargetedServices)
    {
        var target = ResponsibleAuthority(newResidence);
        if (SameAuthority(target, currentAuthority))
        {
            return new CompartmentTransfer(TransferKind.None, currentAuthority, currentAuthority);
        }

        return new CompartmentTransfer(hasSpecialistOrTargetedServices ? TransferKind.Proposed : TransferKind.Automatic, currentAuthority, target);
    }

    /// <summary>One of the two authorities accepts a proposed transfer; another authority's acceptance changes nothing.</summary>
    public static CompartmentTransfer Accept(CompartmentTransfer transfer, string authority)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        if (transfer.Kind != TransferKind.Proposed)
        {
            return transfer;
        }

        return transfer with
        {
            AcceptedByFrom = transfer.AcceptedByFrom || SameAuthority(authority, transfer.From),
            AcceptedByTo = transfer.AcceptedByTo || SameAuthority(authority, transfer.To),
        };
    }

    /// <summary>
    /// A proposal made by a person rather than by a move (002 4.58, 4.59: an authority proposes a transfer to or from
    /// itself): always a proposal, whatever the services, because both authorities must agree (4.55, 4.56). The
    /// proposer's authority counts as accepting when it is one of the two; a national-team proposal (null) accepts nothing.
    /// </summary>
    public static CompartmentTransfer Propose(string currentAuthority, string toAuthority, string? proposedBy)
    {
        var proposal = new CompartmentTransfer(TransferKind.Proposed, currentAuthority, toAuthority);
        return proposedBy is null ? proposal : Accept(proposal, proposedBy);
    }

    /// <summary>Authority names are compared ignoring case, as accounts and sources name them (Viewer.CanSee).</summary>
    public static bool SameAuthority(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The authority a postcode lies in, from a configured map of postcode districts (outward codes such as "M6" or "WN1")
    /// and areas (the leading letters, such as "WN"), without a national postcode directory: the district wins over the
    /// area; null when the postcode is missing, malformed or in neither. Keys and postcode compared ignoring case and spaces.
    /// </summary>
    public static string? AuthorityForPostcode(string? postcode, IReadOnlyDictionary<string, string> districts)
    {
        ArgumentNullException.ThrowIfNull(districts);
        var compact = Compact(postcode);
        // The inward code is always a digit and two letters; the outward code is 2-4 characters before it.
        if (compact.Length is < 5 or > 7 || !char.IsAsciiDigit(compact[^3]) || !char.IsAsciiLetter(compact[0]))
        {
            return null;
        }

        var district = compact[..^3];
        var area = new string([.. district.TakeWhile(char.IsAsciiLetter)]);
        string? byDistrict = null, byArea = null;
        foreach (var (key, authority) in districts)
        {
            var k = Compact(key);
            if (k == district)
            {
                byDistrict = authority;
            }
            else if (k == area)
            {
                byArea = authority;
            }
        }

        return byDistrict ?? byArea;
    }

    private static string Compact(string? value) =>
        value is null ? string.Empty : new string([.. value.Where(c => !char.IsWhiteSpace(c)).Select(char.ToUpperInvariant)]);
}
