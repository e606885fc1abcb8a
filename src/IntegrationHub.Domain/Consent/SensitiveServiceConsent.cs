using IntegrationHub.Domain.Involvements;
using IntegrationHub.Domain.Rules;

namespace IntegrationHub.Domain.Consent;

/// <summary>What the consent rules decide about one involvement.</summary>
/// <param name="Violations">Empty when the involvement may be recorded as sent.</param>
/// <param name="ArchiveInvolvementNow">Consent was withdrawn: archive this involvement now (002 3.7, 3.33).</param>
public sealed record SensitiveConsentDecision(IReadOnlyList<Violation> Violations, bool ArchiveInvolvementNow);

/// <summary>
/// Consent for sensitive services (000 1.5.3, 2.2 item 1; 002 3.3-3.8, 3.30-3.33). Which sectors may be
/// sensitive at all, and that only specialist and targeted services can be, is the sector rules' business.
/// </summary>
public static class SensitiveServiceConsent
{
    public static SensitiveConsentDecision Check(ReportedInvolvement involvement)
    {
        if (involvement.SensitiveConsentWithdrawn)
        {
            // Withdrawal is not a fault in the fragment: it is an instruction. The only reason to keep the
            // involvement is the overriding public interest of 002 3.8, which the source states as its basis.
            var retained = involvement.SensitiveConsentBasis == SensitiveConsentBasis.ReasonableCauseToSuspectSignificantHarm;
            return new SensitiveConsentDecision([], ArchiveInvolvementNow: !retained);
        }

        if (involvement.Sensitive && involvement.SensitiveConsentBasis is null)
        {
            var rule = ConsentRules.SensitiveBasisRequired;
            return new SensitiveConsentDecision(
                [new Violation(
                    ViolationCodes.SensitiveBasisMissing,
                    $"{Facts.InvolvementPath}.sensitiveConsentBasis",
                    "A sensitive service is recorded only with the informed, explicit consent of the child, young person or parent/carer, or where you consider there is reasonable cause to suspect significant harm. Send sensitiveConsentBasis once you have one; until then do not send this involvement.",
                    rule.Section,
                    rule.Id)],
                ArchiveInvolvementNow: false);
        }

        return new SensitiveConsentDecision([], ArchiveInvolvementNow: false);
    }
}
