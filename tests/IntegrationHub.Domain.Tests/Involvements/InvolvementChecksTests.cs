using IntegrationHub.Domain.Consent;
using IntegrationHub.Domain.Involvements;
using IntegrationHub.Domain.Rules;
using IntegrationHub.Domain.Rules.Sectors;
using IntegrationHub.Domain.Tests.Rules;

namespace IntegrationHub.Domain.Tests.Involvements;

/// <summary>The pipeline's one call: adult transition, consent, sector rules and identity together.</summary>
[TestFixture]
public sealed class InvolvementChecksTests
{
    private static readonly InvolvementChecks Checks = new(SectorCatalogue.Guidance40);

    private static InvolvementCheckRequest Request(ReportedInvolvement involvement, DateOnly? dateOfBirth = null, params ExistingProvision[] existing) => new()
    {
        Involvement = involvement,
        DateOfBirth = dateOfBirth ?? Samples.DateOfBirth(involvement.Sector),
        Today = Samples.StartDate.AddDays(2),
        ExistingProvisions = existing,
    };

    private static ExistingProvision RecordedAs(ReportedInvolvement involvement) => new()
    {
        Sector = involvement.Sector,
        ServiceProvisionName = involvement.ServiceProvisionName,
        StartDate = involvement.StartDate,
    };

    [Test]
    public void A_valid_start_creates_a_provision_and_names_the_trigger_it_met()
    {
        var verdict = Checks.Check(Request(Samples.ValidStart(SectorIds.SocialCare)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Outcome, Is.EqualTo(InvolvementOutcome.CreateProvision));
            Assert.That(verdict.Violations, Is.Empty);
            Assert.That(verdict.SatisfiedTriggerIds, Is.EqualTo(new[] { "socialCare.start.initialAssessment" }));
            Assert.That(verdict.Key, Is.EqualTo(new ServiceProvisionKey("Children's Social Care 12345", Samples.StartDate)));
        }
    }

    [Test]
    public void A_rejected_involvement_reports_every_rule_it_breaks_at_once()
    {
        var involvement = Samples.ValidStart(SectorIds.Police) with
        {
            Action = InvolvementAction.Update,
            ServiceProvisionName = "Child Abuse Investigation 1",
            Sensitive = true,
        };

        var verdict = Checks.Check(Request(involvement));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Outcome, Is.EqualTo(InvolvementOutcome.Rejected));
            Assert.That(verdict.Violations.Select(v => v.Code), Is.SupersetOf(new[]
            {
                ViolationCodes.NameConvention,
                ViolationCodes.CaseDataTerm,
                ViolationCodes.SensitiveNotAllowed,
                ViolationCodes.TriggerNotMet,
                ViolationCodes.SensitiveBasisMissing,
                ViolationCodes.ProvisionNotFound,
            }));
        }
    }

    [Test]
    public void An_update_to_a_recorded_provision_is_applied()
    {
        var involvement = Samples.Updating(SectorIds.YouthOffending, new() { PractitionerDetailsChanged = true });

        var verdict = Checks.Check(Request(involvement, null, RecordedAs(involvement)));

        Assert.That(verdict.Outcome, Is.EqualTo(InvolvementOutcome.UpdateProvision));
    }

    [Test]
    public void An_end_to_a_recorded_provision_is_applied()
    {
        var involvement = Samples.Ending(SectorIds.SocialCare, new() { SocialCare = new() { CaseClosed = true } });

        var verdict = Checks.Check(Request(involvement, null, RecordedAs(involvement)));

        Assert.That(verdict.Outcome, Is.EqualTo(InvolvementOutcome.EndProvision));
    }

    [Test]
    public void A_repeated_start_is_idempotent()
    {
        var involvement = Samples.ValidStart(SectorIds.EducationUniversal);

        var verdict = Checks.Check(Request(involvement, null, RecordedAs(involvement)));

        Assert.That(verdict.Outcome, Is.EqualTo(InvolvementOutcome.StartAlreadyRecorded));
    }

    [Test]
    public void A_sensitive_service_without_a_consent_basis_is_rejected()
    {
        var involvement = Samples.ValidStart(SectorIds.EducationAdditional) with { Sensitive = true };

        var verdict = Checks.Check(Request(involvement));

        Assert.That(verdict.Violations.Single().Code, Is.EqualTo(ViolationCodes.SensitiveBasisMissing));
    }

    [Test]
    public void Withdrawn_consent_archives_the_recorded_involvement_now_without_needing_a_trigger()
    {
        var involvement = Samples.ValidStart(SectorIds.SocialCare) with
        {
            Action = InvolvementAction.Update,
            Sensitive = true,
            SensitiveConsentBasis = SensitiveConsentBasis.ExplicitConsent,
            SensitiveConsentWithdrawn = true,
            Evidence = new(),
        };

        var verdict = Checks.Check(Request(involvement, null, RecordedAs(involvement)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Outcome, Is.EqualTo(InvolvementOutcome.ArchiveInvolvement));
            Assert.That(verdict.Violations, Is.Empty);
        }
    }

    [Test]
    public void Withdrawn_consent_for_a_provision_the_hub_does_not_hold_is_rejected()
    {
        var involvement = Samples.ValidStart(SectorIds.SocialCare) with { Sensitive = true, SensitiveConsentBasis = SensitiveConsentBasis.ExplicitConsent, SensitiveConsentWithdrawn = true };

        var verdict = Checks.Check(Request(involvement));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Outcome, Is.EqualTo(InvolvementOutcome.Rejected));
            Assert.That(verdict.Violations.Single().Code, Is.EqualTo(ViolationCodes.ProvisionNotFound));
        }
    }

    [Test]
    public void A_fragment_about_a_young_person_past_the_adult_transition_date_is_not_applied()
    {
        var involvement = Samples.ValidStart(SectorIds.SocialCare) with { ServiceProvisionName = "Adult Social Care 1" };

        var verdict = Checks.Check(Request(involvement, Samples.BornAged(19)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Outcome, Is.EqualTo(InvolvementOutcome.NotApplied));
            Assert.That(verdict.Violations.Single().Code, Is.EqualTo(ViolationCodes.AdultTransitionPassed));
        }
    }

    [Test]
    public void A_care_leaver_who_consented_before_18_gets_an_adult_social_care_involvement_at_19()
    {
        var bornAged19 = Samples.BornAged(19);
        var request = Request(Samples.ValidStart(SectorIds.SocialCare) with { ServiceProvisionName = "Adult Social Care 1" }, bornAged19) with
        {
            RetentionConsents = [new RetentionConsent(RetentionBasis.CareLeaver, RetentionConsentStatus.Given, Birthdays.Birthday(bornAged19, 17))],
        };

        var verdict = Checks.Check(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verdict.Outcome, Is.EqualTo(InvolvementOutcome.CreateProvision), string.Join(" | ", verdict.Violations));
            Assert.That(verdict.AdultTransition.Date, Is.EqualTo(Birthdays.Birthday(bornAged19, 25)));
        }
    }
}
