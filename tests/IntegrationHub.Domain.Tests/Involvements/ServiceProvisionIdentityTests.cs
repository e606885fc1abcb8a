using IntegrationHub.Domain.Involvements;
using IntegrationHub.Domain.Rules;
using IntegrationHub.Domain.Rules.Sectors;
using IntegrationHub.Domain.Tests.Rules;

namespace IntegrationHub.Domain.Tests.Involvements;

public sealed record IdentityCase(
    string Covers,
    bool Passes,
    string Situation,
    ReportedInvolvement Involvement,
    IReadOnlyList<ExistingProvision> Existing,
    IdentityOutcome Outcome,
    string? Code) : ICoverageCase;

/// <summary>Service provision name + start date identity (000 1.5.6) and the social care practitioner limits (4.3.2, 4.3.3).</summary>
[TestFixture]
public sealed class ServiceProvisionIdentityTests
{
    private const string Care = SectorIds.SocialCare;
    private static readonly DateOnly Start = Samples.StartDate;

    private static ExistingProvision Recorded(string name, DateOnly start, DateOnly? end = null, string? practitioner = null) =>
        new() { Sector = Care, ServiceProvisionName = name, StartDate = start, EndDate = end, PractitionerReference = practitioner };

    private static ReportedInvolvement Reported(InvolvementAction action, string name = "Children's Social Care 12345", DateOnly? start = null, string? practitioner = null) =>
        Samples.ValidStart(Care) with { Action = action, ServiceProvisionName = name, StartDate = start ?? Start, PractitionerReference = practitioner };

    public static IEnumerable<IdentityCase> All
    {
        get
        {
            var mine = Recorded("Children's Social Care 12345", Start, practitioner: "sw-1");

            yield return new(IdentityRules.NewStartCreates.Id, true, "a start with a new name and start date creates a provision", Reported(InvolvementAction.Start), [], IdentityOutcome.CreateProvision, null);
            yield return new(
                IdentityRules.NewStartCreates.Id,
                true,
                "a start sharing the name of a historic provision but not its start date creates a new one",
                Reported(InvolvementAction.Start),
                [Recorded("Children's Social Care 12345", Start.AddYears(-2), Start.AddYears(-1))],
                IdentityOutcome.CreateProvision,
                null);
            yield return new(IdentityRules.NewStartCreates.Id, false, "a start repeating a recorded name and start date creates nothing", Reported(InvolvementAction.Start), [mine], IdentityOutcome.StartAlreadyRecorded, null);

            yield return new(IdentityRules.RepeatedStartIsIdempotent.Id, true, "the same start sent twice is recorded once", Reported(InvolvementAction.Start, practitioner: "sw-1"), [mine], IdentityOutcome.StartAlreadyRecorded, null);
            yield return new(IdentityRules.RepeatedStartIsIdempotent.Id, false, "a start whose unique tag differs is a different provision", Reported(InvolvementAction.Start, "Children's Social Care 12346"), [mine], IdentityOutcome.CreateProvision, null);

            yield return new(IdentityRules.UniqueTagNeeded.Id, true, "a second practitioner with a unique tag is a separate provision", Reported(InvolvementAction.Start, "Children's Social Care 2", practitioner: "sw-2"), [mine], IdentityOutcome.CreateProvision, null);
            yield return new(
                IdentityRules.UniqueTagNeeded.Id,
                false,
                "a second practitioner on the same name and start date needs a unique tag",
                Reported(InvolvementAction.Start, practitioner: "sw-2"),
                [mine],
                IdentityOutcome.Rejected,
                ViolationCodes.UniqueTagNeeded);

            yield return new(IdentityRules.ChangeMatchesExactly.Id, true, "an update matching name and start date exactly", Reported(InvolvementAction.Update), [mine], IdentityOutcome.UpdateProvision, null);
            yield return new(IdentityRules.ChangeMatchesExactly.Id, true, "an end matching name and start date exactly", Reported(InvolvementAction.End), [mine], IdentityOutcome.EndProvision, null);
            yield return new(
                IdentityRules.ChangeMatchesExactly.Id,
                true,
                "an update to an ended historic provision",
                Reported(InvolvementAction.Update, start: Start.AddYears(-2)),
                [Recorded("Children's Social Care 12345", Start.AddYears(-2), Start.AddYears(-1))],
                IdentityOutcome.UpdateProvision,
                null);
            yield return new(IdentityRules.ChangeMatchesExactly.Id, false, "an update to a provision never started", Reported(InvolvementAction.Update), [], IdentityOutcome.Rejected, ViolationCodes.ProvisionNotFound);
            yield return new(
                IdentityRules.ChangeMatchesExactly.Id,
                false,
                "an end whose name differs only in case",
                Reported(InvolvementAction.End, "children's social care 12345"),
                [mine],
                IdentityOutcome.Rejected,
                ViolationCodes.ProvisionNotFound);

            yield return new(IdentityRules.StartDateNeverAmended.Id, true, "an update sending the recorded start date", Reported(InvolvementAction.Update), [mine], IdentityOutcome.UpdateProvision, null);
            yield return new(
                IdentityRules.StartDateNeverAmended.Id,
                false,
                "an update trying to move the start date",
                Reported(InvolvementAction.Update, start: Start.AddDays(3)),
                [mine],
                IdentityOutcome.Rejected,
                ViolationCodes.StartDateImmutable);

            yield return new(IdentityRules.OnePractitionerPerInvolvement.Id, true, "one practitioner per involvement", Reported(InvolvementAction.Start), [], IdentityOutcome.CreateProvision, null);
            yield return new(
                IdentityRules.OnePractitionerPerInvolvement.Id,
                false,
                "two practitioners in one involvement",
                Reported(InvolvementAction.Start) with { PractitionerCount = 2 },
                [],
                IdentityOutcome.Rejected,
                ViolationCodes.OnePractitionerPerInvolvement);

            var limit = SocialCareRules.Definition.ConcurrencyLimit!.Id;
            ExistingProvision[] twoOpen = [Recorded("Children's Social Care 1", Start.AddMonths(-3)), Recorded("Children's Social Care 2", Start.AddMonths(-2))];
            yield return new(limit, true, "the allocated worker and two further practitioners", Reported(InvolvementAction.Start, "Children's Social Care 3"), twoOpen, IdentityOutcome.CreateProvision, null);
            yield return new(
                limit,
                true,
                "a new practitioner after one of three has ended",
                Reported(InvolvementAction.Start, "Children's Social Care 4"),
                [.. twoOpen, Recorded("Children's Social Care 3", Start.AddMonths(-1), Start.AddDays(-1))],
                IdentityOutcome.CreateProvision,
                null);
            yield return new(
                limit,
                false,
                "a fourth concurrent practitioner",
                Reported(InvolvementAction.Start, "Children's Social Care 4"),
                [.. twoOpen, Recorded("Children's Social Care 3", Start.AddMonths(-1))],
                IdentityOutcome.Rejected,
                ViolationCodes.SocialCareTooManyPractitioners);
        }
    }

    public static IEnumerable<TestCaseData> Cases() => All.Select(c => new TestCaseData(c).SetName(RuleBook.TestName(c, c.Situation)));

    [TestCaseSource(nameof(Cases))]
    public void Identity(IdentityCase rule)
    {
        var resolution = ServiceProvisionIdentity.Resolve(rule.Involvement, rule.Existing, SocialCareRules.Definition);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(resolution.Outcome, Is.EqualTo(rule.Outcome));
            if (rule.Code is null)
            {
                Assert.That(resolution.Violations, Is.Empty);
            }
            else
            {
                Assert.That(resolution.Violations, Has.Some.Matches<Violation>(v => v.Code == rule.Code && v.RuleId == rule.Covers), string.Join(" | ", resolution.Violations));
            }
        }
    }

    [Test]
    public void A_moved_start_date_is_rejected_with_the_way_to_fix_it()
    {
        var mine = Recorded("Children's Social Care 12345", Start);

        var violation = ServiceProvisionIdentity.Resolve(Reported(InvolvementAction.End, start: Start.AddDays(3)), [mine], SocialCareRules.Definition).Violations.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(violation.Path, Is.EqualTo("$.involvement.startDate"));
            Assert.That(violation.Section.ToString(), Is.EqualTo("000 1.5.6"));
            Assert.That(violation.Message, Does.Contain("2009-06-01").And.Contain("data administrator to archive the fragment").And.Contain("resend"));
        }
    }

    [Test]
    public void An_unknown_provision_is_rejected_with_a_hint_when_only_the_case_differs()
    {
        var mine = Recorded("Children's Social Care 12345", Start);

        var violation = ServiceProvisionIdentity.Resolve(Reported(InvolvementAction.Update, "CHILDREN'S SOCIAL CARE 12345"), [mine], SocialCareRules.Definition).Violations.Single();

        Assert.That(violation.Message, Does.Contain("Did you mean \"Children's Social Care 12345\"").And.Contain("unique tag"));
    }

    [Test]
    public void Provisions_of_other_sectors_do_not_count_towards_the_social_care_limit()
    {
        ExistingProvision[] existing =
        [
            Recorded("Children's Social Care 1", Start.AddMonths(-3)),
            Recorded("Children's Social Care 2", Start.AddMonths(-3)),
            new() { Sector = SectorIds.EducationAdditional, ServiceProvisionName = "Additional Educational Services 1", StartDate = Start.AddMonths(-3) },
        ];

        var resolution = ServiceProvisionIdentity.Resolve(Reported(InvolvementAction.Start, "Children's Social Care 3"), existing, SocialCareRules.Definition);

        Assert.That(resolution.Outcome, Is.EqualTo(IdentityOutcome.CreateProvision));
    }
}
