using IntegrationHub.Domain.Involvements;
using static IntegrationHub.Domain.Rules.Condition;
using static IntegrationHub.Domain.Rules.Sectors.CommonRules;
using Evidence = IntegrationHub.Domain.Rules.Facts.YouthService;

namespace IntegrationHub.Domain.Rules.Sectors;

/// <summary>Youth Sector: Youth Service (000 4.2).</summary>
public static class YouthServiceRules
{
    private const string Id = SectorIds.YouthService;
    private static readonly GuidanceReference TriggersSection = Section("4.2.2");
    private static readonly GuidancePeriod OneYear = GuidancePeriod.OfYears(1);

    public static SectorDefinition Definition { get; } = new()
    {
        Id = Id,
        Sector = "Youth",
        Service = "Youth Service",
        GuidanceVersion = GuidanceVersion,
        Section = Section("4.2"),
        Age = new AgeRule($"{Id}.age", 13, 18, [new AgeExtension(25, true, "with consent")], "Standard age range 13-18; extended age range 25 with consent", Section("3.1")),
        Sensitivity = SpecialistAndTargetedMayBeSensitive(Id),
        Names = [Named(Id, "youthService", "Youth service", Section("4.2.4"))],
        ServiceTypes = [AlwaysSpecialistAndTargeted(Id, Section("4.2.4"))],
        Triggers =
        [
            new Trigger(
                $"{Id}.start.participation",
                InvolvementAction.Start,
                "The young person is in the participation category and has attended a minimum of twice in any 12 month period",
                TriggersSection,
                All(IsTrue(Evidence.InParticipationCategory), IsNotTrue(Evidence.GenericLeisureActivity), AtLeast(Evidence.AttendancesInLast12Months, 2))),
            new Trigger(
                $"{Id}.start.genericLeisureParticipation",
                InvolvementAction.Start,
                "For a generic leisure activity such as a pool club, the number of attendances increases to 4 before the start is recorded",
                Section("4.2.3"),
                All(IsTrue(Evidence.InParticipationCategory), IsTrue(Evidence.GenericLeisureActivity), AtLeast(Evidence.AttendancesInLast12Months, 4))),
            new Trigger(
                $"{Id}.start.recordedOutcomes",
                InvolvementAction.Start,
                "The young person is working towards recorded or accredited outcomes",
                TriggersSection,
                IsTrue(Evidence.WorkingTowardsRecordedOrAccreditedOutcomes)),
            new Trigger(
                $"{Id}.start.keyWorkerFlag",
                InvolvementAction.Start,
                "A key worker flags that they are providing a specialist or targeted service to the young person",
                TriggersSection,
                IsTrue(Evidence.KeyWorkerFlaggedSpecialistService)),
            PractitionerDetailsChanged(Id, "The details of the key worker providing the service change", TriggersSection),
            ChildDetailsChanged(Id, TriggersSection),
            new Trigger(
                $"{Id}.end.yearAfterLastAttendance",
                InvolvementAction.End,
                "A year after the last attendance",
                TriggersSection,
                PeriodElapsed(Evidence.LastAttendanceDate, OneYear)),
        ],
        TimeBasedRules =
        [
            new TimeBasedRule(
                $"{Id}.timeBased.yearAfterLastAttendance",
                TimeBasedOutcome.EndInvolvement,
                Evidence.LastAttendanceDate,
                OneYear,
                Always,
                "The hub ends the involvement a year after the last attendance",
                TriggersSection),
        ],
    };
}
