using IntegrationHub.Domain.Rules;

namespace IntegrationHub.Domain.Consent;

/// <summary>The consent rules as data: the docs list them and the coverage test demands a case for each.</summary>
public static class ConsentRules
{
    public static readonly StandingRule SensitiveBasisRequired = new(
        "consent.sensitive.basisRequired",
        "A sensitive service (sexual health, mental health, substance misuse) is recorded only with informed, explicit consent, or where the source considers there is reasonable cause to suspect significant harm",
        GuidanceReference.Involvement("1.5.3"));

    public static readonly StandingRule WithdrawalArchivesInvolvement = new(
        "consent.sensitive.withdrawalArchives",
        "When consent to show a sensitive service is withdrawn, the involvement moves straight to the archive",
        GuidanceReference.Statutory("3.7"));

    public static readonly StandingRule WithdrawalOverriddenByPublicInterest = new(
        "consent.sensitive.withdrawalOverriddenBySignificantHarm",
        "A sensitive involvement is retained after withdrawal only where there is an overriding public interest: reasonable cause to suspect significant harm",
        GuidanceReference.Statutory("3.33"));

    public static readonly StandingRule AdultTransitionDefault = new(
        "consent.adultTransition.eighteenthBirthday",
        "Without consent, the record's adult transition date is the 18th birthday",
        GuidanceReference.Involvement("1.5.5"));

    public static readonly StandingRule AdultTransitionConnexions = new(
        "consent.adultTransition.connexionsTo19",
        "With informed, explicit consent, a participating young person receiving Connexions services stays until the 19th birthday",
        GuidanceReference.Involvement("1.5.5"));

    public static readonly StandingRule AdultTransitionCareLeaver = new(
        "consent.adultTransition.careLeaverTo25",
        "With informed, explicit consent, a young person leaving care stays until the 25th birthday",
        GuidanceReference.Statutory("3.34"));

    public static readonly StandingRule AdultTransitionLearningDifficulties = new(
        "consent.adultTransition.learningDifficultiesTo25",
        "With informed, explicit consent, a young person with learning difficulties or disabilities stays until the 25th birthday",
        GuidanceReference.Statutory("3.34"));

    public static readonly StandingRule AdultTransitionWithdrawal = new(
        "consent.adultTransition.withdrawal",
        "When consent to retention is withdrawn, the adult transition date returns to the 18th birthday and a record past it goes to the archive",
        GuidanceReference.Statutory("3.35"));

    public static readonly StandingRule AdultTransitionConsentBeforeArchive = new(
        "consent.adultTransition.consentBeforeArchive",
        "Consent extends a record only if given before the record's current adult transition date; an archived record is not revived by it",
        GuidanceReference.Involvement("2.2"));

    public static readonly StandingRule FragmentPastAdultTransition = new(
        "consent.adultTransition.fragmentNotApplied",
        "A fragment about a child past their adult transition date is not applied; the source is told to stop sending",
        GuidanceReference.Involvement("2.2"));

    public static IReadOnlyList<StandingRule> All { get; } =
    [
        SensitiveBasisRequired,
        WithdrawalArchivesInvolvement,
        WithdrawalOverriddenByPublicInterest,
        AdultTransitionDefault,
        AdultTransitionConnexions,
        AdultTransitionCareLeaver,
        AdultTransitionLearningDifficulties,
        AdultTransitionWithdrawal,
        AdultTransitionConsentBeforeArchive,
        FragmentPastAdultTransition,
    ];
}
