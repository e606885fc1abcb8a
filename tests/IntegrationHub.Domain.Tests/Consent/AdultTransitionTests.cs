using IntegrationHub.Domain.Consent;
using IntegrationHub.Domain.Rules;
using IntegrationHub.Domain.Tests.Rules;

namespace IntegrationHub.Domain.Tests.Consent;

public sealed record AdultTransitionCase(string Covers, bool Passes, string Situation, IReadOnlyList<RetentionConsent> Consents, int ArchivedAtAge) : ICoverageCase;

/// <summary>The adult transition date: 18, or 19 / 25 with consent (000 1.5.5, 4.1.1; 002 3.34-3.36).</summary>
[TestFixture]
public sealed class AdultTransitionTests
{
    private static readonly DateOnly Born = new(1991, 4, 20);

    private static RetentionConsent Given(RetentionBasis basis, int atAge, int days = 0) =>
        new(basis, RetentionConsentStatus.Given, Birthdays.Birthday(Born, atAge).AddDays(days));

    private static RetentionConsent Withdrawn(RetentionBasis basis, int atAge, int days = 0) =>
        new(basis, RetentionConsentStatus.Withdrawn, Birthdays.Birthday(Born, atAge).AddDays(days));

    public static IEnumerable<AdultTransitionCase> All
    {
        get
        {
            const RetentionBasis connexions = RetentionBasis.ConnexionsParticipation;
            const RetentionBasis careLeaver = RetentionBasis.CareLeaver;
            const RetentionBasis learning = RetentionBasis.LearningDifficultiesOrDisabilities;

            yield return new(ConsentRules.AdultTransitionDefault.Id, true, "no consent - the 18th birthday", [], 18);
            yield return new(ConsentRules.AdultTransitionDefault.Id, false, "consent moves the date past 18", [Given(careLeaver, 17)], 25);

            yield return new(ConsentRules.AdultTransitionConnexions.Id, true, "Connexions consent at 17 - the 19th birthday", [Given(connexions, 17)], 19);
            yield return new(ConsentRules.AdultTransitionConnexions.Id, false, "Connexions consent alone never reaches 25", [Given(connexions, 17), Given(connexions, 18, 30)], 19);

            yield return new(ConsentRules.AdultTransitionCareLeaver.Id, true, "a care leaver's consent at 17 - the 25th birthday", [Given(careLeaver, 17)], 25);
            yield return new(ConsentRules.AdultTransitionCareLeaver.Id, false, "a care leaver's consent given after the 18th birthday", [Given(careLeaver, 18, 1)], 18);

            yield return new(ConsentRules.AdultTransitionLearningDifficulties.Id, true, "consent with learning difficulties at 16 - the 25th birthday", [Given(learning, 16)], 25);
            yield return new(
                ConsentRules.AdultTransitionLearningDifficulties.Id,
                true,
                "learning difficulties consent at 18 and a half extends a Connexions record still open to 19",
                [Given(connexions, 17), Given(learning, 18, 180)],
                25);
            yield return new(ConsentRules.AdultTransitionLearningDifficulties.Id, false, "learning difficulties consent given at 19 after archive", [Given(connexions, 17), Given(learning, 19, 1)], 19);

            yield return new(ConsentRules.AdultTransitionWithdrawal.Id, true, "consent given then withdrawn - back to the 18th birthday", [Given(careLeaver, 17), Withdrawn(careLeaver, 20)], 18);
            yield return new(ConsentRules.AdultTransitionWithdrawal.Id, false, "consent withdrawn then given again before 18", [Withdrawn(careLeaver, 16), Given(careLeaver, 17)], 25);

            yield return new(ConsentRules.AdultTransitionConsentBeforeArchive.Id, true, "consent the day before the 18th birthday", [Given(careLeaver, 18, -1)], 25);
            yield return new(ConsentRules.AdultTransitionConsentBeforeArchive.Id, false, "consent on the 18th birthday comes too late", [Given(careLeaver, 18)], 18);
        }
    }

    public static IEnumerable<TestCaseData> Cases() => All.Select(c => new TestCaseData(c).SetName(RuleBook.TestName(c, c.Situation)));

    [TestCaseSource(nameof(Cases))]
    public void AdultTransitionDate(AdultTransitionCase rule)
    {
        var transition = AdultTransition.Compute(Born, rule.Consents);

        Assert.That(transition.Date, Is.EqualTo(Birthdays.Birthday(Born, rule.ArchivedAtAge)));
    }

    public static IEnumerable<TestCaseData> FragmentCases()
    {
        var rule = ConsentRules.FragmentPastAdultTransition.Id;
        var eighteenth = Birthdays.Birthday(Born, 18);
        yield return new TestCaseData(eighteenth.AddDays(-1), true)
            .SetName(RuleBook.TestName(new Covered(rule, true), "a fragment the day before the 18th birthday is applied"));
        yield return new TestCaseData(eighteenth, false)
            .SetName(RuleBook.TestName(new Covered(rule, false), "a fragment on the 18th birthday without consent is not applied"));
    }

    [TestCaseSource(nameof(FragmentCases))]
    public void FragmentApplies(DateOnly today, bool applies)
    {
        var violations = AdultTransition.CheckFragmentApplies(AdultTransition.Compute(Born, []), today);

        if (applies)
        {
            Assert.That(violations, Is.Empty);
        }
        else
        {
            Assert.That(violations.Single(), Has.Property(nameof(Violation.Code)).EqualTo(ViolationCodes.AdultTransitionPassed)
                .And.Property(nameof(Violation.Path)).EqualTo("$.child.dateOfBirth")
                .And.Property(nameof(Violation.Message)).Contains("Stop sending"));
        }
    }

    [Test]
    public void The_transition_date_names_the_rule_and_basis_that_set_it()
    {
        var transition = AdultTransition.Compute(Born, [Given(RetentionBasis.ConnexionsParticipation, 17)]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(transition.Basis, Is.EqualTo(RetentionBasis.ConnexionsParticipation));
            Assert.That(transition.Rule, Is.EqualTo(ConsentRules.AdultTransitionConnexions));
        }
    }

    [TestCase("2008-02-29", 18, "2026-03-01")]
    [TestCase("2008-02-29", 16, "2024-02-29")]
    [TestCase("1991-04-20", 25, "2016-04-20")]
    public void Someone_born_on_29_February_comes_of_age_on_1_March_in_a_common_year(string born, int age, string expected)
    {
        Assert.That(Birthdays.Birthday(DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), age), Is.EqualTo(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("2008-02-29", "2026-02-28", 17)]
    [TestCase("2008-02-29", "2026-03-01", 18)]
    [TestCase("2000-06-01", "2009-05-31", 8)]
    [TestCase("2000-06-01", "2000-05-31", -1)]
    public void Age_is_counted_in_completed_years(string born, string on, int age)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;

        Assert.That(Birthdays.AgeOn(DateOnly.Parse(born, culture), DateOnly.Parse(on, culture)), Is.EqualTo(age));
    }

    /// <summary>The fragment rule's two cases, for the coverage table.</summary>
    public static IEnumerable<ICoverageCase> FragmentCoverage =>
        [new Covered(ConsentRules.FragmentPastAdultTransition.Id, true), new Covered(ConsentRules.FragmentPastAdultTransition.Id, false)];
}

/// <summary>A coverage row for a test that is not itself table-driven by a record.</summary>
public sealed record Covered(string Covers, bool Passes) : ICoverageCase;
