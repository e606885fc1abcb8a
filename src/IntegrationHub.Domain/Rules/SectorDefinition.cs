using IntegrationHub.Domain.Involvements;

namespace IntegrationHub.Domain.Rules;

/// <summary>
/// One sector's rules as data (000 sections 3 and 4): triggers, name and type conventions, ages,
/// sensitivity and the hub's time-based rules. <see cref="SectorRuleEngine"/> evaluates any definition;
/// a new sector (Health, Justice Part 3) is a new definition, not a change to the engine.
/// </summary>
public sealed record SectorDefinition
{
    /// <summary>Stable id the source names in <c>$.involvement.sector</c>, e.g. <c>socialCare</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The sector as the guidance heads it, e.g. "Voluntary and Community".</summary>
    public required string Sector { get; init; }

    /// <summary>The service within the sector where the guidance splits one, e.g. "National Partner".</summary>
    public string? Service { get; init; }

    /// <summary>The Involvement Guidance version this definition implements, e.g. "4.0".</summary>
    public required string GuidanceVersion { get; init; }

    /// <summary>The guidance section for the sector as a whole, e.g. 000 4.3.</summary>
    public required GuidanceReference Section { get; init; }

    public required AgeRule Age { get; init; }

    public required SensitivityRule Sensitivity { get; init; }

    public required IReadOnlyList<NameRule> Names { get; init; }

    public required IReadOnlyList<ServiceTypeRule> ServiceTypes { get; init; }

    /// <summary>Start, update and end triggers; any one met is enough for its action.</summary>
    public required IReadOnlyList<Trigger> Triggers { get; init; }

    public IReadOnlyList<ConstraintRule> Constraints { get; init; } = [];

    public IReadOnlyList<TimeBasedRule> TimeBasedRules { get; init; } = [];

    public IReadOnlyList<CaseDataExemption> CaseDataExemptions { get; init; } = [];

    public ConcurrencyLimit? ConcurrencyLimit { get; init; }

    public string Title => Service is null ? Sector : $"{Sector}: {Service}";

    public IEnumerable<Trigger> TriggersFor(InvolvementAction action) => Triggers.Where(t => t.Action == action);

    /// <summary>Every rule of the definition, in document order. The coverage test demands a passing and a failing case for each.</summary>
    public IEnumerable<IGuidanceRule> Rules
    {
        get
        {
            foreach (var trigger in TriggersFor(InvolvementAction.Start).Concat(TriggersFor(InvolvementAction.Update)).Concat(TriggersFor(InvolvementAction.End)))
            {
                yield return trigger;
            }

            foreach (var rule in Names.Cast<IGuidanceRule>().Concat(ServiceTypes).Append(Age).Append(Sensitivity)
                         .Concat(Constraints).Concat(TimeBasedRules).Concat(CaseDataExemptions))
            {
                yield return rule;
            }

            if (ConcurrencyLimit is not null)
            {
                yield return ConcurrencyLimit;
            }
        }
    }
}
