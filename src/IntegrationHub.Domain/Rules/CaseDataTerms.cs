using System.Text.RegularExpressions;

namespace IntegrationHub.Domain.Rules;

/// <summary>
/// A word or phrase that reveals the nature of a service, which is case data (000 5.1.5; 001: "no case
/// information"). Found case-insensitively as a whole word in service provision, team and organisation names.
/// </summary>
/// <param name="Id">Stable id, e.g. <c>caseData.childProtection</c>.</param>
/// <param name="Term">The words, e.g. "Drug and Alcohol"; "&amp;", hyphens and underscores in a name count as "and" and spaces.</param>
/// <param name="Reveals">What the term gives away, for the message and the docs.</param>
/// <param name="AllowedWhenSensitive">
/// True for the sensitive-service terms (002 C17): a sensitive involvement's details are never shown to
/// users (000 1.5.3), so naming the service there reveals nothing.
/// </param>
public sealed partial record CaseDataTerm(string Id, string Term, string Reveals, bool AllowedWhenSensitive, GuidanceReference Section)
{
    private readonly Regex pattern = new(
        $@"(?<![\p{{L}}\p{{N}}]){string.Join(@"\s+", Prepare(Term).Split(' ').Select(Regex.Escape))}(?![\p{{L}}\p{{N}}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public bool OccursIn(string? text) => !string.IsNullOrWhiteSpace(text) && OccursInPrepared(Prepare(text));

    /// <summary>For a text already passed through <see cref="Prepare"/>: every term of a list is looked for in one preparation.</summary>
    internal bool OccursInPrepared(string prepared) => pattern.IsMatch(prepared);

    /// <summary>"Drug &amp; Alcohol" and "Drug and Alcohol" are the same words; so are "Self-Harm" and "Self Harm".</summary>
    internal static string Prepare(string text) =>
        Separators().Replace(text.Replace("&", " and ", StringComparison.Ordinal), " ").Trim();

    [GeneratedRegex(@"[\s\-_/]+")]
    private static partial Regex Separators();
}

/// <summary>The case-data terms the hub rejects, as data. Extend the list, not the engine.</summary>
public static class CaseDataTerms
{
    private static readonly GuidanceReference CaseData = GuidanceReference.Involvement("5.1.5");
    private static readonly GuidanceReference SensitiveServices = GuidanceReference.Statutory("C17");

    private const string SexualHealth = "a sexual health service (sensitive)";
    private const string MentalHealth = "a mental health service (sensitive)";
    private const string SubstanceMisuse = "a substance misuse service (sensitive)";
    private const string ChildProtection = "child protection or abuse concerns";
    private const string Offending = "offending or youth justice";
    private const string CareStatus = "that the child is looked after, fostered, adopted or leaving care";
    private const string Disability = "a disability, learning difficulty or special educational need";
    private const string Circumstances = "the family's circumstances";

    /// <summary>The list for Guidance v4.0. Each entry's section says where the guidance forbids or defines it.</summary>
    public static IReadOnlyList<CaseDataTerm> Guidance40 { get; } =
    [
        new("caseData.sexualHealth", "Sexual Health", SexualHealth, true, SensitiveServices),
        new("caseData.contraception", "Contraception", SexualHealth, true, SensitiveServices),
        new("caseData.contraceptive", "Contraceptive", SexualHealth, true, SensitiveServices),
        new("caseData.pregnancy", "Pregnancy", SexualHealth, true, SensitiveServices),
        new("caseData.abortion", "Abortion", SexualHealth, true, SensitiveServices),
        new("caseData.sexuallyTransmitted", "Sexually Transmitted", SexualHealth, true, SensitiveServices),
        new("caseData.hiv", "HIV", SexualHealth, true, SensitiveServices),
        new("caseData.genitoUrinary", "Genito Urinary", SexualHealth, true, SensitiveServices),
        new("caseData.genitourinary", "Genitourinary", SexualHealth, true, SensitiveServices),
        new("caseData.rape", "Rape", SexualHealth, true, SensitiveServices),
        new("caseData.sexualAbuse", "Sexual Abuse", SexualHealth, true, SensitiveServices),
        new("caseData.sexualViolence", "Sexual Violence", SexualHealth, true, SensitiveServices),
        new("caseData.mentalHealth", "Mental Health", MentalHealth, true, SensitiveServices),
        new("caseData.camhs", "CAMHS", MentalHealth, true, SensitiveServices),
        new("caseData.psychiatric", "Psychiatric", MentalHealth, true, SensitiveServices),
        new("caseData.psychiatry", "Psychiatry", MentalHealth, true, SensitiveServices),
        new("caseData.eatingDisorder", "Eating Disorder", MentalHealth, true, SensitiveServices),
        new("caseData.eatingDisorders", "Eating Disorders", MentalHealth, true, SensitiveServices),
        new("caseData.selfHarm", "Self Harm", MentalHealth, true, SensitiveServices),
        new("caseData.suicide", "Suicide", MentalHealth, true, SensitiveServices),
        new("caseData.substanceMisuse", "Substance Misuse", SubstanceMisuse, true, SensitiveServices),
        new("caseData.substanceAbuse", "Substance Abuse", SubstanceMisuse, true, SensitiveServices),
        new("caseData.drugAndAlcohol", "Drug and Alcohol", SubstanceMisuse, true, SensitiveServices),
        new("caseData.drugsAndAlcohol", "Drugs and Alcohol", SubstanceMisuse, true, SensitiveServices),
        new("caseData.drug", "Drug", SubstanceMisuse, true, SensitiveServices),
        new("caseData.drugs", "Drugs", SubstanceMisuse, true, SensitiveServices),
        new("caseData.alcohol", "Alcohol", SubstanceMisuse, true, SensitiveServices),
        new("caseData.volatileSubstance", "Volatile Substance", SubstanceMisuse, true, SensitiveServices),
        new("caseData.childProtection", "Child Protection", ChildProtection, false, CaseData),
        new("caseData.childAbuse", "Child Abuse", ChildProtection, false, CaseData),
        new("caseData.safeguarding", "Safeguarding", ChildProtection, false, CaseData),
        new("caseData.domesticViolence", "Domestic Violence", ChildProtection, false, CaseData),
        new("caseData.domesticAbuse", "Domestic Abuse", ChildProtection, false, CaseData),
        new("caseData.youthOffending", "Youth Offending", Offending, false, CaseData),
        new("caseData.yot", "YOT", Offending, false, CaseData),
        new("caseData.youthJustice", "Youth Justice", Offending, false, CaseData),
        new("caseData.offending", "Offending", Offending, false, CaseData),
        new("caseData.offender", "Offender", Offending, false, CaseData),
        new("caseData.offenders", "Offenders", Offending, false, CaseData),
        new("caseData.lookedAfter", "Looked After", CareStatus, false, CaseData),
        new("caseData.lac", "LAC", CareStatus, false, CaseData),
        new("caseData.leavingCare", "Leaving Care", CareStatus, false, CaseData),
        new("caseData.careLeaver", "Care Leaver", CareStatus, false, CaseData),
        new("caseData.careLeavers", "Care Leavers", CareStatus, false, CaseData),
        new("caseData.fostering", "Fostering", CareStatus, false, CaseData),
        new("caseData.adoption", "Adoption", CareStatus, false, CaseData),
        new("caseData.disability", "Disability", Disability, false, CaseData),
        new("caseData.disabilities", "Disabilities", Disability, false, CaseData),
        new("caseData.disabledChildren", "Disabled Children", Disability, false, CaseData),
        new("caseData.learningDifficulty", "Learning Difficulty", Disability, false, CaseData),
        new("caseData.learningDifficulties", "Learning Difficulties", Disability, false, CaseData),
        new("caseData.specialEducationalNeeds", "Special Educational Needs", Disability, false, CaseData),
        new("caseData.sen", "SEN", Disability, false, CaseData),
        new("caseData.senco", "SENCO", Disability, false, CaseData),
        new("caseData.homeless", "Homeless", Circumstances, false, CaseData),
        new("caseData.homelessness", "Homelessness", Circumstances, false, CaseData),
        new("caseData.asylum", "Asylum", Circumstances, false, CaseData),
        new("caseData.bereavement", "Bereavement", Circumstances, false, CaseData),
    ];

    /// <summary>
    /// The terms found in <paramref name="text"/>, dropping any term found only as part of a longer one
    /// ("Drug" inside "Drug and Alcohol"), longest first.
    /// </summary>
    public static IReadOnlyList<CaseDataTerm> FindIn(IEnumerable<CaseDataTerm> terms, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var prepared = CaseDataTerm.Prepare(text);
        var found = terms.Where(t => t.OccursInPrepared(prepared)).ToList();
        return found
            .Where(t => !found.Any(longer => !ReferenceEquals(longer, t) && longer.Term.Length > t.Term.Length && t.OccursIn(longer.Term)))
            .OrderByDescending(t => t.Term.Length)
            .ToList();
    }
}
