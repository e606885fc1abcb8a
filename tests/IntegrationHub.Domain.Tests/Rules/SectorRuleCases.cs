using IntegrationHub.Domain.Involvements;
using IntegrationHub.Domain.Rules;
using IntegrationHub.Domain.Rules.Sectors;
using static IntegrationHub.Domain.Tests.Rules.Samples;
using Codes = IntegrationHub.Domain.Rules.ViolationCodes;

namespace IntegrationHub.Domain.Tests.Rules;

/// <summary>One row: an involvement, and whether the engine accepts it or rejects it under the covered rule.</summary>
public sealed record RuleCase(
    string Covers,
    bool Passes,
    string Situation,
    ReportedInvolvement Involvement,
    DateOnly DateOfBirth,
    string? Code,
    string ExpectedRuleId) : ICoverageCase;

/// <summary>
/// The sector rules table: for every trigger and convention of every Guidance v4.0 definition, a case that
/// passes and a case that fails. Passing cases are accepted outright (no violation at all); failing cases
/// carry a violation with the expected code and rule id.
/// </summary>
internal static class SectorRuleCases
{
    public static IEnumerable<RuleCase> All =>
        Connexions()
            .Concat(YouthService())
            .Concat(SocialCare())
            .Concat(Voluntary(SectorIds.VoluntaryNationalPartner, "involvementRecorded", "involvementClosed", new VoluntaryEvidence { InvolvementRecordedInPartnerSystem = false }))
            .Concat(Voluntary(SectorIds.VoluntaryVcso, "specialistService", "serviceClosed", new VoluntaryEvidence { SpecialistServiceDelivered = false }))
            .Concat(YouthOffending())
            .Concat(Police())
            .Concat(EarlyYears())
            .Concat(EducationUniversal())
            .Concat(EducationAdditional());

    private static RuleCase Accepts(string rule, string situation, ReportedInvolvement involvement, DateOnly? dateOfBirth = null) =>
        new(rule, true, situation, involvement, dateOfBirth ?? DateOfBirth(involvement.Sector), null, rule);

    private static RuleCase Rejects(string rule, string code, string situation, ReportedInvolvement involvement, DateOnly? dateOfBirth = null, string? because = null) =>
        new(rule, false, situation, involvement, dateOfBirth ?? DateOfBirth(involvement.Sector), code, because ?? rule);

    private static IEnumerable<RuleCase> Connexions()
    {
        const string s = SectorIds.Connexions;
        static TriggerEvidence Need(ConnexionsLevelOfNeed? level, ConnexionsLevelOfNeed? previous = null, bool? additional = null) =>
            new() { Connexions = new ConnexionsEvidence { LevelOfNeed = level, PreviousLevelOfNeed = previous, AdditionalPersonalAdviser = additional } };

        yield return Accepts($"{s}.start.levelOfNeed", "a young person of 13 with level of need 1", Starting(s, Need(ConnexionsLevelOfNeed.Level1)), BornAged(13));
        yield return Rejects($"{s}.start.levelOfNeed", Codes.TriggerNotMet, "a young person with level of need 3", Starting(s, Need(ConnexionsLevelOfNeed.Level3)));
        yield return Rejects($"{s}.start.levelOfNeed", Codes.TriggerNotMet, "a child of 12 with level of need 1", Starting(s, Need(ConnexionsLevelOfNeed.Level1)), BornAged(12));
        yield return Accepts($"{s}.start.levelOfNeedIncreased", "need changes from 3 to 2", Starting(s, Need(ConnexionsLevelOfNeed.Level2, ConnexionsLevelOfNeed.Level3)));
        yield return Rejects($"{s}.start.levelOfNeedIncreased", Codes.TriggerNotMet, "need changes from 2 to 1 - the involvement is already recorded, send an update", Starting(s, Need(ConnexionsLevelOfNeed.Level1, ConnexionsLevelOfNeed.Level2)));
        yield return Accepts($"{s}.start.additionalPersonalAdviser", "an additional personal adviser starts", Starting(s, Need(null, additional: true)));
        yield return Rejects($"{s}.start.additionalPersonalAdviser", Codes.TriggerNotMet, "no additional personal adviser and no level of need", Starting(s, Need(null, additional: false)));
        foreach (var c in UpdateTriggers(s))
        {
            yield return c;
        }

        yield return Accepts($"{s}.end.levelOfNeedReduced", "need reduces to 3", Ending(s, Need(ConnexionsLevelOfNeed.Level3)));
        yield return Rejects($"{s}.end.levelOfNeedReduced", Codes.TriggerNotMet, "need is still 2", Ending(s, Need(ConnexionsLevelOfNeed.Level2)));
        yield return Accepts($"{s}.name.localEnhancedService", "Connexions Cornwall & Devon Enhanced Service without a tag", ValidStart(s) with { ServiceProvisionName = "Connexions Cornwall & Devon Enhanced Service" });
        yield return Accepts($"{s}.name.localEnhancedService", "a dash before the unique tag", ValidStart(s) with { ServiceProvisionName = "Connexions Kent Enhanced Service - 2" });
        yield return Rejects($"{s}.name.localEnhancedService", Codes.NameConvention, "a corporate name other practitioners would not recognise", ValidStart(s) with { ServiceProvisionName = "CXN Partnership South West 1" });
        yield return Rejects($"{s}.name.localEnhancedService", Codes.NameConvention, "no local name", ValidStart(s) with { ServiceProvisionName = "Connexions Enhanced Service 1" });
        foreach (var c in AlwaysSpecialistAndTargeted(s))
        {
            yield return c;
        }

        yield return Accepts($"{s}.age", "a young person of 18 recorded with consent to 19", ValidStart(s), BornAged(18));
        yield return Rejects($"{s}.age", Codes.AgeOutOfRange, "a child of 12", ValidStart(s), BornAged(12));
        yield return Rejects($"{s}.age", Codes.AgeOutOfRange, "a young person of 25", ValidStart(s), BornAged(25));
        foreach (var c in SensitiveOnlyWhenSpecialist(s))
        {
            yield return c;
        }
    }

    private static IEnumerable<RuleCase> YouthService()
    {
        const string s = SectorIds.YouthService;
        static TriggerEvidence Youth(YouthServiceEvidence evidence) => new() { YouthService = evidence };

        yield return Accepts($"{s}.start.participation", "participation with 2 attendances in 12 months", Starting(s, Youth(new() { InParticipationCategory = true, AttendancesInLast12Months = 2 })));
        yield return Rejects($"{s}.start.participation", Codes.TriggerNotMet, "participation with 1 attendance", Starting(s, Youth(new() { InParticipationCategory = true, AttendancesInLast12Months = 1 })));
        yield return Rejects($"{s}.start.participation", Codes.TriggerNotMet, "2 attendances outside the participation category", Starting(s, Youth(new() { InParticipationCategory = false, AttendancesInLast12Months = 2 })));
        yield return Accepts($"{s}.start.genericLeisureParticipation", "a pool club with 4 attendances", Starting(s, Youth(new() { InParticipationCategory = true, GenericLeisureActivity = true, AttendancesInLast12Months = 4 })));
        yield return Rejects($"{s}.start.genericLeisureParticipation", Codes.TriggerNotMet, "a pool club with 3 attendances", Starting(s, Youth(new() { InParticipationCategory = true, GenericLeisureActivity = true, AttendancesInLast12Months = 3 })));
        yield return Accepts($"{s}.start.recordedOutcomes", "working towards accredited outcomes", Starting(s, Youth(new() { WorkingTowardsRecordedOrAccreditedOutcomes = true })));
        yield return Rejects($"{s}.start.recordedOutcomes", Codes.TriggerNotMet, "not working towards outcomes", Starting(s, Youth(new() { WorkingTowardsRecordedOrAccreditedOutcomes = false })));
        yield return Accepts($"{s}.start.keyWorkerFlag", "a key worker flags a specialist service", Starting(s, Youth(new() { KeyWorkerFlaggedSpecialistService = true })));
        yield return Rejects($"{s}.start.keyWorkerFlag", Codes.TriggerNotMet, "no key worker flag", Starting(s, Youth(new() { KeyWorkerFlaggedSpecialistService = false })));
        foreach (var c in UpdateTriggers(s))
        {
            yield return c;
        }

        yield return Accepts($"{s}.end.yearAfterLastAttendance", "a year after the last attendance", Ending(s, Youth(new() { LastAttendanceDate = EndDate.AddYears(-1) })));
        yield return Rejects($"{s}.end.yearAfterLastAttendance", Codes.TriggerNotMet, "six months after the last attendance", Ending(s, Youth(new() { LastAttendanceDate = EndDate.AddMonths(-6) })));
        yield return Accepts($"{s}.name.youthService", "Youth Service in any case without a tag", ValidStart(s) with { ServiceProvisionName = "Youth Service" });
        yield return Rejects($"{s}.name.youthService", Codes.NameConvention, "a corporate name", ValidStart(s) with { ServiceProvisionName = "Kent Youth Service 1" });
        yield return Rejects($"{s}.name.youthService", Codes.NameConvention, "a tag without a digit", ValidStart(s) with { ServiceProvisionName = "Youth service Thursday" });
        foreach (var c in AlwaysSpecialistAndTargeted(s))
        {
            yield return c;
        }

        yield return Accepts($"{s}.age", "a young person of 13", ValidStart(s), BornAged(13));
        yield return Rejects($"{s}.age", Codes.AgeOutOfRange, "a child of 12", ValidStart(s), BornAged(12));
        foreach (var c in SensitiveOnlyWhenSpecialist(s))
        {
            yield return c;
        }
    }

    private static IEnumerable<RuleCase> SocialCare()
    {
        const string s = SectorIds.SocialCare;
        static TriggerEvidence Care(SocialCareEvidence evidence) => new() { SocialCare = evidence };
        var nothing = Care(new SocialCareEvidence());

        yield return Accepts($"{s}.start.initialAssessment", "an initial assessment started", Starting(s, Care(new() { InitialAssessmentStarted = true })));
        yield return Rejects($"{s}.start.initialAssessment", Codes.TriggerNotMet, "no initial assessment started", Starting(s, Care(new() { InitialAssessmentStarted = false })));
        yield return Accepts($"{s}.start.allocatedSocialWorker", "an allocated social worker assigned", Starting(s, Care(new() { PractitionerAssigned = SocialCarePractitionerRole.AllocatedSocialWorker })));
        yield return Rejects($"{s}.start.allocatedSocialWorker", Codes.TriggerNotMet, "no social worker assigned", Starting(s, nothing));
        yield return Accepts($"{s}.start.furtherPractitioner", "a further practitioner assigned", Starting(s, Care(new() { PractitionerAssigned = SocialCarePractitionerRole.FurtherPractitioner })));
        yield return Rejects($"{s}.start.furtherPractitioner", Codes.TriggerNotMet, "no further practitioner assigned", Starting(s, nothing));
        foreach (var c in UpdateTriggers(s))
        {
            yield return c;
        }

        yield return Accepts($"{s}.end.caseClosed", "the case is closed", Ending(s, Care(new() { CaseClosed = true })));
        yield return Rejects($"{s}.end.caseClosed", Codes.TriggerNotMet, "the case is still open", Ending(s, Care(new() { CaseClosed = false })));
        yield return Accepts($"{s}.name.children", "Children's Social Care for a child of 10", ValidStart(s));
        yield return Accepts($"{s}.name.children", "a curly apostrophe and a dashed tag", ValidStart(s) with { ServiceProvisionName = "Children\u2019s Social Care - 99" });
        yield return Rejects($"{s}.name.children", Codes.NameConvention, "Adult Social Care for a child of 10", ValidStart(s) with { ServiceProvisionName = "Adult Social Care 1" });
        yield return Rejects($"{s}.name.children", Codes.NameConvention, "a team name instead of a unique tag", ValidStart(s) with { ServiceProvisionName = "Children's Social Care Team" });
        yield return Accepts($"{s}.name.adult", "Adult Social Care for a young person of 19", ValidStart(s) with { ServiceProvisionName = "Adult Social Care 7" }, BornAged(19));
        yield return Rejects($"{s}.name.adult", Codes.NameConvention, "Children's Social Care for a young person of 18", ValidStart(s), BornAged(18));
        foreach (var c in AlwaysSpecialistAndTargeted(s))
        {
            yield return c;
        }

        yield return Accepts($"{s}.age", "a new-born child", ValidStart(s), StartDate);
        yield return Rejects($"{s}.age", Codes.AgeOutOfRange, "a start date before the date of birth", ValidStart(s), StartDate.AddDays(1));
        yield return Rejects($"{s}.age", Codes.AgeOutOfRange, "a young person of 25", ValidStart(s) with { ServiceProvisionName = "Adult Social Care 1" }, BornAged(25));
        foreach (var c in SensitiveOnlyWhenSpecialist(s))
        {
            yield return c;
        }
    }

    private static IEnumerable<RuleCase> Voluntary(string s, string startRule, string endRule, VoluntaryEvidence startNotMet)
    {
        static TriggerEvidence Vol(VoluntaryEvidence evidence) => new() { Voluntary = evidence };

        yield return Accepts($"{s}.start.{startRule}", "the trigger's evidence", ValidStart(s));
        yield return Rejects($"{s}.start.{startRule}", Codes.TriggerNotMet, "no involvement or service yet", Starting(s, Vol(startNotMet)));
        foreach (var c in UpdateTriggers(s))
        {
            yield return c;
        }

        yield return Accepts($"{s}.end.{endRule}", "the involvement is closed", Ending(s, Vol(new() { InvolvementClosed = true })));
        yield return Rejects($"{s}.end.{endRule}", Codes.TriggerNotMet, "the involvement is still open", Ending(s, Vol(new() { InvolvementClosed = false })));
        yield return Accepts($"{s}.name.organisationAndService", "the organisation name then the type of service", ValidStart(s));
        yield return Rejects($"{s}.name.organisationAndService", Codes.NameConvention, "the type of service without the organisation name", ValidStart(s) with { ServiceProvisionName = "UK Contact Centre 1" });
        yield return Rejects($"{s}.name.organisationAndService", Codes.NameConvention, "the organisation name without the type of service", ValidStart(s) with { ServiceProvisionName = ValidStart(s).OrganisationName! });
        yield return Rejects($"{s}.name.organisationAndService", Codes.NameConvention, "no organisation name sent", ValidStart(s) with { OrganisationName = null });
        foreach (var c in AlwaysSpecialistAndTargeted(s))
        {
            yield return c;
        }

        yield return Accepts($"{s}.age", "a child of 10", ValidStart(s));
        yield return Rejects($"{s}.age", Codes.AgeOutOfRange, "a young person of 25", ValidStart(s), BornAged(25));
        foreach (var c in SensitiveOnlyWhenSpecialist(s))
        {
            yield return c;
        }
    }

    private static IEnumerable<RuleCase> YouthOffending()
    {
        const string s = SectorIds.YouthOffending;
        static TriggerEvidence Yot(YouthOffendingEvidence evidence) => new() { YouthOffending = evidence };
        var nothing = Yot(new YouthOffendingEvidence());

        yield return Accepts($"{s}.start.assessmentCompleted", "an Onset assessment completed", Starting(s, Yot(new() { AssessmentCompleted = YouthOffendingAssessment.Onset })));
        yield return Rejects($"{s}.start.assessmentCompleted", Codes.TriggerNotMet, "no assessment completed", Starting(s, nothing));
        yield return Accepts($"{s}.start.interventionWithoutAssessment", "an intervention after a final warning", Starting(s, Yot(new() { InterventionTrigger = YouthOffendingInterventionTrigger.FinalWarning })));
        yield return Accepts($"{s}.start.interventionWithoutAssessment", "an intervention after a court order", Starting(s, Yot(new() { InterventionTrigger = YouthOffendingInterventionTrigger.CourtOrder })));
        yield return Rejects($"{s}.start.interventionWithoutAssessment", Codes.TriggerNotMet, "no intervention triggered", Starting(s, nothing));
        yield return Accepts($"{s}.start.professionalJudgement", "professional judgement for a young victim of crime", Starting(s, new() { ProfessionalJudgement = true }));
        yield return Rejects($"{s}.start.professionalJudgement", Codes.TriggerNotMet, "no professional judgement recorded", Starting(s, new() { ProfessionalJudgement = false }));
        foreach (var c in UpdateTriggers(s))
        {
            yield return c;
        }

        yield return Accepts($"{s}.end.interventionConcluded", "the intervention concluded", Ending(s, Yot(new() { InterventionConcluded = true })));
        yield return Rejects($"{s}.end.interventionConcluded", Codes.TriggerNotMet, "the intervention continues", Ending(s, Yot(new() { InterventionConcluded = false })));
        yield return Accepts($"{s}.end.assessmentWithoutIntervention", "no intervention follows and start equals end", Ending(s, Yot(new() { AssessmentNotFollowedByIntervention = true }), StartDate));
        yield return Rejects($"{s}.end.assessmentWithoutIntervention", Codes.TriggerNotMet, "no intervention follows but the end date differs from the start", Ending(s, Yot(new() { AssessmentNotFollowedByIntervention = true })));
        yield return Accepts($"{s}.name.communitySafety", "Community Safety with a tag", ValidStart(s));
        yield return Rejects($"{s}.name.communitySafety", Codes.NameConvention, "Youth Offending Service as the provision name", ValidStart(s) with { ServiceProvisionName = "Youth Offending Service 1" });
        foreach (var c in AlwaysSpecialistAndTargeted(s))
        {
            yield return c;
        }

        yield return Accepts($"{s}.age", "a young person of 17", ValidStart(s), BornAged(17));
        yield return Rejects($"{s}.age", Codes.AgeOutOfRange, "a young person of 25", ValidStart(s), BornAged(25));
        foreach (var c in NeverSensitive(s))
        {
            yield return c;
        }

        yield return Accepts($"{s}.caseData.youthOffendingTeamName", "the provider shown as the Youth Offending Team", ValidStart(s) with { TeamName = "Youth Offending Team", OrganisationName = "Camden Youth Offending Service" });
        yield return Rejects($"{s}.caseData.youthOffendingTeamName", Codes.CaseDataTerm, "Youth Offending in the service provision name", ValidStart(s) with { ServiceProvisionName = "Community Safety Youth Offending 1" }, because: "caseData.youthOffending");
    }

    private static IEnumerable<RuleCase> Police()
    {
        const string s = SectorIds.Police;
        static TriggerEvidence Pol(PoliceEvidence evidence) => new() { Police = evidence };
        var nothing = Pol(new PoliceEvidence());

        yield return Accepts($"{s}.start.childAbuseInvestigation", "a child abuse investigation initiated", Starting(s, Pol(new() { ChildAbuseInvestigationInitiated = true })));
        yield return Rejects($"{s}.start.childAbuseInvestigation", Codes.TriggerNotMet, "no investigation initiated", Starting(s, Pol(new() { ChildAbuseInvestigationInitiated = false })));
        yield return Accepts($"{s}.start.seriousIncident", "the victim of a serious incident", Starting(s, Pol(new() { SeriousIncidentRole = SeriousIncidentRole.Victim })));
        yield return Accepts($"{s}.start.seriousIncident", "the perpetrator of a serious incident", Starting(s, Pol(new() { SeriousIncidentRole = SeriousIncidentRole.Perpetrator })));
        yield return Rejects($"{s}.start.seriousIncident", Codes.TriggerNotMet, "no serious incident", Starting(s, nothing));
        yield return Accepts(
            $"{s}.start.schoolsOfficerAfterAYear",
            "a schools officer still involved a year after the last involvement started",
            Starting(s, Pol(new() { SchoolsOfficer = true, ContinuesInvolvementStartedOn = StartDate.AddYears(-1) })) with { EndDate = StartDate });
        yield return Rejects(
            $"{s}.start.schoolsOfficerAfterAYear",
            Codes.TriggerNotMet,
            "a schools officer only six months after the last involvement started",
            Starting(s, Pol(new() { SchoolsOfficer = true, ContinuesInvolvementStartedOn = StartDate.AddMonths(-6) })) with { EndDate = StartDate });
        yield return Accepts($"{s}.start.professionalJudgement", "professional judgement for an on-going service", Starting(s, new() { ProfessionalJudgement = true }));
        yield return Rejects($"{s}.start.professionalJudgement", Codes.TriggerNotMet, "no professional judgement recorded", Starting(s, new() { ProfessionalJudgement = false }));
        foreach (var c in UpdateTriggers(s))
        {
            yield return c;
        }

        yield return Accepts($"{s}.end.trialEnded", "the trial ended", Ending(s, Pol(new() { InvestigationOutcome = ChildAbuseInvestigationOutcome.TrialEnded })));
        yield return Rejects($"{s}.end.trialEnded", Codes.TriggerNotMet, "no outcome of the investigation yet", Ending(s, nothing));
        yield return Accepts($"{s}.end.decisionNotToProsecute", "a decision not to prosecute", Ending(s, Pol(new() { InvestigationOutcome = ChildAbuseInvestigationOutcome.DecisionNotToProsecute })));
        yield return Rejects($"{s}.end.decisionNotToProsecute", Codes.TriggerNotMet, "no outcome of the investigation yet", Ending(s, nothing));
        yield return Accepts($"{s}.end.schoolsOfficerSameDay", "a schools officer ends on the start date", Ending(s, Pol(new() { SchoolsOfficer = true }), StartDate));
        yield return Rejects($"{s}.end.schoolsOfficerSameDay", Codes.TriggerNotMet, "a schools officer ends months after the start", Ending(s, Pol(new() { SchoolsOfficer = true })));
        yield return Accepts($"{s}.name.communitySafety", "Community Safety with a tag", ValidStart(s));
        yield return Rejects($"{s}.name.communitySafety", Codes.NameConvention, "the force's name as the provision name", ValidStart(s) with { ServiceProvisionName = "Staffordshire Police 1" });
        foreach (var c in AlwaysSpecialistAndTargeted(s))
        {
            yield return c;
        }

        yield return Accepts($"{s}.age", "a child of 10", ValidStart(s));
        yield return Rejects($"{s}.age", Codes.AgeOutOfRange, "a young person of 25", ValidStart(s), BornAged(25));
        foreach (var c in NeverSensitive(s))
        {
            yield return c;
        }

        yield return Accepts(
            $"{s}.dates.schoolsOfficerStartEqualsEnd",
            "a schools officer's start sent with the same end date",
            Starting(s, Pol(new() { SchoolsOfficer = true, SeriousIncidentRole = SeriousIncidentRole.Witness })) with { EndDate = StartDate });
        yield return Rejects(
            $"{s}.dates.schoolsOfficerStartEqualsEnd",
            Codes.StartMustEqualEnd,
            "a schools officer's start sent open",
            Starting(s, Pol(new() { SchoolsOfficer = true, SeriousIncidentRole = SeriousIncidentRole.Witness })));
    }

    private static IEnumerable<RuleCase> EarlyYears()
    {
        const string s = SectorIds.EarlyYears;
        static TriggerEvidence Ey(EarlyYearsEvidence evidence) => new() { EarlyYears = evidence };
        var centre = Starting(s, Ey(new() { ChildrensCentreSpecialistService = true })) with { ServiceType = ServiceType.SpecialistAndTargeted, OrganisationName = "Brent Children's Centre" };
        var nothing = Ey(new EarlyYearsEvidence());

        yield return Accepts($"{s}.start.universalService", "a nursery provides early education", ValidStart(s));
        yield return Rejects($"{s}.start.universalService", Codes.TriggerNotMet, "no early years service provided", Starting(s, Ey(new() { UniversalEarlyYearsService = false })));
        yield return Accepts($"{s}.start.childrensCentreService", "a Children's Centre specialist service", centre);
        yield return Rejects($"{s}.start.childrensCentreService", Codes.TriggerNotMet, "no Children's Centre service", centre with { Evidence = Ey(new() { ChildrensCentreSpecialistService = false }) });
        foreach (var c in UpdateTriggers(s))
        {
            yield return c;
        }

        yield return Accepts($"{s}.end.noLongerAttends", "the child no longer attends", Ending(s, Ey(new() { NoLongerAttends = true })));
        yield return Rejects($"{s}.end.noLongerAttends", Codes.TriggerNotMet, "no end evidence", Ending(s, nothing));
        yield return Accepts($"{s}.end.allSpecialistServicesClosed", "all Children's Centre services closed", Ending(s, Ey(new() { AllSpecialistServicesClosed = true })));
        yield return Rejects($"{s}.end.allSpecialistServicesClosed", Codes.TriggerNotMet, "no end evidence", Ending(s, nothing));
        yield return Accepts($"{s}.end.takenOffSureStart", "the child taken off Sure Start", Ending(s, Ey(new() { TakenOffSureStart = true })));
        yield return Rejects($"{s}.end.takenOffSureStart", Codes.TriggerNotMet, "no end evidence", Ending(s, nothing));
        yield return Accepts($"{s}.end.noActivityFor90Days", "90 days without activity", Ending(s, Ey(new() { LastActivityDate = EndDate.AddDays(-90) })));
        yield return Rejects($"{s}.end.noActivityFor90Days", Codes.TriggerNotMet, "89 days without activity", Ending(s, Ey(new() { LastActivityDate = EndDate.AddDays(-89) })));
        yield return Accepts($"{s}.name.earlyYears", "Early Years with a tag", ValidStart(s));
        yield return Rejects($"{s}.name.earlyYears", Codes.NameConvention, "the centre's name as the provision name", centre with { ServiceProvisionName = "Brent Children's Centre 1" });
        yield return Accepts($"{s}.type.earlyEducationUniversal", "early education as Universal", ValidStart(s));
        yield return Rejects($"{s}.type.earlyEducationUniversal", Codes.ServiceTypeMismatch, "early education as Specialist and Targeted", ValidStart(s) with { ServiceType = ServiceType.SpecialistAndTargeted });
        yield return Accepts($"{s}.type.childrensCentreSpecialist", "a Children's Centre service as Specialist and Targeted", centre);
        yield return Rejects($"{s}.type.childrensCentreSpecialist", Codes.ServiceTypeMismatch, "a Children's Centre service as Universal", centre with { ServiceType = ServiceType.Universal });
        yield return Accepts($"{s}.age", "a child of 4", ValidStart(s), BornAged(4));
        yield return Accepts($"{s}.age", "a young person of 17 at a Children's Centre", centre, BornAged(17));
        yield return Rejects($"{s}.age", Codes.AgeOutOfRange, "a young person of 18", centre, BornAged(18));
        yield return Accepts($"{s}.sensitive", "a sensitive Children's Centre service with consent", centre with { Sensitive = true, SensitiveConsentBasis = SensitiveConsentBasis.ExplicitConsent });
        yield return Rejects($"{s}.sensitive", Codes.SensitiveUniversalService, "sensitive early education", ValidStart(s) with { Sensitive = true, SensitiveConsentBasis = SensitiveConsentBasis.ExplicitConsent });
    }

    private static IEnumerable<RuleCase> EducationUniversal()
    {
        const string s = SectorIds.EducationUniversal;
        static TriggerEvidence Ed(EducationEvidence evidence) => new() { Education = evidence };
        var nothing = Ed(new EducationEvidence());

        yield return Accepts($"{s}.start.registered", "a child registered at a new school", ValidStart(s));
        yield return Rejects($"{s}.start.registered", Codes.TriggerNotMet, "a child not registered", Starting(s, Ed(new() { RegisteredAtPlaceOfEducation = false })));
        yield return Accepts($"{s}.start.schoolNurse", "a sustained school nurse involvement", Starting(s, Ed(new() { SchoolNurseSustainedInvolvement = true })));
        yield return Rejects($"{s}.start.schoolNurse", Codes.TriggerNotMet, "a plaster for a fall - general first aid", Starting(s, Ed(new() { SchoolNurseSustainedInvolvement = false })));
        foreach (var c in UpdateTriggers(s))
        {
            yield return c;
        }

        yield return Accepts($"{s}.end.leftPlaceOfEducation", "the child left the school", Ending(s, Ed(new() { LeftPlaceOfEducation = true })));
        yield return Rejects($"{s}.end.leftPlaceOfEducation", Codes.TriggerNotMet, "no end evidence", Ending(s, nothing));
        yield return Accepts($"{s}.end.schoolNurseServiceEnded", "the school nurse's service no longer accessed", Ending(s, Ed(new() { ServiceNoLongerAccessed = true })));
        yield return Rejects($"{s}.end.schoolNurseServiceEnded", Codes.TriggerNotMet, "no end evidence", Ending(s, nothing));
        yield return Accepts($"{s}.name.educationalServices", "Educational Services with a tag", ValidStart(s));
        yield return Rejects($"{s}.name.educationalServices", Codes.NameConvention, "Additional Educational Services for a universal service", ValidStart(s) with { ServiceProvisionName = "Additional Educational Services 1" });
        yield return Accepts($"{s}.type.universal", "registration as Universal", ValidStart(s));
        yield return Rejects($"{s}.type.universal", Codes.ServiceTypeMismatch, "registration as Specialist and Targeted", ValidStart(s) with { ServiceType = ServiceType.SpecialistAndTargeted });
        yield return Accepts($"{s}.age", "a child of 4", ValidStart(s), BornAged(4));
        yield return Rejects($"{s}.age", Codes.AgeOutOfRange, "a young person of 25", ValidStart(s), BornAged(25));
        yield return Accepts($"{s}.sensitive", "a school nurse involvement not flagged sensitive", Starting(s, Ed(new() { SchoolNurseSustainedInvolvement = true })));
        yield return Rejects($"{s}.sensitive", Codes.SensitiveUniversalService, "a universal school nurse involvement flagged sensitive", Starting(s, Ed(new() { SchoolNurseSustainedInvolvement = true })) with { Sensitive = true, SensitiveConsentBasis = SensitiveConsentBasis.ExplicitConsent });
    }

    private static IEnumerable<RuleCase> EducationAdditional()
    {
        const string s = SectorIds.EducationAdditional;
        static TriggerEvidence Ed(EducationEvidence evidence) => new() { Education = evidence };
        var nothing = Ed(new EducationEvidence());

        yield return Accepts($"{s}.start.sen", "a school action plus", Starting(s, Ed(new() { SenStage = SenStage.ActionPlus })));
        yield return Accepts($"{s}.start.sen", "a statement", Starting(s, Ed(new() { SenStage = SenStage.Statement })));
        yield return Rejects($"{s}.start.sen", Codes.TriggerNotMet, "no SEN stage", Starting(s, nothing));
        yield return Accepts($"{s}.start.designatedTeacher", "a looked after child assigned a designated teacher", Starting(s, Ed(new() { DesignatedTeacherForLookedAfterChild = true })));
        yield return Rejects($"{s}.start.designatedTeacher", Codes.TriggerNotMet, "no designated teacher", Starting(s, Ed(new() { DesignatedTeacherForLookedAfterChild = false })));
        yield return Accepts($"{s}.start.welfareOfficer", "an Education Welfare Officer assigned", Starting(s, Ed(new() { WelfareOfficerAssigned = true })));
        yield return Rejects($"{s}.start.welfareOfficer", Codes.TriggerNotMet, "referred but no officer assigned", Starting(s, Ed(new() { WelfareOfficerAssigned = false })));
        yield return Accepts($"{s}.start.travellerEducation", "Traveller Education Services accessed", Starting(s, Ed(new() { TravellerEducationAccessed = true })));
        yield return Rejects($"{s}.start.travellerEducation", Codes.TriggerNotMet, "no Traveller Education Services", Starting(s, Ed(new() { TravellerEducationAccessed = false })));
        yield return Accepts($"{s}.start.homeEducationLiaison", "a sustained Home Education Liaison involvement", Starting(s, Ed(new() { HomeEducationLiaisonSustained = true })));
        yield return Rejects($"{s}.start.homeEducationLiaison", Codes.TriggerNotMet, "a one-off Home Education Liaison contact", Starting(s, Ed(new() { HomeEducationLiaisonSustained = false })));
        yield return Accepts($"{s}.start.educationalPsychology", "a service after the initial assessment", Starting(s, Ed(new() { EducationalPsychologyAfterInitialAssessment = true })));
        yield return Rejects($"{s}.start.educationalPsychology", Codes.TriggerNotMet, "an initial assessment with no service decided", Starting(s, Ed(new() { EducationalPsychologyAfterInitialAssessment = false })));
        yield return Accepts(
            $"{s}.start.schoolNurseSensitiveService",
            "a school nurse's sensitive service with consent",
            Starting(s, Ed(new() { SchoolNurseSustainedInvolvement = true })) with { Sensitive = true, SensitiveConsentBasis = SensitiveConsentBasis.ExplicitConsent });
        yield return Rejects($"{s}.start.schoolNurseSensitiveService", Codes.TriggerNotMet, "a school nurse's service that is not sensitive", Starting(s, Ed(new() { SchoolNurseSustainedInvolvement = true })));
        yield return Accepts($"{s}.start.professionalJudgement", "a service particular to the school", Starting(s, new() { ProfessionalJudgement = true }));
        yield return Rejects($"{s}.start.professionalJudgement", Codes.TriggerNotMet, "no professional judgement recorded", Starting(s, new() { ProfessionalJudgement = false }));
        foreach (var c in UpdateTriggers(s))
        {
            yield return c;
        }

        yield return Accepts($"{s}.end.needReduced", "the child is no longer on a school action plan", Ending(s, Ed(new() { NeedReduced = true })));
        yield return Rejects($"{s}.end.needReduced", Codes.TriggerNotMet, "the need has not reduced", Ending(s, Ed(new() { NeedReduced = false })));
        yield return Accepts($"{s}.end.serviceNoLongerAccessed", "the child no longer accesses the service", Ending(s, Ed(new() { ServiceNoLongerAccessed = true })));
        yield return Rejects($"{s}.end.serviceNoLongerAccessed", Codes.TriggerNotMet, "the child still accesses the service", Ending(s, Ed(new() { ServiceNoLongerAccessed = false })));
        yield return Accepts(
            $"{s}.end.consentWithdrawn",
            "consent to the sensitive service withdrawn",
            Ending(s, nothing) with { Sensitive = true, SensitiveConsentBasis = SensitiveConsentBasis.ExplicitConsent, SensitiveConsentWithdrawn = true });
        yield return Rejects($"{s}.end.consentWithdrawn", Codes.TriggerNotMet, "no end evidence", Ending(s, nothing));
        yield return Accepts($"{s}.end.travellerNoContactForAYear", "a year without contact", Ending(s, Ed(new() { TravellerEducationAccessed = true, LastContactDate = EndDate.AddYears(-1) })));
        yield return Rejects($"{s}.end.travellerNoContactForAYear", Codes.TriggerNotMet, "contact three months ago", Ending(s, Ed(new() { TravellerEducationAccessed = true, LastContactDate = EndDate.AddMonths(-3) })));
        yield return Accepts($"{s}.name.additionalEducationalServices", "Additional Educational Services with a tag", ValidStart(s));
        yield return Rejects($"{s}.name.additionalEducationalServices", Codes.NameConvention, "Educational Services for an additional service", ValidStart(s) with { ServiceProvisionName = "Educational Services 1" });
        yield return Rejects($"{s}.name.additionalEducationalServices", Codes.NameConvention, "the kind of additional service in the name", ValidStart(s) with { ServiceProvisionName = "Educational Psychology Service 1" });
        foreach (var c in AlwaysSpecialistAndTargeted(s))
        {
            yield return c;
        }

        yield return Accepts($"{s}.age", "a young person of 17", ValidStart(s), BornAged(17));
        yield return Rejects($"{s}.age", Codes.AgeOutOfRange, "a start date before the date of birth", ValidStart(s), StartDate.AddDays(1));
        foreach (var c in SensitiveOnlyWhenSpecialist(s))
        {
            yield return c;
        }
    }

    private static IEnumerable<RuleCase> UpdateTriggers(string s)
    {
        yield return Accepts($"{s}.update.practitionerDetails", "an update when the practitioner's details changed", Updating(s, new() { PractitionerDetailsChanged = true }));
        yield return Rejects($"{s}.update.practitionerDetails", Codes.TriggerNotMet, "an update when the practitioner's details did not change", Updating(s, new() { PractitionerDetailsChanged = false }));
        yield return Accepts($"{s}.update.childDetails", "an update when the child's details changed", Updating(s, new() { ChildDetailsChanged = true }));
        yield return Rejects($"{s}.update.childDetails", Codes.TriggerNotMet, "an update with nothing changed", Updating(s, new()));
    }

    private static IEnumerable<RuleCase> AlwaysSpecialistAndTargeted(string s)
    {
        yield return Accepts($"{s}.type.specialistAndTargeted", "Specialist and Targeted", ValidStart(s));
        yield return Rejects($"{s}.type.specialistAndTargeted", Codes.ServiceTypeMismatch, "Universal", ValidStart(s) with { ServiceType = ServiceType.Universal });
    }

    private static IEnumerable<RuleCase> SensitiveOnlyWhenSpecialist(string s)
    {
        yield return Accepts($"{s}.sensitive", "a Specialist and Targeted service flagged sensitive with consent", ValidStart(s) with { Sensitive = true, SensitiveConsentBasis = SensitiveConsentBasis.ExplicitConsent });
        yield return Rejects(
            $"{s}.sensitive",
            Codes.SensitiveUniversalService,
            "a Universal service flagged sensitive",
            ValidStart(s) with { Sensitive = true, SensitiveConsentBasis = SensitiveConsentBasis.ExplicitConsent, ServiceType = ServiceType.Universal });
    }

    private static IEnumerable<RuleCase> NeverSensitive(string s)
    {
        yield return Accepts($"{s}.sensitive", "the generic service with no indication of a sensitive service", ValidStart(s));
        yield return Rejects(
            $"{s}.sensitive",
            Codes.SensitiveNotAllowed,
            "an involvement flagged sensitive even with consent",
            ValidStart(s) with { Sensitive = true, SensitiveConsentBasis = SensitiveConsentBasis.ExplicitConsent });
    }
}
