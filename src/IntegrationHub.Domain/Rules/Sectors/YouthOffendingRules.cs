using IntegrationHub.Domain.Involvements;
using static IntegrationHub.Domain.Rules.Condition;
using static IntegrationHub.Domain.Rules.Sectors.CommonRules;
using Evidence = IntegrationHub.Domain.Rules.Facts.YouthOffending;

namespace IntegrationHub.Domain.Rules.Sectors;

/// <summary>Justice Sector: Community Safety - Youth Offending Teams, Part 1 (000 4.5).</summary>
public static class YouthOffendingRules
{
    private const string Id = SectorIds.YouthOffending;
    private static readonly GuidanceReference TriggersSection = Section("4.5.2");

    public static SectorDefinition Definition { get; } = new()
    {
        Id = Id,
        Sector = "Community Safety",
        Service = "Youth Offending Teams",
        GuidanceVersion = GuidanceVersion,
        Section = Section("4.5"),
        Age = ChildhoodTo25WithConsent(Id, CareLeaversAndLearningDifficulties),
        Sensitivity = NeverSensitive(Id, TriggersSection),
        Names = [Named(Id, "communitySafety", "Community Safety", Section("4.5.3"))],
        ServiceTypes = [AlwaysSpecialistAndTargeted(Id, Section("4.5.3"))],
        Triggers =
        [
            new Trigger(
                $"{Id}.start.assessmentCompleted",
                InvolvementAction.Start,
                "An assessment of a child or young person has been completed using Onset or Asset",
                TriggersSection,
                IsOneOf(Evidence.AssessmentCompleted, YouthOffendingAssessment.Onset, YouthOffendingAssessment.Asset)),
            new Trigger(
                $"{Id}.start.interventionWithoutAssessment",
                InvolvementAction.Start,
                "A YOT intervention is initiated without a prior assessment: a court order, a final police warning or a referral to a prevention programme",
                TriggersSection,
                IsOneOf(Evidence.InterventionTrigger, YouthOffendingInterventionTrigger.CourtOrder, YouthOffendingInterventionTrigger.FinalWarning, YouthOffendingInterventionTrigger.PreventionReferral)),
            new Trigger(
                $"{Id}.start.professionalJudgement",
                InvolvementAction.Start,
                "A YOT practitioner uses professional judgement, e.g. a significant involvement with a young victim of crime",
                TriggersSection,
                IsTrue(Facts.ProfessionalJudgement)),
            PractitionerDetailsChanged(Id, "The details for the team or, if applicable, the individual practitioner change", TriggersSection),
            ChildDetailsChanged(Id, TriggersSection),
            new Trigger(
                $"{Id}.end.interventionConcluded",
                InvolvementAction.End,
                "The intervention is concluded: on the date specified by the court order, or the date the final assessment is completed when there was no court order",
                TriggersSection,
                IsTrue(Evidence.InterventionConcluded)),
            new Trigger(
                $"{Id}.end.assessmentWithoutIntervention",
                InvolvementAction.End,
                "An assessment is completed and is not to be followed by an intervention: the start and end date are the same",
                TriggersSection,
                All(IsTrue(Evidence.AssessmentNotFollowedByIntervention), SameDate(Facts.StartDate, Facts.EndDate))),
        ],
        CaseDataExemptions =
        [
            new CaseDataExemption(
                $"{Id}.caseData.youthOffendingTeamName",
                ["caseData.youthOffending", "caseData.yot", "caseData.youthJustice"],
                [NamedField.TeamName, NamedField.OrganisationName],
                "The provider may be shown as the Youth Offending Team; the service provision name stays \"Community Safety\"",
                Section("4.5.4")),
        ],
    };
}
