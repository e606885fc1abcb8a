using IntegrationHub.Domain.Involvements;

namespace IntegrationHub.Domain.Rules.Sectors;

/// <summary>Rule shapes several sectors share, so each definition reads as its guidance section.</summary>
public static class CommonRules
{
    /// <summary>The Involvement Guidance version the shipped definitions implement.</summary>
    public const string GuidanceVersion = "4.0";

    public static GuidanceReference Section(string section) => GuidanceReference.Involvement(section);

    /// <summary>Adviser, practitioner, team or organisation details change (000 3.3, first column).</summary>
    public static Trigger PractitionerDetailsChanged(string sectorId, string description, GuidanceReference section) =>
        new($"{sectorId}.update.practitionerDetails", InvolvementAction.Update, description, section, Condition.IsTrue(Facts.PractitionerDetailsChanged));

    /// <summary>The child's or young person's details change (000 3.3, second column).</summary>
    public static Trigger ChildDetailsChanged(string sectorId, GuidanceReference section) =>
        new($"{sectorId}.update.childDetails", InvolvementAction.Update, "The details of the child or young person change", section, Condition.IsTrue(Facts.ChildDetailsChanged));

    public static ServiceTypeRule AlwaysSpecialistAndTargeted(string sectorId, GuidanceReference section) =>
        new($"{sectorId}.type.specialistAndTargeted", ServiceType.SpecialistAndTargeted, Condition.Always, "Service Type should always be \"Specialist and Targeted\"", section);

    /// <summary>Sensitive only when specialist and targeted, and then only with a consent basis (000 1.5.3).</summary>
    public static SensitivityRule SpecialistAndTargetedMayBeSensitive(string sectorId) =>
        new($"{sectorId}.sensitive", SensitivityPolicy.SpecialistAndTargetedOnly, "Only Specialist and Targeted services can be classified as sensitive", Section("1.5.3"));

    public static SensitivityRule NeverSensitive(string sectorId, GuidanceReference section) =>
        new($"{sectorId}.sensitive", SensitivityPolicy.Never, "Involvements never reveal that they include sensitive services; there is no consent to manage", section);

    public static NameRule Named(string sectorId, string ruleName, string baseName, GuidanceReference section) =>
        new($"{sectorId}.name.{ruleName}", new FixedName(baseName), Condition.Always, $"Service Provision Name should be \"{baseName}\", with a unique tag added where there is more than one service provision", section);

    /// <summary>0-18, or to 25 with consent: the standard row of table 3.1.</summary>
    public static AgeRule ChildhoodTo25WithConsent(string sectorId, string consentFor) =>
        new($"{sectorId}.age", 0, 18, [new AgeExtension(25, true, $"with consent ({consentFor})")], "Standard age range 0-18; extended age range 25 with consent", Section("3.1"));

    public const string CareLeaversAndLearningDifficulties = "care leavers and young people with learning difficulties or disabilities";
}
