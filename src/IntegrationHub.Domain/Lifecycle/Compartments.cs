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
        if (string.Equals(target, currentAuthority, StringComparison.Ordinal))
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
            AcceptedByFrom = transfer.AcceptedByFrom || string.Equals(authority, transfer.From, StringComparison.Ordinal),
            AcceptedByTo = transfer.AcceptedByTo || string.Equals(authority, transfer.To, StringComparison.Ordinal),
        };
    }
}
