using IntegrationHub.Domain.Involvements;
using static IntegrationHub.Domain.Rules.Condition;
using static IntegrationHub.Domain.Rules.Sectors.CommonRules;
using Evidence = IntegrationHub.Domain.Rules.Facts.Connexions;

namespace IntegrationHub.Domain.Rules.Sectors;

/// <summary>Youth Sector: Connexions Partnerships (000 4.1).</summary>
public static class ConnexionsRules
{
    private const string Id = SectorIds.Connexions;
    private static readonly GuidanceReference TriggersSection = Section("4.1.2");

    public static SectorDefinition Definition { get; } = new()
    {
        Id = Id,
        Sector = "Youth",
        Service = "Connexions Partnerships",
        GuidanceVersion = GuidanceVersion,
        Section = Section("4.1"),
        Age = new AgeRule(
            $"{Id}.age",
            13,
            18,
            [
                new AgeExtension(19, true, "with consent"),
                new AgeExtension(25, true, "with consent, for young people with learning difficulties or disabilities"),
            ],
            "Young people aged 13-19 approach Connexions; a record stays past the 18th birthday only with consent, to 19, or to 25 with learning difficulties or disabilities",
            Section("4.1.1")),
        Sensitivity = SpecialistAndTargetedMayBeSensitive(Id),
        Names =
        [
            new NameRule(
                $"{Id}.name.localEnhancedService",
                new LocalNameService("Connexions", "Enhanced Service", "Cornwall and Devon"),
                Always,
                "Service Provision Name should always be \"Connexions [local name] Enhanced Service\", with a unique tag where there is more than one service provision",
                Section("4.1.3")),
        ],
        ServiceTypes = [AlwaysSpecialistAndTargeted(Id, Section("4.1.3"))],
        Triggers =
        [
            new Trigger(
                $"{Id}.start.levelOfNeed",
                InvolvementAction.Start,
                "The young person's record is created on the Connexions system at 13 or over and the level of need is 1 or 2",
                TriggersSection,
                All(AtLeast(Facts.AgeAtStart, 13), IsOneOf(Evidence.LevelOfNeed, ConnexionsLevelOfNeed.Level1, ConnexionsLevelOfNeed.Level2), IsNotStated(Evidence.PreviousLevelOfNeed))),
            new Trigger(
                $"{Id}.start.levelOfNeedIncreased",
                InvolvementAction.Start,
                "The level of need changes from 3 to 1 or 2 after the young person's 13th birthday",
                TriggersSection,
                All(AtLeast(Facts.AgeAtStart, 13), IsOneOf(Evidence.PreviousLevelOfNeed, ConnexionsLevelOfNeed.Level3), IsOneOf(Evidence.LevelOfNeed, ConnexionsLevelOfNeed.Level1, ConnexionsLevelOfNeed.Level2))),
            new Trigger(
                $"{Id}.start.additionalPersonalAdviser",
                InvolvementAction.Start,
                "An additional personal adviser starts to provide services: recorded as a separate involvement",
                TriggersSection,
                IsTrue(Evidence.AdditionalPersonalAdviser)),
            PractitionerDetailsChanged(Id, "The details of the personal adviser providing the service change", TriggersSection),
            ChildDetailsChanged(Id, TriggersSection),
            new Trigger(
                $"{Id}.end.levelOfNeedReduced",
                InvolvementAction.End,
                "The level of need of a young person whose involvement has started reduces to 3",
                TriggersSection,
                IsOneOf(Evidence.LevelOfNeed, ConnexionsLevelOfNeed.Level3)),
        ],
    };
}
