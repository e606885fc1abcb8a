using System.Text.Json.Serialization;

namespace IntegrationHub.Contracts;

// The evidence of an involvement's trigger ($.involvement.evidence; schemas/common.schema.json#/definitions/evidence).
// The hub judges it against the sector rules listed in docs/sector-rules.md. A fact left null is "not stated".

public sealed record Evidence
{
    public bool? PractitionerDetailsChanged { get; init; }
    public bool? ChildDetailsChanged { get; init; }
    public bool? ProfessionalJudgement { get; init; }
    public ConnexionsEvidence? Connexions { get; init; }
    public YouthServiceEvidence? YouthService { get; init; }
    public SocialCareEvidence? SocialCare { get; init; }
    public VoluntaryEvidence? Voluntary { get; init; }
    public YouthOffendingEvidence? YouthOffending { get; init; }
    public PoliceEvidence? Police { get; init; }
    public EarlyYearsEvidence? EarlyYears { get; init; }
    public EducationEvidence? Education { get; init; }
}

public sealed record ConnexionsEvidence
{
    public LevelOfNeed? LevelOfNeed { get; init; }
    public LevelOfNeed? PreviousLevelOfNeed { get; init; }
    public bool? AdditionalPersonalAdviser { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<LevelOfNeed>))]
public enum LevelOfNeed
{
    [JsonStringEnumMemberName("level1")] Level1,
    [JsonStringEnumMemberName("level2")] Level2,
    [JsonStringEnumMemberName("level3")] Level3,
}

public sealed record YouthServiceEvidence
{
    public bool? InParticipationCategory { get; init; }
    public int? AttendancesInLast12Months { get; init; }
    public bool? GenericLeisureActivity { get; init; }
    public bool? WorkingTowardsRecordedOrAccreditedOutcomes { get; init; }
    public bool? KeyWorkerFlaggedSpecialistService { get; init; }
    public DateOnly? LastAttendanceDate { get; init; }
}

public sealed record SocialCareEvidence
{
    public bool? InitialAssessmentStarted { get; init; }
    public SocialCarePractitionerRole? PractitionerAssigned { get; init; }
    public bool? CaseClosed { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<SocialCarePractitionerRole>))]
public enum SocialCarePractitionerRole
{
    [JsonStringEnumMemberName("allocatedSocialWorker")] AllocatedSocialWorker,
    [JsonStringEnumMemberName("furtherPractitioner")] FurtherPractitioner,
}

public sealed record VoluntaryEvidence
{
    public bool? InvolvementRecordedInPartnerSystem { get; init; }
    public bool? SpecialistServiceDelivered { get; init; }
    public bool? InvolvementClosed { get; init; }
}

public sealed record YouthOffendingEvidence
{
    public YouthOffendingAssessment? AssessmentCompleted { get; init; }
    public YouthOffendingInterventionTrigger? InterventionTrigger { get; init; }
    public bool? InterventionConcluded { get; init; }
    public bool? AssessmentNotFollowedByIntervention { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<YouthOffendingAssessment>))]
public enum YouthOffendingAssessment
{
    [JsonStringEnumMemberName("onset")] Onset,
    [JsonStringEnumMemberName("asset")] Asset,
}

[JsonConverter(typeof(JsonStringEnumConverter<YouthOffendingInterventionTrigger>))]
public enum YouthOffendingInterventionTrigger
{
    [JsonStringEnumMemberName("courtOrder")] CourtOrder,
    [JsonStringEnumMemberName("finalWarning")] FinalWarning,
    [JsonStringEnumMemberName("preventionReferral")] PreventionReferral,
}

public sealed record PoliceEvidence
{
    public bool? ChildAbuseInvestigationInitiated { get; init; }
    public SeriousIncidentRole? SeriousIncidentRole { get; init; }
    public bool? SchoolsOfficer { get; init; }
    public bool? SchoolsOfficerStillInvolved { get; init; }
    public DateOnly? ContinuesInvolvementStartedOn { get; init; }
    public ChildAbuseInvestigationOutcome? InvestigationOutcome { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<SeriousIncidentRole>))]
public enum SeriousIncidentRole
{
    [JsonStringEnumMemberName("victim")] Victim,
    [JsonStringEnumMemberName("witness")] Witness,
    [JsonStringEnumMemberName("perpetrator")] Perpetrator,
}

[JsonConverter(typeof(JsonStringEnumConverter<ChildAbuseInvestigationOutcome>))]
public enum ChildAbuseInvestigationOutcome
{
    [JsonStringEnumMemberName("trialEnded")] TrialEnded,
    [JsonStringEnumMemberName("decisionNotToProsecute")] DecisionNotToProsecute,
}

public sealed record EarlyYearsEvidence
{
    public bool? UniversalEarlyYearsService { get; init; }
    public bool? ChildrensCentreSpecialistService { get; init; }
    public DateOnly? LastActivityDate { get; init; }
    public bool? NoLongerAttends { get; init; }
    public bool? AllSpecialistServicesClosed { get; init; }
    public bool? TakenOffSureStart { get; init; }
}

public sealed record EducationEvidence
{
    public bool? RegisteredAtPlaceOfEducation { get; init; }
    public bool? SchoolNurseSustainedInvolvement { get; init; }
    public SenStage? SenStage { get; init; }
    public bool? DesignatedTeacherForLookedAfterChild { get; init; }
    public bool? WelfareOfficerAssigned { get; init; }
    public bool? TravellerEducationAccessed { get; init; }
    public bool? HomeEducationLiaisonSustained { get; init; }
    public bool? EducationalPsychologyAfterInitialAssessment { get; init; }
    public bool? LeftPlaceOfEducation { get; init; }
    public bool? NeedReduced { get; init; }
    public bool? ServiceNoLongerAccessed { get; init; }
    public DateOnly? LastContactDate { get; init; }
    public bool? KeptOpenByPractitioner { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<SenStage>))]
public enum SenStage
{
    [JsonStringEnumMemberName("action")] Action,
    [JsonStringEnumMemberName("actionPlus")] ActionPlus,
    [JsonStringEnumMemberName("statement")] Statement,
}
