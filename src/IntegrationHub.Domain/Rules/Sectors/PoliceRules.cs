using IntegrationHub.Domain.Involvements;
using static IntegrationHub.Domain.Rules.Condition;
using static IntegrationHub.Domain.Rules.Sectors.CommonRules;
using Evidence = IntegrationHub.Domain.Rules.Facts.Police;

namespace IntegrationHub.Domain.Rules.Sectors;

/// <summary>Justice Sector: Community Safety - Police, Part 2 (000 4.6).</summary>
public static class PoliceRules
{
    private const string Id = SectorIds.Police;
    private static readonly GuidanceReference TriggersSection = Section("4.6.2");
    private static readonly GuidancePeriod OneYear = GuidancePeriod.OfYears(1);

    public static SectorDefinition Definition { get; } = new()
    {
        Id = Id,
        Sector = "Community Safety",
        Service = "Police",
        GuidanceVersion = GuidanceVersion,
        Section = Section("4.6"),
        Age = ChildhoodTo25WithConsent(Id, CareLeaversAndLearningDifficulties),
        Sensitivity = NeverSensitive(Id, TriggersSection),
        Names = [Named(Id, "communitySafety", "Community Safety", Section("4.6.3"))],
        ServiceTypes = [AlwaysSpecialistAndTargeted(Id, Section("4.6.3"))],
        Triggers =
        [
            new Trigger(
                $"{Id}.start.childAbuseInvestigation",
                InvolvementAction.Start,
                "An investigation by a dedicated Child Abuse Investigation team is initiated",
                TriggersSection,
                IsTrue(Evidence.ChildAbuseInvestigationInitiated)),
            new Trigger(
                $"{Id}.start.seriousIncident",
                InvolvementAction.Start,
                "A service is provided to a child or young person who is the victim, witness or perpetrator of a serious incident (seriousness criteria, 5.1.1)",
                TriggersSection,
                IsOneOf(Evidence.SeriousIncidentRole, SeriousIncidentRole.Victim, SeriousIncidentRole.Witness, SeriousIncidentRole.Perpetrator)),
            new Trigger(
                $"{Id}.start.schoolsOfficerAfterAYear",
                InvolvementAction.Start,
                "A schools officer's involvement lasts beyond a year: a new involvement is recorded",
                Section("3.2"),
                All(IsTrue(Evidence.SchoolsOfficer), PeriodElapsed(Evidence.ContinuesInvolvementStartedOn, OneYear))),
            new Trigger(
                $"{Id}.start.professionalJudgement",
                InvolvementAction.Start,
                "An authorised police practitioner uses professional judgement for an on-going service to the child",
                TriggersSection,
                IsTrue(Facts.ProfessionalJudgement)),
            PractitionerDetailsChanged(Id, "The details for the team or, if applicable, the individual practitioner change", TriggersSection),
            ChildDetailsChanged(Id, TriggersSection),
            new Trigger(
                $"{Id}.end.trialEnded",
                InvolvementAction.End,
                "The child abuse investigation resulted in prosecution: the date of the end of the trial",
                TriggersSection,
                IsOneOf(Evidence.InvestigationOutcome, ChildAbuseInvestigationOutcome.TrialEnded)),
            new Trigger(
                $"{Id}.end.decisionNotToProsecute",
                InvolvementAction.End,
                "The child abuse investigation did not result in prosecution: the date the decision not to prosecute was made",
                TriggersSection,
                IsOneOf(Evidence.InvestigationOutcome, ChildAbuseInvestigationOutcome.DecisionNotToProsecute)),
            new Trigger(
                $"{Id}.end.schoolsOfficerSameDay",
                InvolvementAction.End,
                "Schools officers record the same start and end date for their involvement",
                TriggersSection,
                All(IsTrue(Evidence.SchoolsOfficer), SameDate(Facts.StartDate, Facts.EndDate))),
        ],
        Constraints =
        [
            new ConstraintRule(
                $"{Id}.dates.schoolsOfficerStartEqualsEnd",
                [InvolvementAction.Start],
                IsTrue(Evidence.SchoolsOfficer),
                SameDate(Facts.StartDate, Facts.EndDate),
                ViolationCodes.StartMustEqualEnd,
                Facts.EndDate.Path,
                "Schools officers and any other police officer or staff record the same start and end date for their involvement",
                "Send the schools officer's involvement with the end date equal to the start date; if it lasts beyond a year, record a new involvement",
                TriggersSection),
        ],
        TimeBasedRules =
        [
            new TimeBasedRule(
                $"{Id}.timeBased.schoolsOfficerNewInvolvement",
                TimeBasedOutcome.NewInvolvementDue,
                Facts.StartDate,
                OneYear,
                All(IsTrue(Evidence.SchoolsOfficer), IsTrue(Evidence.SchoolsOfficerStillInvolved)),
                "A schools officer still involved with the child a year after the involvement's start should record a new involvement",
                TriggersSection),
        ],
    };
}
