namespace IntegrationHub.Domain.BestView;

/// <summary>An involvement as the read side shows it.</summary>
/// <param name="Description">For a sensitive service, only <see cref="PrivacyProjection.SensitiveServiceInvolved"/>.</param>
public sealed record InvolvementView(
    string Description,
    string? SourceId,
    string? Sector,
    string? ServiceType,
    DateOnly? StartDate,
    DateOnly? EndDate,
    string? PractitionerJson,
    bool Sensitive);

/// <summary>
/// What a reader may see of a child: sensitive services only as "a sensitive service is involved" (000 1.5.3;
/// no name, no source, no practitioner, no dates), and for a shielded record no whereabouts (no address, postcode,
/// alternative addresses, school or GP).
/// </summary>
public static class PrivacyProjection
{
    public const string SensitiveServiceInvolved = "a sensitive service is involved";

    public static ChildView Project(ChildView view, bool shielded)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (!shielded)
        {
            return view;
        }

        string[] whereabouts = [DataItems.Address, DataItems.School, DataItems.Gp];
        return view with
        {
            Details = view.Details with { Address = null, School = null, Gp = null },
            AlternativeAddresses = [],
            ChosenFrom = view.ChosenFrom.Where(c => !whereabouts.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
        };
    }

    public static InvolvementView Project(InvolvementView involvement)
    {
        ArgumentNullException.ThrowIfNull(involvement);
        return involvement.Sensitive
            ? new InvolvementView(SensitiveServiceInvolved, null, null, null, null, null, null, Sensitive: true)
            : involvement;
    }
}
