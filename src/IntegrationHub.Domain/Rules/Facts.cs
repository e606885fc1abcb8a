using IntegrationHub.Domain.Consent;
using IntegrationHub.Domain.Involvements;

namespace IntegrationHub.Domain.Rules;

/// <summary>
/// What a rule is evaluated against: one reported involvement, the child's date of birth and the
/// date "now" for the rule. <see cref="AsOf"/> is the start date for start triggers, the end date for
/// end triggers and today for the hub's own time-based rules.
/// </summary>
public sealed record InvolvementFacts(ReportedInvolvement Involvement, DateOnly DateOfBirth, DateOnly AsOf)
{
    /// <summary>The child's age in completed years on the involvement's start date.</summary>
    public int AgeAtStart => Birthdays.AgeOn(DateOfBirth, Involvement.StartDate);

    public TriggerEvidence Evidence => Involvement.Evidence;
}

/// <summary>A named fact a condition reads. Untyped view used by the engine and the docs.</summary>
public interface IFact
{
    /// <summary>Name in the message's camelCase, relative to <c>$.involvement</c>, e.g. <c>evidence.socialCare.caseClosed</c>.</summary>
    string Name { get; }

    /// <summary>Where a violation about this fact points, e.g. <c>$.involvement.evidence.socialCare.caseClosed</c>.</summary>
    string Path { get; }

    /// <summary>True for trigger evidence the source states; false for facts every involvement has (age, dates, type).</summary>
    bool IsEvidence { get; }

    /// <summary>True when the source stated a value (not null).</summary>
    bool IsStated(InvolvementFacts facts);
}

/// <summary>A named projection of the involvement's facts: data about where a value lives, not logic.</summary>
public sealed record Fact<T>(string Name, string Path, Func<InvolvementFacts, T?> Read, bool IsEvidence = true) : IFact
    where T : struct
{
    public bool IsStated(InvolvementFacts facts) => Read(facts).HasValue;
}

/// <summary>
/// Every fact the Guidance v4.0 definitions read. A new sector adds its facts here (or in its own file)
/// next to its evidence record; the engine does not change.
/// </summary>
public static class Facts
{
    public const string InvolvementPath = "$.involvement";

    public static Fact<T> Evidence<T>(string name, Func<TriggerEvidence, T?> read)
        where T : struct => new($"evidence.{name}", $"{InvolvementPath}.evidence.{name}", f => read(f.Evidence));

    public static readonly Fact<int> AgeAtStart =
        new("ageAtStart", "$.child.dateOfBirth", f => f.AgeAtStart, IsEvidence: false);

    public static readonly Fact<ServiceType> ServiceType =
        new("serviceType", $"{InvolvementPath}.serviceType", f => f.Involvement.ServiceType, IsEvidence: false);

    public static readonly Fact<DateOnly> StartDate =
        new("startDate", $"{InvolvementPath}.startDate", f => f.Involvement.StartDate, IsEvidence: false);

    public static readonly Fact<DateOnly> EndDate =
        new("endDate", $"{InvolvementPath}.endDate", f => f.Involvement.EndDate, IsEvidence: false);

    public static readonly Fact<bool> Sensitive =
        new("sensitive", $"{InvolvementPath}.sensitive", f => f.Involvement.Sensitive, IsEvidence: false);

    public static readonly Fact<bool> SensitiveConsentWithdrawn =
        new("sensitiveConsentWithdrawn", $"{InvolvementPath}.sensitiveConsentWithdrawn", f => f.Involvement.SensitiveConsentWithdrawn ? true : null);

    public static readonly Fact<bool> PractitionerDetailsChanged = Evidence("practitionerDetailsChanged", e => e.PractitionerDetailsChanged);

    public static readonly Fact<bool> ChildDetailsChanged = Evidence("childDetailsChanged", e => e.ChildDetailsChanged);

    public static readonly Fact<bool> ProfessionalJudgement = Evidence("professionalJudgement", e => e.ProfessionalJudgement);

    public static class Connexions
    {
        public static readonly Fact<ConnexionsLevelOfNeed> LevelOfNeed = Evidence("connexions.levelOfNeed", e => e.Connexions?.LevelOfNeed);
        public static readonly Fact<ConnexionsLevelOfNeed> PreviousLevelOfNeed = Evidence("connexions.previousLevelOfNeed", e => e.Connexions?.PreviousLevelOfNeed);
        public static readonly Fact<bool> AdditionalPersonalAdviser = Evidence("connexions.additionalPersonalAdviser", e => e.Connexions?.AdditionalPersonalAdviser);
    }

    public static class YouthService
    {
        public static readonly Fact<bool> InParticipationCategory = Evidence("youthService.inParticipationCategory", e => e.YouthService?.InParticipationCategory);
        public static readonly Fact<int> AttendancesInLast12Months = Evidence("youthService.attendancesInLast12Months", e => e.YouthService?.AttendancesInLast12Months);
        public static readonly Fact<bool> GenericLeisureActivity = Evidence("youthService.genericLeisureActivity", e => e.YouthService?.GenericLeisureActivity);
        public static readonly Fact<bool> WorkingTowardsRecordedOrAccreditedOutcomes = Evidence("youthService.workingTowardsRecordedOrAccreditedOutcomes", e => e.YouthService?.WorkingTowardsRecordedOrAccreditedOutcomes);
        public static readonly Fact<bool> KeyWorkerFlaggedSpecialistService = Evidence("youthService.keyWorkerFlaggedSpecialistService", e => e.YouthService?.KeyWorkerFlaggedSpecialistService);
        public static readonly Fact<DateOnly> LastAttendanceDate = Evidence("youthService.lastAttendanceDate", e => e.YouthService?.LastAttendanceDate);
    }

    public static class SocialCare
    {
        public static readonly Fact<bool> InitialAssessmentStarted = Evidence("socialCare.initialAssessmentStarted", e => e.SocialCare?.InitialAssessmentStarted);
        public static readonly Fact<SocialCarePractitionerRole> PractitionerAssigned = Evidence("socialCare.practitionerAssigned", e => e.SocialCare?.PractitionerAssigned);
        public static readonly Fact<bool> CaseClosed = Evidence("socialCare.caseClosed", e => e.SocialCare?.CaseClosed);
    }

    public static class Voluntary
    {
        public static readonly Fact<bool> InvolvementRecordedInPartnerSystem = Evidence("voluntary.involvementRecordedInPartnerSystem", e => e.Voluntary?.InvolvementRecordedInPartnerSystem);
        public static readonly Fact<bool> SpecialistServiceDelivered = Evidence("voluntary.specialistServiceDelivered", e => e.Voluntary?.SpecialistServiceDelivered);
        public static readonly Fact<bool> InvolvementClosed = Evidence("voluntary.involvementClosed", e => e.Voluntary?.InvolvementClosed);
    }

    public static class YouthOffending
    {
        public static readonly Fact<YouthOffendingAssessment> AssessmentCompleted = Evidence("youthOffending.assessmentCompleted", e => e.YouthOffending?.AssessmentCompleted);
        public static readonly Fact<YouthOffendingInterventionTrigger> InterventionTrigger = Evidence("youthOffending.interventionTrigger", e => e.YouthOffending?.InterventionTrigger);
        public static readonly Fact<bool> InterventionConcluded = Evidence("youthOffending.interventionConcluded", e => e.YouthOffending?.InterventionConcluded);
        public static readonly Fact<bool> AssessmentNotFollowedByIntervention = Evidence("youthOffending.assessmentNotFollowedByIntervention", e => e.YouthOffending?.AssessmentNotFollowedByIntervention);
    }

    public static class Police
    {
        public static readonly Fact<bool> ChildAbuseInvestigationInitiated = Evidence("police.childAbuseInvestigationInitiated", e => e.Police?.ChildAbuseInvestigationInitiated);
        public static readonly Fact<SeriousIncidentRole> SeriousIncidentRole = Evidence("police.seriousIncidentRole", e => e.Police?.SeriousIncidentRole);
        public static readonly Fact<bool> SchoolsOfficer = Evidence("police.schoolsOfficer", e => e.Police?.SchoolsOfficer);
        public static readonly Fact<bool> SchoolsOfficerStillInvolved = Evidence("police.schoolsOfficerStillInvolved", e => e.Police?.SchoolsOfficerStillInvolved);
        public static readonly Fact<DateOnly> ContinuesInvolvementStartedOn = Evidence("police.continuesInvolvementStartedOn", e => e.Police?.ContinuesInvolvementStartedOn);
        public static readonly Fact<ChildAbuseInvestigationOutcome> InvestigationOutcome = Evidence("police.investigationOutcome", e => e.Police?.InvestigationOutcome);
    }

    public static class EarlyYears
    {
        public static readonly Fact<bool> UniversalEarlyYearsService = Evidence("earlyYears.universalEarlyYearsService", e => e.EarlyYears?.UniversalEarlyYearsService);
        public static readonly Fact<bool> ChildrensCentreSpecialistService = Evidence("earlyYears.childrensCentreSpecialistService", e => e.EarlyYears?.ChildrensCentreSpecialistService);
        public static readonly Fact<DateOnly> LastActivityDate = Evidence("earlyYears.lastActivityDate", e => e.EarlyYears?.LastActivityDate);
        public static readonly Fact<bool> NoLongerAttends = Evidence("earlyYears.noLongerAttends", e => e.EarlyYears?.NoLongerAttends);
        public static readonly Fact<bool> AllSpecialistServicesClosed = Evidence("earlyYears.allSpecialistServicesClosed", e => e.EarlyYears?.AllSpecialistServicesClosed);
        public static readonly Fact<bool> TakenOffSureStart = Evidence("earlyYears.takenOffSureStart", e => e.EarlyYears?.TakenOffSureStart);
    }

    public static class Education
    {
        public static readonly Fact<bool> RegisteredAtPlaceOfEducation = Evidence("education.registeredAtPlaceOfEducation", e => e.Education?.RegisteredAtPlaceOfEducation);
        public static readonly Fact<bool> SchoolNurseSustainedInvolvement = Evidence("education.schoolNurseSustainedInvolvement", e => e.Education?.SchoolNurseSustainedInvolvement);
        public static readonly Fact<SenStage> SenStage = Evidence("education.senStage", e => e.Education?.SenStage);
        public static readonly Fact<bool> DesignatedTeacherForLookedAfterChild = Evidence("education.designatedTeacherForLookedAfterChild", e => e.Education?.DesignatedTeacherForLookedAfterChild);
        public static readonly Fact<bool> WelfareOfficerAssigned = Evidence("education.welfareOfficerAssigned", e => e.Education?.WelfareOfficerAssigned);
        public static readonly Fact<bool> TravellerEducationAccessed = Evidence("education.travellerEducationAccessed", e => e.Education?.TravellerEducationAccessed);
        public static readonly Fact<bool> HomeEducationLiaisonSustained = Evidence("education.homeEducationLiaisonSustained", e => e.Education?.HomeEducationLiaisonSustained);
        public static readonly Fact<bool> EducationalPsychologyAfterInitialAssessment = Evidence("education.educationalPsychologyAfterInitialAssessment", e => e.Education?.EducationalPsychologyAfterInitialAssessment);
        public static readonly Fact<bool> LeftPlaceOfEducation = Evidence("education.leftPlaceOfEducation", e => e.Education?.LeftPlaceOfEducation);
        public static readonly Fact<bool> NeedReduced = Evidence("education.needReduced", e => e.Education?.NeedReduced);
        public static readonly Fact<bool> ServiceNoLongerAccessed = Evidence("education.serviceNoLongerAccessed", e => e.Education?.ServiceNoLongerAccessed);
        public static readonly Fact<DateOnly> LastContactDate = Evidence("education.lastContactDate", e => e.Education?.LastContactDate);
        public static readonly Fact<bool> KeptOpenByPractitioner = Evidence("education.keptOpenByPractitioner", e => e.Education?.KeptOpenByPractitioner);
    }
}
