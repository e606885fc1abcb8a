namespace IntegrationHub.Domain.Rules;

/// <summary>
/// Why the hub will not apply (part of) an involvement. Expected bad input is reported this way,
/// never by an exception; the intake pipeline turns violations into the rejection reasons of a receipt.
/// </summary>
/// <param name="Code">Stable machine code, see <see cref="ViolationCodes"/>.</param>
/// <param name="Path">JSON-path-like location of the offending field, e.g. <c>$.involvement.serviceProvisionName</c>.</param>
/// <param name="Message">One or two sentences telling the source what to do.</param>
/// <param name="Section">The guidance section the rule comes from.</param>
/// <param name="RuleId">The id of the rule that failed, e.g. <c>socialCare.name.children</c>.</param>
public sealed record Violation(string Code, string Path, string Message, GuidanceReference Section, string RuleId)
{
    public override string ToString() => $"{Code} at {Path} [{RuleId}, {Section}]: {Message}";
}

/// <summary>The stable violation codes. A code never changes meaning; new situations get new codes.</summary>
public static class ViolationCodes
{
    /// <summary>The involvement names a sector the catalogue does not define.</summary>
    public const string SectorUnknown = "rules.sector.unknown";

    /// <summary>No start, update or end trigger of the sector is met by the evidence.</summary>
    public const string TriggerNotMet = "rules.trigger.notMet";

    /// <summary>The service provision name does not follow the sector's convention.</summary>
    public const string NameConvention = "rules.name.convention";

    /// <summary>The service type is not the one the sector (or this kind of service) uses.</summary>
    public const string ServiceTypeMismatch = "rules.serviceType.mismatch";

    /// <summary>The sector never records sensitive services (police, YOT).</summary>
    public const string SensitiveNotAllowed = "rules.sensitive.notAllowed";

    /// <summary>A universal service was flagged sensitive; only specialist and targeted services can be.</summary>
    public const string SensitiveUniversalService = "rules.sensitive.universalService";

    /// <summary>A name reveals the nature of the service (case data).</summary>
    public const string CaseDataTerm = "rules.caseData.term";

    /// <summary>The child's age at the start date is outside the sector's age range.</summary>
    public const string AgeOutOfRange = "rules.age.outOfRange";

    /// <summary>An end was sent without an end date.</summary>
    public const string EndDateMissing = "rules.dates.endDateMissing";

    /// <summary>The end date is before the start date.</summary>
    public const string EndBeforeStart = "rules.dates.endBeforeStart";

    /// <summary>The sector records this involvement with the same start and end date.</summary>
    public const string StartMustEqualEnd = "rules.dates.startMustEqualEnd";

    /// <summary>A sensitive service was sent without explicit consent or reasonable cause to suspect significant harm.</summary>
    public const string SensitiveBasisMissing = "consent.sensitive.basisMissing";

    /// <summary>The child is past their adult transition date: the fragment is not applied.</summary>
    public const string AdultTransitionPassed = "consent.adultTransition.passed";

    /// <summary>An update or end names no existing service provision (name + start date).</summary>
    public const string ProvisionNotFound = "identity.provision.notFound";

    /// <summary>An update or end matches a provision's name but not its start date: start dates are never amended.</summary>
    public const string StartDateImmutable = "identity.startDate.immutable";

    /// <summary>A second start with the same name and start date but another practitioner: a unique tag is needed.</summary>
    public const string UniqueTagNeeded = "identity.provision.uniqueTagNeeded";

    /// <summary>An involvement carries more than one practitioner.</summary>
    public const string OnePractitionerPerInvolvement = "identity.practitioner.onePerInvolvement";

    /// <summary>A fourth concurrent social care involvement (allocated worker + two further is the limit).</summary>
    public const string SocialCareTooManyPractitioners = "identity.socialCare.tooManyPractitioners";
}
