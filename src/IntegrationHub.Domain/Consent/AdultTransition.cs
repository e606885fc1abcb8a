using System.Globalization;
using IntegrationHub.Domain.Rules;

namespace IntegrationHub.Domain.Consent;

/// <summary>Why a record may stay past the 18th birthday (000 1.5.5, 4.1.1; 002 3.34).</summary>
public enum RetentionBasis
{
    /// <summary>A participating young person receiving Connexions services: to 19.</summary>
    ConnexionsParticipation,

    /// <summary>A young person leaving care: to 25.</summary>
    CareLeaver,

    /// <summary>A young person with learning difficulties or disabilities (002 C5): to 25.</summary>
    LearningDifficultiesOrDisabilities,
}

public enum RetentionConsentStatus
{
    Given,
    Withdrawn,
}

/// <summary>
/// The young person's informed, explicit consent (or its withdrawal) to keep their record past 18, as a
/// practitioner reported it on <see cref="RecordedOn"/>. ContactPoint holds no consent flag: it is managed
/// through the adult transition date (000 1.5.5).
/// </summary>
public sealed record RetentionConsent(RetentionBasis Basis, RetentionConsentStatus Status, DateOnly RecordedOn);

/// <summary>The day the record is archived as an adult record, and why.</summary>
public sealed record AdultTransitionDate(DateOnly Date, RetentionBasis? Basis, StandingRule Rule)
{
    /// <summary>True when the record is past its adult transition date on <paramref name="today"/>.</summary>
    public bool HasPassed(DateOnly today) => today >= Date;
}

/// <summary>The adult transition date and what it means for an incoming fragment.</summary>
public static class AdultTransition
{
    /// <summary>The age each retention basis extends the record to.</summary>
    public static int RetainedUntilAge(RetentionBasis basis) => basis switch
    {
        RetentionBasis.ConnexionsParticipation => 19,
        _ => 25,
    };

    /// <summary>
    /// The adult transition date from the date of birth and every retention consent reported so far. Per
    /// basis, the latest report decides (a withdrawal cancels that basis) and a consent renewed without a
    /// withdrawal in between counts from when it was first given. A consent counts only if given before the
    /// date then in force, so consent cannot revive a record already archived.
    /// </summary>
    public static AdultTransitionDate Compute(DateOnly dateOfBirth, IEnumerable<RetentionConsent> consents)
    {
        var current = new AdultTransitionDate(Birthdays.Birthday(dateOfBirth, 18), null, ConsentRules.AdultTransitionDefault);
        var inForce = consents
            .GroupBy(c => c.Basis)
            .Select(g => (Basis: g.Key, GivenSince: GivenSince(g)))
            .Where(c => c.GivenSince is not null)
            .OrderBy(c => c.GivenSince);

        foreach (var (basis, givenSince) in inForce)
        {
            var extended = Birthdays.Birthday(dateOfBirth, RetainedUntilAge(basis));
            if (givenSince < current.Date && extended > current.Date)
            {
                current = new AdultTransitionDate(extended, basis, RuleFor(basis));
            }
        }

        return current;
    }

    /// <summary>When the consent now in force for one basis was first given; null when it was withdrawn or never given.</summary>
    private static DateOnly? GivenSince(IEnumerable<RetentionConsent> reports)
    {
        DateOnly? since = null;
        foreach (var report in reports.OrderBy(r => r.RecordedOn))
        {
            since = report.Status == RetentionConsentStatus.Withdrawn ? null : since ?? report.RecordedOn;
        }

        return since;
    }

    /// <summary>
    /// A violation when the child is past the adult transition date on <paramref name="today"/>: the fragment is
    /// not applied and the source should stop sending (000 2.2 items 2, 3, 8, 12). Empty otherwise.
    /// </summary>
    public static IReadOnlyList<Violation> CheckFragmentApplies(AdultTransitionDate transition, DateOnly today)
    {
        if (!transition.HasPassed(today))
        {
            return [];
        }

        var rule = ConsentRules.FragmentPastAdultTransition;
        return
        [
            new Violation(
                ViolationCodes.AdultTransitionPassed,
                "$.child.dateOfBirth",
                string.Create(CultureInfo.InvariantCulture, $"The child's record passed its adult transition date on {transition.Date:yyyy-MM-dd} so the record is archived and this fragment is not applied. Stop sending data about this child; a stop notice follows."),
                rule.Section,
                rule.Id),
        ];
    }

    private static StandingRule RuleFor(RetentionBasis basis) => basis switch
    {
        RetentionBasis.ConnexionsParticipation => ConsentRules.AdultTransitionConnexions,
        RetentionBasis.CareLeaver => ConsentRules.AdultTransitionCareLeaver,
        _ => ConsentRules.AdultTransitionLearningDifficulties,
    };
}
