using System.Text.Json.Serialization;

namespace IntegrationHub.Contracts;

// Mirrors schemas/*.schema.json, which are the source of truth; ContractsAgreeWithSchemas proves it.
// Sources publish these as plain JSON to exchange hub.fragments; MassTransit's envelope is never used.

/// <summary>
/// Published by a case-management system when an involvement (service provision) with a child starts.
/// Handled by the hub's intake; idempotent per (sourceId, messageId).
/// </summary>
public sealed record StartInvolvement : IFragment
{
    public const string Type = "startInvolvement";
    public string MessageType { get; init; } = Type;
    public required string MessageId { get; init; }
    public required string SourceId { get; init; }
    public required string SourceChildId { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset ProducedAt { get; init; }
    public required Child Child { get; init; }
    public required Involvement Involvement { get; init; }
}

/// <summary>Published when an open involvement's or the child's details change. Must name an existing provision (name + start date).</summary>
public sealed record UpdateInvolvement : IFragment
{
    public const string Type = "updateInvolvement";
    public string MessageType { get; init; } = Type;
    public required string MessageId { get; init; }
    public required string SourceId { get; init; }
    public required string SourceChildId { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset ProducedAt { get; init; }
    public required Child Child { get; init; }
    public required Involvement Involvement { get; init; }
}

/// <summary>Published when an involvement ends; Involvement.EndDate is required.</summary>
public sealed record EndInvolvement : IFragment
{
    public const string Type = "endInvolvement";
    public string MessageType { get; init; } = Type;
    public required string MessageId { get; init; }
    public required string SourceId { get; init; }
    public required string SourceChildId { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset ProducedAt { get; init; }
    public required Child Child { get; init; }
    public required Involvement Involvement { get; init; }
}

/// <summary>Demographics only, from a national source; carries no involvement.</summary>
public sealed record Demographics : IFragment
{
    public const string Type = "demographics";
    public string MessageType { get; init; } = Type;
    public required string MessageId { get; init; }
    public required string SourceId { get; init; }
    public required string SourceChildId { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset ProducedAt { get; init; }
    public required Child Child { get; init; }
}

/// <summary>What every fragment carries: its metadata (statutory guidance C11) and the child as the source knows them.</summary>
public interface IFragment
{
    string MessageType { get; }
    string MessageId { get; }
    string SourceId { get; }
    string SourceChildId { get; }
    long Sequence { get; }
    DateTimeOffset ProducedAt { get; }
    Child Child { get; }
}

public sealed record Child
{
    public required string GivenName { get; init; }
    public string? MiddleNames { get; init; }
    public required string FamilyName { get; init; }
    public string? PreferredName { get; init; }
    public required DateOnly DateOfBirth { get; init; }
    public required Gender Gender { get; init; }
    public Address? Address { get; init; }
    public string? NhsNumber { get; init; }
    public string? Upn { get; init; }
    public IReadOnlyList<ParentCarer>? ParentsCarers { get; init; }
    public School? School { get; init; }
    public Gp? Gp { get; init; }
    public IReadOnlyList<RetentionConsent>? RetentionConsents { get; init; }

    /// <summary>
    /// The child's date of death, when the source knows of it (002 3.37-3.40): shown at once; it archives the record a year
    /// after a registration source (configured in Lifecycle:RegistrationSources) confirms it.
    /// </summary>
    public DateOnly? DateOfDeath { get; init; }

    /// <summary>This source's shielding instruction (002 4.63-4.69): requested or withdrawn; absent leaves it as it was.</summary>
    public ShieldingInstruction? Shielding { get; init; }

    /// <summary>
    /// The local authority with an existing responsibility for the child's services, when this source knows one (002 4.56-4.57):
    /// a looked-after child's council with social services responsibility, a highly mobile child's lead authority. It takes
    /// precedence over ordinary residence when the hub assigns the record to an authority (docs/lifecycle.md, ADR 0011).
    /// </summary>
    public string? ResponsibleAuthority { get; init; }

    /// <summary>
    /// The hub child id of this child's record, as an earlier receipt told the source (ADR 0013): links deterministically to
    /// that record (or the record it was merged into) unless sex and date of birth both contradict it; an id the hub does
    /// not know is ignored and the fragment linked by its other details.
    /// </summary>
    public Guid? HubChildId { get; init; }
}

/// <summary>A source's shielding instruction: the record is shielded while any source's request stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ShieldingInstruction>))]
public enum ShieldingInstruction
{
    [JsonStringEnumMemberName("requested")] Requested,
    [JsonStringEnumMemberName("withdrawn")] Withdrawn,
}

/// <summary>Consent (or its withdrawal) to keep the record past the 18th birthday (002 3.34).</summary>
public sealed record RetentionConsent
{
    public required RetentionBasis Basis { get; init; }
    public required RetentionConsentStatus Status { get; init; }
    public required DateOnly RecordedOn { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<RetentionBasis>))]
public enum RetentionBasis
{
    [JsonStringEnumMemberName("connexionsParticipation")] ConnexionsParticipation,
    [JsonStringEnumMemberName("careLeaver")] CareLeaver,
    [JsonStringEnumMemberName("learningDifficultiesOrDisabilities")] LearningDifficultiesOrDisabilities,
}

[JsonConverter(typeof(JsonStringEnumConverter<RetentionConsentStatus>))]
public enum RetentionConsentStatus
{
    [JsonStringEnumMemberName("given")] Given,
    [JsonStringEnumMemberName("withdrawn")] Withdrawn,
}

public sealed record Address
{
    public required IReadOnlyList<string> Lines { get; init; }
    public required string Postcode { get; init; }
}

public sealed record ParentCarer
{
    public required string GivenName { get; init; }
    public required string FamilyName { get; init; }
    public Relationship? Relationship { get; init; }
    public Address? Address { get; init; }
}

public sealed record School
{
    public required string Name { get; init; }
    public string? Urn { get; init; }
}

public sealed record Gp
{
    public required string PracticeName { get; init; }
    public string? PracticeCode { get; init; }
}

/// <summary>A service provision, identified by ServiceProvisionName + StartDate within the child's record and the source.</summary>
public sealed record Involvement
{
    public required string ServiceProvisionName { get; init; }
    public required DateOnly StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public required Sector Sector { get; init; }
    public required ServiceType ServiceType { get; init; }
    public bool? Sensitive { get; init; }
    public SensitiveConsentBasis? SensitiveConsentBasis { get; init; }
    public bool? SensitiveConsentWithdrawn { get; init; }
    public string? PractitionerReference { get; init; }
    public Practitioner? Practitioner { get; init; }
    public Evidence? Evidence { get; init; }

    /// <summary>On an end: the practitioner confirms the retention extension the hub asked about (a retentionConfirmationDue prompt; ADR 0012).</summary>
    public RetentionConfirmation? RetentionConfirmation { get; init; }
}

/// <summary>
/// A practitioner's yearly confirmation that an ended involvement's retention extension is still appropriate (002 3.42,
/// 3.44), sent on an endInvolvement for the ended provision: <see cref="LapsesOn"/> is the day named in the hub's
/// retentionConfirmationDue prompt. Sending it again after it took effect changes nothing.
/// </summary>
public sealed record RetentionConfirmation
{
    public required DateOnly LapsesOn { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<SensitiveConsentBasis>))]
public enum SensitiveConsentBasis
{
    [JsonStringEnumMemberName("explicitConsent")] ExplicitConsent,
    [JsonStringEnumMemberName("reasonableCauseToSuspectSignificantHarm")] ReasonableCauseToSuspectSignificantHarm,
}

public sealed record Practitioner
{
    public required string Name { get; init; }
    public string? Role { get; init; }
    public string? Team { get; init; }
    public string? Organisation { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<Gender>))]
public enum Gender
{
    [JsonStringEnumMemberName("female")] Female,
    [JsonStringEnumMemberName("male")] Male,
    [JsonStringEnumMemberName("notKnown")] NotKnown,
    [JsonStringEnumMemberName("notSpecified")] NotSpecified,
}

[JsonConverter(typeof(JsonStringEnumConverter<Relationship>))]
public enum Relationship
{
    [JsonStringEnumMemberName("mother")] Mother,
    [JsonStringEnumMemberName("father")] Father,
    [JsonStringEnumMemberName("carer")] Carer,
    [JsonStringEnumMemberName("guardian")] Guardian,
    [JsonStringEnumMemberName("other")] Other,
}

[JsonConverter(typeof(JsonStringEnumConverter<Sector>))]
public enum Sector
{
    [JsonStringEnumMemberName("connexions")] Connexions,
    [JsonStringEnumMemberName("youthService")] YouthService,
    [JsonStringEnumMemberName("socialCare")] SocialCare,
    [JsonStringEnumMemberName("voluntaryNationalPartner")] VoluntaryNationalPartner,
    [JsonStringEnumMemberName("voluntaryVcso")] VoluntaryVcso,
    [JsonStringEnumMemberName("youthOffending")] YouthOffending,
    [JsonStringEnumMemberName("police")] Police,
    [JsonStringEnumMemberName("earlyYears")] EarlyYears,
    [JsonStringEnumMemberName("educationUniversal")] EducationUniversal,
    [JsonStringEnumMemberName("educationAdditional")] EducationAdditional,
}

[JsonConverter(typeof(JsonStringEnumConverter<ServiceType>))]
public enum ServiceType
{
    [JsonStringEnumMemberName("universal")] Universal,
    [JsonStringEnumMemberName("specialistTargeted")] SpecialistTargeted,
}
