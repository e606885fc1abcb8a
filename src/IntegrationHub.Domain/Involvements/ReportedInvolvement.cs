namespace IntegrationHub.Domain.Involvements;

/// <summary>
/// One involvement (service provision) as a source reports it inside a fragment: the input of the
/// sector rules, the service-provision identity and the consent checks. The intake pipeline maps
/// <c>$.involvement</c> of an incoming fragment onto this record.
/// </summary>
/// <remarks>
/// A service provision is identified by <see cref="ServiceProvisionName"/> + <see cref="StartDate"/>
/// within one child's record and one source (000 1.5.6). Only one practitioner's details are sent per
/// involvement (000 4.3.2 N.B.): a second practitioner is a second involvement.
/// </remarks>
public sealed record ReportedInvolvement
{
    /// <summary>The id of the sector definition the source reports under, e.g. <c>socialCare</c> (see <c>SectorIds</c>).</summary>
    public required string Sector { get; init; }

    public required InvolvementAction Action { get; init; }

    /// <summary>The service provision name, e.g. "Children's Social Care 12345" (000 1.5.6 and each sector's convention).</summary>
    public required string ServiceProvisionName { get; init; }

    /// <summary>Start date: part of the provision's identity, never amended (000 1.5.6).</summary>
    public required DateOnly StartDate { get; init; }

    /// <summary>End date: required to end; sent with the start where start and end are the same (police schools officers, YOT assessments).</summary>
    public DateOnly? EndDate { get; init; }

    public required ServiceType ServiceType { get; init; }

    /// <summary>The organisation providing the service, e.g. "Salford City Council" or "The Children's Society".</summary>
    public string? OrganisationName { get; init; }

    /// <summary>The team, e.g. "Team 4". Must not reveal the nature of the service (000 5.1.5).</summary>
    public string? TeamName { get; init; }

    /// <summary>The source's own stable reference for the practitioner, team or role holding the involvement; never shown.</summary>
    public string? PractitionerReference { get; init; }

    /// <summary>How many practitioners' contact details the involvement carries; the guidance allows one.</summary>
    public int PractitionerCount { get; init; } = 1;

    /// <summary>The involvement is a sensitive service: sexual health, mental health or substance misuse (000 1.5.3).</summary>
    public bool Sensitive { get; init; }

    /// <summary>Why a sensitive service may be recorded; required when <see cref="Sensitive"/>.</summary>
    public SensitiveConsentBasis? SensitiveConsentBasis { get; init; }

    /// <summary>Consent to show this sensitive service was withdrawn: the hub archives the involvement now (002 3.7).</summary>
    public bool SensitiveConsentWithdrawn { get; init; }

    /// <summary>The evidence of the start, update or end trigger.</summary>
    public TriggerEvidence Evidence { get; init; } = new();
}
