using IntegrationHub.Domain.Consent;
using IntegrationHub.Domain.Involvements;
using IntegrationHub.Domain.Rules;
using IntegrationHub.Domain.Rules.Sectors;
using IntegrationHub.Domain.Tests.Rules;

namespace IntegrationHub.Domain.Tests.Consent;

public sealed record SensitiveConsentCase(string Covers, bool Passes, string Situation, ReportedInvolvement Involvement, bool Archive, string? Code) : ICoverageCase;

/// <summary>Sensitive services and their consent (000 1.5.3, 2.2 item 1; 002 3.3-3.8, 3.30-3.33).</summary>
[TestFixture]
public sealed class SensitiveServiceConsentTests
{
    private static ReportedInvolvement Sensitive(SensitiveConsentBasis? basis, bool withdrawn = false) =>
        Samples.ValidStart(SectorIds.SocialCare) with { Sensitive = true, SensitiveConsentBasis = basis, SensitiveConsentWithdrawn = withdrawn };

    public static IEnumerable<SensitiveConsentCase> All
    {
        get
        {
            var basis = ConsentRules.SensitiveBasisRequired.Id;
            yield return new(basis, true, "a sensitive service with informed explicit consent", Sensitive(SensitiveConsentBasis.ExplicitConsent), false, null);
            yield return new(basis, true, "a sensitive service without consent where there is reasonable cause to suspect significant harm", Sensitive(SensitiveConsentBasis.ReasonableCauseToSuspectSignificantHarm), false, null);
            yield return new(basis, true, "a service that is not sensitive needs no basis", Samples.ValidStart(SectorIds.SocialCare), false, null);
            yield return new(basis, false, "a sensitive service with no consent basis", Sensitive(null), false, ViolationCodes.SensitiveBasisMissing);

            var withdrawal = ConsentRules.WithdrawalArchivesInvolvement.Id;
            yield return new(withdrawal, true, "consent withdrawn - archive this involvement now", Sensitive(SensitiveConsentBasis.ExplicitConsent, withdrawn: true), true, null);
            yield return new(withdrawal, false, "consent still in place - nothing to archive", Sensitive(SensitiveConsentBasis.ExplicitConsent), false, null);

            var harm = ConsentRules.WithdrawalOverriddenByPublicInterest.Id;
            yield return new(harm, true, "consent withdrawn but reasonable cause to suspect significant harm - retained", Sensitive(SensitiveConsentBasis.ReasonableCauseToSuspectSignificantHarm, withdrawn: true), false, null);
            yield return new(harm, false, "consent withdrawn with no public interest - archived", Sensitive(SensitiveConsentBasis.ExplicitConsent, withdrawn: true), true, null);
        }
    }

    public static IEnumerable<TestCaseData> Cases() => All.Select(c => new TestCaseData(c).SetName(RuleBook.TestName(c, c.Situation)));

    [TestCaseSource(nameof(Cases))]
    public void Consent(SensitiveConsentCase rule)
    {
        var decision = SensitiveServiceConsent.Check(rule.Involvement);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decision.ArchiveInvolvementNow, Is.EqualTo(rule.Archive));
            if (rule.Code is null)
            {
                Assert.That(decision.Violations, Is.Empty);
            }
            else
            {
                Assert.That(decision.Violations, Has.Some.Matches<Violation>(v => v.Code == rule.Code && v.RuleId == rule.Covers && v.Path == "$.involvement.sensitiveConsentBasis"));
            }
        }
    }
}
