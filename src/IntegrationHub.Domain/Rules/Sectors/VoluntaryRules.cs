using IntegrationHub.Domain.Involvements;
using static IntegrationHub.Domain.Rules.Condition;
using static IntegrationHub.Domain.Rules.Sectors.CommonRules;
using Evidence = IntegrationHub.Domain.Rules.Facts.Voluntary;

namespace IntegrationHub.Domain.Rules.Sectors;

/// <summary>Voluntary and Community Sector: national partners and local VCSOs (000 4.4).</summary>
public static class VoluntaryRules
{
    private static readonly GuidanceReference TriggersSection = Section("4.4.2");
    private static readonly GuidanceReference NamingSection = Section("4.4.3");

    public static SectorDefinition NationalPartner { get; } = Build(
        SectorIds.VoluntaryNationalPartner,
        "National Partner",
        new Trigger(
            $"{SectorIds.VoluntaryNationalPartner}.start.involvementRecorded",
            InvolvementAction.Start,
            "Any involvement is recorded with a child or young person in a national partner data source or case management system",
            TriggersSection,
            IsTrue(Evidence.InvolvementRecordedInPartnerSystem)),
        new Trigger(
            $"{SectorIds.VoluntaryNationalPartner}.end.involvementClosed",
            InvolvementAction.End,
            "The involvement is closed",
            TriggersSection,
            IsTrue(Evidence.InvolvementClosed)));

    public static SectorDefinition Vcso { get; } = Build(
        SectorIds.VoluntaryVcso,
        "VCSO",
        new Trigger(
            $"{SectorIds.VoluntaryVcso}.start.specialistService",
            InvolvementAction.Start,
            "A 'specialist and targeted' service is being delivered to the child or young person",
            TriggersSection,
            IsTrue(Evidence.SpecialistServiceDelivered)),
        new Trigger(
            $"{SectorIds.VoluntaryVcso}.end.serviceClosed",
            InvolvementAction.End,
            "The Specialist and Targeted Service involvement is closed",
            TriggersSection,
            IsTrue(Evidence.InvolvementClosed)));

    private static SectorDefinition Build(string id, string service, Trigger start, Trigger end) => new()
    {
        Id = id,
        Sector = "Voluntary and Community",
        Service = service,
        GuidanceVersion = GuidanceVersion,
        Section = Section("4.4"),
        Age = ChildhoodTo25WithConsent(id, CareLeaversAndLearningDifficulties),
        Sensitivity = SpecialistAndTargetedMayBeSensitive(id),
        Names =
        [
            new NameRule(
                $"{id}.name.organisationAndService",
                new OrganisationAndService(),
                Always,
                "Service Provision Name should be the National Partner or VCSO name plus the type of service, with a unique tag added",
                NamingSection),
        ],
        ServiceTypes = [AlwaysSpecialistAndTargeted(id, NamingSection)],
        Triggers =
        [
            start,
            PractitionerDetailsChanged(id, "The contact details of the practitioner, team or organisation change and the involvement has not yet ended", TriggersSection),
            ChildDetailsChanged(id, TriggersSection),
            end,
        ],
    };
}
