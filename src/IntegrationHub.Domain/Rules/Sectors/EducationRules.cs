using IntegrationHub.Domain.Involvements;
using static IntegrationHub.Domain.Rules.Condition;
using static IntegrationHub.Domain.Rules.Sectors.CommonRules;
using Evidence = IntegrationHub.Domain.Rules.Facts.Education;

namespace IntegrationHub.Domain.Rules.Sectors;

/// <summary>Education Sector, maintained and independent (000 4.8): universal and additional services.</summary>
public static class EducationRules
{
    private static readonly GuidanceReference TriggersSection = Section("4.8.2");
    private static readonly GuidanceReference NamingSection = Section("4.8.3");
    private static readonly GuidancePeriod OneYear = GuidancePeriod.OfYears(1);

    public static SectorDefinition Universal { get; } = BuildUniversal(SectorIds.EducationUniversal);

    public static SectorDefinition Additional { get; } = BuildAdditional(SectorIds.EducationAdditional);

    private static SectorDefinition BuildUniversal(string id) => new()
    {
        Id = id,
        Sector = "Education",
        Service = "Universal Services",
        GuidanceVersion = GuidanceVersion,
        Section = Section("4.8"),
        Age = ChildhoodTo25WithConsent(id, CareLeaversAndLearningDifficulties),
        // Universal services are never sensitive (1.5.3); a school nurse giving a sensitive service records it
        // under the additional services with consent (see educationAdditional.start.schoolNurseSensitiveService).
        Sensitivity = SpecialistAndTargetedMayBeSensitive(id),
        Names = [Named(id, "educationalServices", "Educational Services", NamingSection)],
        ServiceTypes =
        [
            new ServiceTypeRule(
                $"{id}.type.universal",
                ServiceType.Universal,
                Always,
                "Education involvements are 'Universal' when relating to primary, secondary or early years education",
                NamingSection),
        ],
        Triggers =
        [
            new Trigger(
                $"{id}.start.registered",
                InvolvementAction.Start,
                "A child starts or is registered in early, primary or secondary education; a new place of education records its own start date",
                TriggersSection,
                IsTrue(Evidence.RegisteredAtPlaceOfEducation)),
            new Trigger(
                $"{id}.start.schoolNurse",
                InvolvementAction.Start,
                "A sustained, significant or relevant involvement with a school nurse has taken place (not general first aid)",
                TriggersSection,
                IsTrue(Evidence.SchoolNurseSustainedInvolvement)),
            PractitionerDetailsChanged(id, "The details of a primary or secondary education practitioner, team or organisation change", Section("3.3")),
            ChildDetailsChanged(id, TriggersSection),
            new Trigger(
                $"{id}.end.leftPlaceOfEducation",
                InvolvementAction.End,
                "A child or young person leaves a place of education: the establishment records an end date",
                TriggersSection,
                IsTrue(Evidence.LeftPlaceOfEducation)),
            new Trigger(
                $"{id}.end.schoolNurseServiceEnded",
                InvolvementAction.End,
                "A child no longer accesses a service that the school nurse considers significant or relevant",
                TriggersSection,
                IsTrue(Evidence.ServiceNoLongerAccessed)),
        ],
    };

    private static SectorDefinition BuildAdditional(string id) => new()
    {
        Id = id,
        Sector = "Education",
        Service = "Additional Services",
        GuidanceVersion = GuidanceVersion,
        Section = Section("4.8"),
        Age = ChildhoodTo25WithConsent(id, CareLeaversAndLearningDifficulties),
        Sensitivity = SpecialistAndTargetedMayBeSensitive(id),
        Names = [Named(id, "additionalEducationalServices", "Additional Educational Services", NamingSection)],
        ServiceTypes = [AlwaysSpecialistAndTargeted(id, NamingSection)],
        Triggers =
        [
            new Trigger(
                $"{id}.start.sen",
                InvolvementAction.Start,
                "SEN: a child has or is given a school action plan, school action plan plus or a statement",
                TriggersSection,
                IsOneOf(Evidence.SenStage, SenStage.Action, SenStage.ActionPlus, SenStage.Statement)),
            new Trigger(
                $"{id}.start.designatedTeacher",
                InvolvementAction.Start,
                "Designated teacher for looked after children: a looked after child is assigned a designated teacher or staff member",
                TriggersSection,
                IsTrue(Evidence.DesignatedTeacherForLookedAfterChild)),
            new Trigger(
                $"{id}.start.welfareOfficer",
                InvolvementAction.Start,
                "Educational Welfare Service: the child is referred to the service and assigned an Education Welfare Officer",
                TriggersSection,
                IsTrue(Evidence.WelfareOfficerAssigned)),
            new Trigger(
                $"{id}.start.travellerEducation",
                InvolvementAction.Start,
                "Traveller Education Services: any Traveller Education Services are accessed",
                TriggersSection,
                IsTrue(Evidence.TravellerEducationAccessed)),
            new Trigger(
                $"{id}.start.homeEducationLiaison",
                InvolvementAction.Start,
                "Home Education Liaison: the child begins accessing its services and the involvement is sustained, significant or useful",
                TriggersSection,
                IsTrue(Evidence.HomeEducationLiaisonSustained)),
            new Trigger(
                $"{id}.start.educationalPsychology",
                InvolvementAction.Start,
                "Educational Psychology Service: once an initial assessment is completed and it is decided the service will provide a service (with consent if sensitive)",
                TriggersSection,
                IsTrue(Evidence.EducationalPsychologyAfterInitialAssessment)),
            new Trigger(
                $"{id}.start.schoolNurseSensitiveService",
                InvolvementAction.Start,
                "A school nurse providing a sensitive service records it, with consent, as a sensitive service; only specialist and targeted services can be sensitive (1.5.3)",
                TriggersSection,
                All(IsTrue(Evidence.SchoolNurseSustainedInvolvement), IsTrue(Facts.Sensitive))),
            new Trigger(
                $"{id}.start.professionalJudgement",
                InvolvementAction.Start,
                "A practitioner believes a service particular to an area, school or child should be on the child's record",
                Section("4.8.1"),
                IsTrue(Facts.ProfessionalJudgement)),
            PractitionerDetailsChanged(id, "The practitioner providing an additional service to the child changes", TriggersSection),
            ChildDetailsChanged(id, TriggersSection),
            new Trigger(
                $"{id}.end.needReduced",
                InvolvementAction.End,
                "The level of need reduces, e.g. a child is no longer on a school action plan",
                TriggersSection,
                IsTrue(Evidence.NeedReduced)),
            new Trigger(
                $"{id}.end.serviceNoLongerAccessed",
                InvolvementAction.End,
                "The child no longer accesses Educational Welfare, Educational Psychology or Home Education Liaison services, or an Education Welfare Officer",
                TriggersSection,
                IsTrue(Evidence.ServiceNoLongerAccessed)),
            new Trigger(
                $"{id}.end.consentWithdrawn",
                InvolvementAction.End,
                "Consent is withdrawn by a child or young person for a sensitive service to be shown",
                TriggersSection,
                IsTrue(Facts.SensitiveConsentWithdrawn)),
            new Trigger(
                $"{id}.end.travellerNoContactForAYear",
                InvolvementAction.End,
                "Traveller Services: a practitioner has not provided a service to, or been in contact with, the child for a year or more",
                TriggersSection,
                All(IsTrue(Evidence.TravellerEducationAccessed), PeriodElapsed(Evidence.LastContactDate, OneYear))),
        ],
        TimeBasedRules =
        [
            new TimeBasedRule(
                $"{id}.timeBased.travellerNoContactForAYear",
                TimeBasedOutcome.EndInvolvement,
                Evidence.LastContactDate,
                OneYear,
                All(IsTrue(Evidence.TravellerEducationAccessed), IsNotTrue(Evidence.KeptOpenByPractitioner)),
                "The hub closes a Traveller Education involvement after a year without service or contact, unless the practitioner keeps it open",
                TriggersSection),
        ],
    };
}
