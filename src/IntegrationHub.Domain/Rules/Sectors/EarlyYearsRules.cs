using IntegrationHub.Domain.Involvements;
using static IntegrationHub.Domain.Rules.Condition;
using static IntegrationHub.Domain.Rules.Sectors.CommonRules;
using Evidence = IntegrationHub.Domain.Rules.Facts.EarlyYears;

namespace IntegrationHub.Domain.Rules.Sectors;

/// <summary>Early Years Sector (000 4.7).</summary>
public static class EarlyYearsRules
{
    private const string Id = SectorIds.EarlyYears;
    private static readonly GuidanceReference TriggersSection = Section("4.7.2");
    private static readonly GuidanceReference NamingSection = Section("4.7.3");
    private static readonly GuidancePeriod NinetyDays = GuidancePeriod.OfDays(90);

    public static SectorDefinition Definition { get; } = new()
    {
        Id = Id,
        Sector = "Early Years",
        GuidanceVersion = GuidanceVersion,
        Section = Section("4.7"),
        Age = new AgeRule($"{Id}.age", 0, 5, [new AgeExtension(18, false, "(extended age range in table 3.1)")], "Standard age range 0-5; extended age range 18", Section("3.1")),
        Sensitivity = SpecialistAndTargetedMayBeSensitive(Id),
        Names = [Named(Id, "earlyYears", "Early Years", NamingSection)],
        ServiceTypes =
        [
            new ServiceTypeRule(
                $"{Id}.type.earlyEducationUniversal",
                ServiceType.Universal,
                IsTrue(Evidence.UniversalEarlyYearsService),
                "Service Type should be 'Universal' where the involvement relates to early years education",
                NamingSection),
            new ServiceTypeRule(
                $"{Id}.type.childrensCentreSpecialist",
                ServiceType.SpecialistAndTargeted,
                IsTrue(Evidence.ChildrensCentreSpecialistService),
                "Other early years services, such as Children's Centre services, are 'Specialist and Targeted'",
                NamingSection),
        ],
        Triggers =
        [
            new Trigger(
                $"{Id}.start.universalService",
                InvolvementAction.Start,
                "An early years provider (including childminders, nannies, private nurseries) is providing a 'universal' early years service",
                TriggersSection,
                IsTrue(Evidence.UniversalEarlyYearsService)),
            new Trigger(
                $"{Id}.start.childrensCentreService",
                InvolvementAction.Start,
                "A 'specialist and targeted' Children's Centre service is provided",
                TriggersSection,
                IsTrue(Evidence.ChildrensCentreSpecialistService)),
            PractitionerDetailsChanged(Id, "A service involvement is open and the details of the Children's Centre Manager or early education practitioner, team or organisation change", TriggersSection),
            ChildDetailsChanged(Id, Section("3.3")),
            new Trigger(
                $"{Id}.end.noLongerAttends",
                InvolvementAction.End,
                "The child no longer attends the 'universal' early years service",
                TriggersSection,
                IsTrue(Evidence.NoLongerAttends)),
            new Trigger(
                $"{Id}.end.allSpecialistServicesClosed",
                InvolvementAction.End,
                "All 'specialist and targeted' service involvements with a Children's Centre practitioner have been closed",
                TriggersSection,
                IsTrue(Evidence.AllSpecialistServicesClosed)),
            new Trigger(
                $"{Id}.end.takenOffSureStart",
                InvolvementAction.End,
                "The child is taken off the Sure Start system",
                TriggersSection,
                IsTrue(Evidence.TakenOffSureStart)),
            new Trigger(
                $"{Id}.end.noActivityFor90Days",
                InvolvementAction.End,
                "There has been no activity with the child for 90 days",
                TriggersSection,
                PeriodElapsed(Evidence.LastActivityDate, NinetyDays)),
        ],
        TimeBasedRules =
        [
            new TimeBasedRule(
                $"{Id}.timeBased.noActivityFor90Days",
                TimeBasedOutcome.EndInvolvement,
                Evidence.LastActivityDate,
                NinetyDays,
                Always,
                "The hub ends the involvement when there has been no activity with the child for 90 days",
                TriggersSection),
        ],
    };
}
