using IntegrationHub.Domain.Involvements;
using static IntegrationHub.Domain.Rules.Condition;
using static IntegrationHub.Domain.Rules.Sectors.CommonRules;
using Evidence = IntegrationHub.Domain.Rules.Facts.SocialCare;

namespace IntegrationHub.Domain.Rules.Sectors;

/// <summary>Social Care Sector (000 4.3).</summary>
public static class SocialCareRules
{
    private const string Id = SectorIds.SocialCare;
    private static readonly GuidanceReference TriggersSection = Section("4.3.2");
    private static readonly GuidanceReference NamingSection = Section("4.3.3");

    public static SectorDefinition Definition { get; } = new()
    {
        Id = Id,
        Sector = "Social Care",
        GuidanceVersion = GuidanceVersion,
        Section = Section("4.3"),
        Age = ChildhoodTo25WithConsent(Id, CareLeaversAndLearningDifficulties),
        Sensitivity = SpecialistAndTargetedMayBeSensitive(Id),
        Names =
        [
            new NameRule(
                $"{Id}.name.children",
                new FixedName("Children's Social Care"),
                Below(Facts.AgeAtStart, 18),
                "Service Provision Name is \"Children's Social Care\" when the child is under 18, with a unique tag added",
                NamingSection),
            new NameRule(
                $"{Id}.name.adult",
                new FixedName("Adult Social Care"),
                AtLeast(Facts.AgeAtStart, 18),
                "Service Provision Name is \"Adult Social Care\" when the young person is 18 or older, with a unique tag added",
                NamingSection),
        ],
        ServiceTypes = [AlwaysSpecialistAndTargeted(Id, NamingSection)],
        Triggers =
        [
            new Trigger(
                $"{Id}.start.initialAssessment",
                InvolvementAction.Start,
                "An initial assessment is started",
                TriggersSection,
                IsTrue(Evidence.InitialAssessmentStarted)),
            new Trigger(
                $"{Id}.start.allocatedSocialWorker",
                InvolvementAction.Start,
                "An allocated social worker is assigned",
                TriggersSection,
                IsOneOf(Evidence.PractitionerAssigned, SocialCarePractitionerRole.AllocatedSocialWorker)),
            new Trigger(
                $"{Id}.start.furtherPractitioner",
                InvolvementAction.Start,
                "One of the two further social care practitioners is assigned",
                TriggersSection,
                IsOneOf(Evidence.PractitionerAssigned, SocialCarePractitionerRole.FurtherPractitioner)),
            PractitionerDetailsChanged(Id, "The details of the allocated social worker or of one of the two further social care contacts change, the case not yet closed", TriggersSection),
            ChildDetailsChanged(Id, TriggersSection),
            new Trigger(
                $"{Id}.end.caseClosed",
                InvolvementAction.End,
                "The case is closed",
                TriggersSection,
                IsTrue(Evidence.CaseClosed)),
        ],
        ConcurrencyLimit = new ConcurrencyLimit(
            $"{Id}.concurrency.threePractitioners",
            3,
            ViolationCodes.SocialCareTooManyPractitioners,
            "Contact details of the allocated social worker plus up to two further social care practitioners, each sent as a separate involvement",
            NamingSection),
    };
}
