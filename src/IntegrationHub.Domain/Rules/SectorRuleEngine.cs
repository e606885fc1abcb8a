using System.Globalization;
using IntegrationHub.Domain.Involvements;

namespace IntegrationHub.Domain.Rules;

/// <summary>The outcome of checking one involvement against its sector's definition.</summary>
/// <param name="Definition">The sector definition used; null when the sector is unknown.</param>
/// <param name="Violations">Empty when the involvement follows every rule.</param>
/// <param name="SatisfiedTriggerIds">The triggers for the involvement's action that its evidence meets.</param>
public sealed record RuleCheck(SectorDefinition? Definition, IReadOnlyList<Violation> Violations, IReadOnlyList<string> SatisfiedTriggerIds)
{
    public bool IsAccepted => Violations.Count == 0;
}

/// <summary>
/// Evaluates any <see cref="SectorDefinition"/> against a reported involvement. It knows no sector:
/// everything sector-specific is in the definitions. Pure: no I/O, no clock (dates come in), no exceptions
/// for bad input.
/// </summary>
public sealed class SectorRuleEngine(SectorCatalogue catalogue)
{
    /// <summary>The checks every sector shares.</summary>
    public static class GeneralRules
    {
        public static readonly StandingRule SectorKnown = new(
            "general.sector.known",
            "The involvement names a sector the hub holds rules for",
            GuidanceReference.Involvement("3.1"));

        public static readonly StandingRule EndDateRequired = new(
            "general.dates.endDateRequired",
            "The end of an involvement carries its end date",
            GuidanceReference.Involvement("3.4"));

        public static readonly StandingRule EndNotBeforeStart = new(
            "general.dates.endNotBeforeStart",
            "An involvement does not end before it starts",
            GuidanceReference.Involvement("1.5.6"));

        public static IReadOnlyList<StandingRule> All { get; } = [SectorKnown, EndDateRequired, EndNotBeforeStart];
    }

    public SectorCatalogue Catalogue { get; } = catalogue;

    /// <summary>
    /// Checks <paramref name="involvement"/> against its sector's rules: dates, age range, service type,
    /// sensitivity, name convention, case-data terms, the triggers of its action and the sector's constraints.
    /// Identity (name + start date) and consent are checked by their own modules; see <c>InvolvementChecks</c>.
    /// </summary>
    /// <param name="involvement">The involvement as the source reported it.</param>
    /// <param name="dateOfBirth">The child's date of birth from the same fragment (or the record).</param>
    public RuleCheck Check(ReportedInvolvement involvement, DateOnly dateOfBirth)
    {
        var definition = Catalogue.Find(involvement.Sector);
        if (definition is null)
        {
            var known = string.Join(", ", Catalogue.Definitions.Select(d => d.Id));
            return new RuleCheck(
                null,
                [new Violation(
                    ViolationCodes.SectorUnknown,
                    $"{Facts.InvolvementPath}.sector",
                    $"Sector \"{involvement.Sector}\" is not one the hub has rules for. Send one of: {known}.",
                    GeneralRules.SectorKnown.Section,
                    GeneralRules.SectorKnown.Id)],
                []);
        }

        var asOf = involvement.Action == InvolvementAction.End ? involvement.EndDate ?? involvement.StartDate : involvement.StartDate;
        var facts = new InvolvementFacts(involvement, dateOfBirth, asOf);
        var violations = new List<Violation>();

        CheckDates(involvement, violations);
        if (involvement.Action == InvolvementAction.Start)
        {
            CheckAge(definition, facts, violations);
        }

        CheckServiceType(definition, facts, violations);
        CheckSensitivity(definition, involvement, violations);
        CheckName(definition, facts, violations);
        CheckCaseData(definition, involvement, violations);
        var satisfied = CheckTriggers(definition, facts, violations);
        CheckConstraints(definition, facts, violations);

        return new RuleCheck(definition, violations, satisfied);
    }

    private static void CheckDates(ReportedInvolvement involvement, List<Violation> violations)
    {
        if (involvement.Action == InvolvementAction.End && involvement.EndDate is null)
        {
            violations.Add(new Violation(
                ViolationCodes.EndDateMissing,
                Facts.EndDate.Path,
                "An end must carry the end date. Send the date the involvement ended.",
                GeneralRules.EndDateRequired.Section,
                GeneralRules.EndDateRequired.Id));
        }

        if (involvement.EndDate is { } end && end < involvement.StartDate)
        {
            violations.Add(new Violation(
                ViolationCodes.EndBeforeStart,
                Facts.EndDate.Path,
                string.Create(CultureInfo.InvariantCulture, $"The end date {end:yyyy-MM-dd} is before the start date {involvement.StartDate:yyyy-MM-dd}. Send an end date on or after the start date."),
                GeneralRules.EndNotBeforeStart.Section,
                GeneralRules.EndNotBeforeStart.Id));
        }
    }

    private static void CheckAge(SectorDefinition definition, InvolvementFacts facts, List<Violation> violations)
    {
        var rule = definition.Age;
        var age = facts.AgeAtStart;
        if (age >= rule.MinimumAge && age < rule.UpperAgeLimit)
        {
            return;
        }

        var describedAge = age < 0
            ? "The start date is before the child's date of birth"
            : string.Create(CultureInfo.InvariantCulture, $"The child was {age} on the start date {facts.Involvement.StartDate:yyyy-MM-dd}");
        violations.Add(new Violation(
            ViolationCodes.AgeOutOfRange,
            Facts.AgeAtStart.Path,
            $"{definition.Title} records involvements for ages {rule.DescribeRange()}. {describedAge}: check the date of birth and the start date, or do not send this involvement.",
            rule.Section,
            rule.Id));
    }

    private static void CheckServiceType(SectorDefinition definition, InvolvementFacts facts, List<Violation> violations)
    {
        foreach (var rule in definition.ServiceTypes.Where(r => r.AppliesWhen.IsMetBy(facts) && r.Required != facts.Involvement.ServiceType))
        {
            var when = rule.AppliesWhen is AlwaysCondition ? string.Empty : $" when {rule.AppliesWhen.Describe()}";
            violations.Add(new Violation(
                ViolationCodes.ServiceTypeMismatch,
                Facts.ServiceType.Path,
                $"{definition.Title} involvements are {Label(rule.Required)}{when}; this one was sent as {Label(facts.Involvement.ServiceType)}. {rule.Description}.",
                rule.Section,
                rule.Id));
        }
    }

    private static void CheckSensitivity(SectorDefinition definition, ReportedInvolvement involvement, List<Violation> violations)
    {
        if (!involvement.Sensitive)
        {
            return;
        }

        var rule = definition.Sensitivity;
        if (rule.Policy == SensitivityPolicy.Never)
        {
            violations.Add(new Violation(
                ViolationCodes.SensitiveNotAllowed,
                Facts.Sensitive.Path,
                $"{definition.Title} involvements are never flagged sensitive: send the generic service without any indication of a sensitive service.",
                rule.Section,
                rule.Id));
        }
        else if (involvement.ServiceType == ServiceType.Universal)
        {
            violations.Add(new Violation(
                ViolationCodes.SensitiveUniversalService,
                Facts.Sensitive.Path,
                "Only Specialist and Targeted services can be sensitive. Send this involvement as not sensitive, or, if it is a sensitive service, as a Specialist and Targeted service with its consent basis.",
                rule.Section,
                rule.Id));
        }
    }

    private static void CheckName(SectorDefinition definition, InvolvementFacts facts, List<Violation> violations)
    {
        var applicable = definition.Names.Where(r => r.AppliesWhen.IsMetBy(facts)).ToList();
        var results = applicable.Select(r => (Rule: r, Result: r.Convention.Match(facts.Involvement))).ToList();
        if (results.Count == 0 || results.Any(r => r.Result.IsMatch))
        {
            return;
        }

        foreach (var (rule, result) in results)
        {
            var when = rule.AppliesWhen is AlwaysCondition ? string.Empty : $" when {rule.AppliesWhen.Describe()}";
            var problem = result.Problem is null ? string.Empty : $" ({result.Problem})";
            violations.Add(new Violation(
                ViolationCodes.NameConvention,
                $"{Facts.InvolvementPath}.serviceProvisionName",
                $"\"{facts.Involvement.ServiceProvisionName}\" does not follow the {definition.Title} convention{problem}. The service provision name{when} is {rule.Convention.Describe()} ({NameConvention.TagRule}), e.g. \"{rule.Convention.Example}\".",
                rule.Section,
                rule.Id));
        }
    }

    private void CheckCaseData(SectorDefinition definition, ReportedInvolvement involvement, List<Violation> violations)
    {
        (NamedField Field, string Path, string? Text)[] fields =
        [
            (NamedField.ServiceProvisionName, $"{Facts.InvolvementPath}.serviceProvisionName", involvement.ServiceProvisionName),
            (NamedField.TeamName, $"{Facts.InvolvementPath}.teamName", involvement.TeamName),
            (NamedField.OrganisationName, $"{Facts.InvolvementPath}.organisationName", involvement.OrganisationName),
        ];

        foreach (var (field, path, text) in fields)
        {
            var found = CaseDataTerms.FindIn(Catalogue.CaseDataTerms, text)
                .Where(t => !(t.AllowedWhenSensitive && involvement.Sensitive))
                .Where(t => !definition.CaseDataExemptions.Any(e => e.Fields.Contains(field) && e.TermIds.Contains(t.Id, StringComparer.Ordinal)))
                .ToList();
            if (found.Count == 0)
            {
                continue;
            }

            var first = found[0];
            var terms = string.Join(", ", found.Select(t => $"\"{t.Term}\""));
            var sensitiveHint = first.AllowedWhenSensitive
                ? " If this is a sensitive service recorded with consent, flag the involvement sensitive instead."
                : string.Empty;
            violations.Add(new Violation(
                ViolationCodes.CaseDataTerm,
                path,
                $"\"{text}\" contains {terms}, which reveals {first.Reveals}: that is case data. Use a name that does not reveal the nature of the service (e.g. \"Team 1\").{sensitiveHint}",
                first.Section,
                first.Id));
        }
    }

    private static List<string> CheckTriggers(SectorDefinition definition, InvolvementFacts facts, List<Violation> violations)
    {
        var action = facts.Involvement.Action;
        var triggers = definition.TriggersFor(action).ToList();
        var satisfied = triggers.Where(t => t.When.IsMetBy(facts)).Select(t => t.Id).ToList();
        if (triggers.Count == 0 || satisfied.Count > 0)
        {
            return satisfied;
        }

        // None met: name every trigger of the action, so the source sees each rule it fails and its section.
        var verb = Verb(action);
        foreach (var trigger in triggers)
        {
            var path = trigger.When.ReadFacts().FirstOrDefault(f => f.IsEvidence)?.Path ?? $"{Facts.InvolvementPath}.evidence";
            violations.Add(new Violation(
                ViolationCodes.TriggerNotMet,
                path,
                $"The {verb} trigger \"{trigger.Description}\" is not met (it needs: {trigger.When.Describe()}). No {verb} trigger of {definition.Title} is met: send the evidence of the one that applies, or do not {verb} this involvement.",
                trigger.Section,
                trigger.Id));
        }

        return satisfied;
    }

    private static void CheckConstraints(SectorDefinition definition, InvolvementFacts facts, List<Violation> violations)
    {
        foreach (var rule in definition.Constraints.Where(r =>
                     r.AppliesTo.Contains(facts.Involvement.Action) && r.AppliesWhen.IsMetBy(facts) && !r.Requires.IsMetBy(facts)))
        {
            violations.Add(new Violation(
                rule.Code,
                rule.Path,
                $"{rule.Description}: {rule.Requires.Describe()} when {rule.AppliesWhen.Describe()}. {rule.Remedy}.",
                rule.Section,
                rule.Id));
        }
    }

    private static string Verb(InvolvementAction action) => action switch
    {
        InvolvementAction.Start => "start",
        InvolvementAction.Update => "update",
        _ => "end",
    };

    internal static string Label(ServiceType type) => type == ServiceType.Universal ? "Universal" : "Specialist and Targeted";
}
