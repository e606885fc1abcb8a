using IntegrationHub.Domain.Involvements;
using IntegrationHub.Domain.Rules.Sectors;

namespace IntegrationHub.Domain.Tests.Rules;

/// <summary>
/// Valid involvements per sector, as the guidance's "what ContactPoint will show" examples describe them.
/// Every test case starts from one of these and changes only what it is about.
/// </summary>
internal static class Samples
{
    public static readonly DateOnly StartDate = new(2009, 6, 1);
    public static readonly DateOnly EndDate = new(2009, 9, 1);

    /// <summary>A date of birth giving <paramref name="years"/> completed years on <see cref="StartDate"/>.</summary>
    public static DateOnly BornAged(int years) => new(StartDate.Year - years, 1, 15);

    public static DateOnly DateOfBirth(string sector) => sector switch
    {
        SectorIds.Connexions or SectorIds.YouthService => BornAged(14),
        SectorIds.EarlyYears => BornAged(3),
        _ => BornAged(10),
    };

    /// <summary>A start that meets every rule of its sector.</summary>
    public static ReportedInvolvement ValidStart(string sector) => sector switch
    {
        SectorIds.Connexions => Base(sector, "Connexions Cornwall and Devon Enhanced Service 1", "Connexions Cornwall and Devon", ServiceType.SpecialistAndTargeted)
            with { Evidence = new TriggerEvidence { Connexions = new ConnexionsEvidence { LevelOfNeed = ConnexionsLevelOfNeed.Level2 } } },
        SectorIds.YouthService => Base(sector, "Youth service 1", "Kent County Council", ServiceType.SpecialistAndTargeted)
            with { Evidence = new TriggerEvidence { YouthService = new YouthServiceEvidence { WorkingTowardsRecordedOrAccreditedOutcomes = true } } },
        SectorIds.SocialCare => Base(sector, "Children's Social Care 12345", "Salford City Council", ServiceType.SpecialistAndTargeted)
            with { TeamName = "Team 4", Evidence = new TriggerEvidence { SocialCare = new SocialCareEvidence { InitialAssessmentStarted = true } } },
        SectorIds.VoluntaryNationalPartner => Base(sector, "The Children's Society UK Contact Centre 1", "The Children's Society", ServiceType.SpecialistAndTargeted)
            with { Evidence = new TriggerEvidence { Voluntary = new VoluntaryEvidence { InvolvementRecordedInPartnerSystem = true } } },
        SectorIds.VoluntaryVcso => Base(sector, "Brighter Futures Mentoring 1", "Brighter Futures", ServiceType.SpecialistAndTargeted)
            with { Evidence = new TriggerEvidence { Voluntary = new VoluntaryEvidence { SpecialistServiceDelivered = true } } },
        SectorIds.YouthOffending => Base(sector, "Community Safety 1", "The London Borough of Camden", ServiceType.SpecialistAndTargeted)
            with { TeamName = "Youth Offending Team", Evidence = new TriggerEvidence { YouthOffending = new YouthOffendingEvidence { AssessmentCompleted = YouthOffendingAssessment.Asset } } },
        SectorIds.Police => Base(sector, "Community Safety 2", "Staffordshire Police", ServiceType.SpecialistAndTargeted)
            with { Evidence = new TriggerEvidence { Police = new PoliceEvidence { SeriousIncidentRole = SeriousIncidentRole.Witness } } },
        SectorIds.EarlyYears => Base(sector, "Early Years 1", "Westminster Nursery", ServiceType.Universal)
            with { Evidence = new TriggerEvidence { EarlyYears = new EarlyYearsEvidence { UniversalEarlyYearsService = true } } },
        SectorIds.EducationUniversal => Base(sector, "Educational Services 1", "High Bank School", ServiceType.Universal)
            with { Evidence = new TriggerEvidence { Education = new EducationEvidence { RegisteredAtPlaceOfEducation = true } } },
        SectorIds.EducationAdditional => Base(sector, "Additional Educational Services 1", "High Bank School", ServiceType.SpecialistAndTargeted)
            with { Evidence = new TriggerEvidence { Education = new EducationEvidence { SenStage = SenStage.Action } } },
        _ => throw new ArgumentOutOfRangeException(nameof(sector), sector, "No sample for this sector."),
    };

    public static ReportedInvolvement Starting(string sector, TriggerEvidence evidence) => ValidStart(sector) with { Evidence = evidence };

    public static ReportedInvolvement Updating(string sector, TriggerEvidence evidence) =>
        ValidStart(sector) with { Action = InvolvementAction.Update, Evidence = evidence };

    public static ReportedInvolvement Ending(string sector, TriggerEvidence evidence, DateOnly? endDate = null) =>
        ValidStart(sector) with { Action = InvolvementAction.End, EndDate = endDate ?? EndDate, Evidence = evidence };

    private static ReportedInvolvement Base(string sector, string name, string organisation, ServiceType type) => new()
    {
        Sector = sector,
        Action = InvolvementAction.Start,
        ServiceProvisionName = name,
        StartDate = StartDate,
        ServiceType = type,
        OrganisationName = organisation,
        TeamName = "Team 1",
    };
}
