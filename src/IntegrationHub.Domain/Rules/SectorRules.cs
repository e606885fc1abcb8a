using System.Globalization;
using IntegrationHub.Domain.Involvements;

namespace IntegrationHub.Domain.Rules;

/// <summary>What kind of rule a definition holds; the docs and the coverage test group by it.</summary>
public enum RuleKind
{
    StartTrigger,
    UpdateTrigger,
    EndTrigger,
    NameConvention,
    ServiceType,
    AgeRange,
    Sensitivity,
    Constraint,
    TimeBased,
    CaseDataExemption,
    Concurrency,
}

/// <summary>One rule of a sector definition: an id the tests and violations refer to, the guidance it implements.</summary>
public interface IGuidanceRule
{
    /// <summary>Stable id, prefixed by the sector definition's id, e.g. <c>socialCare.start.initialAssessment</c>.</summary>
    string Id { get; }

    RuleKind Kind { get; }

    /// <summary>The rule in the guidance's words.</summary>
    string Description { get; }

    GuidanceReference Section { get; }
}

/// <summary>A start, update or end trigger: the involvement is recorded when <see cref="When"/> is met (000 3.2-3.4).</summary>
public sealed record Trigger(string Id, InvolvementAction Action, string Description, GuidanceReference Section, Condition When) : IGuidanceRule
{
    public RuleKind Kind => Action switch
    {
        InvolvementAction.Start => RuleKind.StartTrigger,
        InvolvementAction.Update => RuleKind.UpdateTrigger,
        _ => RuleKind.EndTrigger,
    };
}

/// <summary>The service provision name must follow <see cref="Convention"/> whenever <see cref="AppliesWhen"/> is met.</summary>
public sealed record NameRule(string Id, NameConvention Convention, Condition AppliesWhen, string Description, GuidanceReference Section) : IGuidanceRule
{
    public RuleKind Kind => RuleKind.NameConvention;
}

/// <summary>The service type must be <see cref="Required"/> whenever <see cref="AppliesWhen"/> is met.</summary>
public sealed record ServiceTypeRule(string Id, ServiceType Required, Condition AppliesWhen, string Description, GuidanceReference Section) : IGuidanceRule
{
    public RuleKind Kind => RuleKind.ServiceType;
}

/// <summary>An age the sector may record beyond its standard range, e.g. to 25 with consent.</summary>
public sealed record AgeExtension(int UpToAge, bool RequiresConsent, string Description);

/// <summary>
/// Ages at the start date, in completed years: from <see cref="MinimumAge"/> to before <see cref="StandardUpperAge"/>,
/// or up to the largest extension. Whether consent actually extends this child's record is the adult
/// transition date's business (Consent), not this rule's.
/// </summary>
public sealed record AgeRule(string Id, int MinimumAge, int StandardUpperAge, IReadOnlyList<AgeExtension> Extensions, string Description, GuidanceReference Section) : IGuidanceRule
{
    public RuleKind Kind => RuleKind.AgeRange;

    /// <summary>The first age the sector never records.</summary>
    public int UpperAgeLimit => Extensions.Count == 0 ? StandardUpperAge : Math.Max(StandardUpperAge, Extensions.Max(e => e.UpToAge));

    public string DescribeRange()
    {
        var standard = string.Create(CultureInfo.InvariantCulture, $"{MinimumAge}-{StandardUpperAge}");
        return Extensions.Count == 0
            ? standard
            : $"{standard}; {string.Join("; ", Extensions.Select(e => string.Create(CultureInfo.InvariantCulture, $"to {e.UpToAge} {e.Description}")))}";
    }
}

/// <summary>Whether a sector may ever record a sensitive service (000 1.5.3).</summary>
public enum SensitivityPolicy
{
    /// <summary>Never: the sector's involvements never reveal sensitive services (police 4.6.2, YOT 4.5.2).</summary>
    Never,

    /// <summary>Only when the involvement is specialist and targeted (000 1.5.3), with a consent basis.</summary>
    SpecialistAndTargetedOnly,
}

public sealed record SensitivityRule(string Id, SensitivityPolicy Policy, string Description, GuidanceReference Section) : IGuidanceRule
{
    public RuleKind Kind => RuleKind.Sensitivity;
}

/// <summary>
/// A recording rule that is not a trigger: for <see cref="AppliesTo"/> actions, whenever <see cref="AppliesWhen"/>
/// is met, <see cref="Requires"/> must be too, or the involvement is rejected with <see cref="Code"/>.
/// </summary>
public sealed record ConstraintRule(
    string Id,
    IReadOnlyList<InvolvementAction> AppliesTo,
    Condition AppliesWhen,
    Condition Requires,
    string Code,
    string Path,
    string Description,
    string Remedy,
    GuidanceReference Section) : IGuidanceRule
{
    public RuleKind Kind => RuleKind.Constraint;
}

/// <summary>What the hub decides when a time-based rule falls due.</summary>
public enum TimeBasedOutcome
{
    /// <summary>The hub ends the involvement itself, dated the day the period ran out.</summary>
    EndInvolvement,

    /// <summary>The source should record a new involvement (police schools officers after a year).</summary>
    NewInvolvementDue,
}

/// <summary>
/// A rule the hub computes from the calendar: when <see cref="Period"/> has passed since <see cref="Since"/>
/// (or the start date when the source never sent it) and <see cref="AppliesWhen"/> is met.
/// </summary>
public sealed record TimeBasedRule(string Id, TimeBasedOutcome Outcome, Fact<DateOnly> Since, GuidancePeriod Period, Condition AppliesWhen, string Description, GuidanceReference Section) : IGuidanceRule
{
    public RuleKind Kind => RuleKind.TimeBased;
}

/// <summary>Which name field a case-data term was found in.</summary>
public enum NamedField
{
    ServiceProvisionName,
    TeamName,
    OrganisationName,
}

/// <summary>A sector may use some case-data terms in some fields, e.g. YOT teams are called "Youth Offending Team" (000 4.5.4).</summary>
public sealed record CaseDataExemption(string Id, IReadOnlyList<string> TermIds, IReadOnlyList<NamedField> Fields, string Description, GuidanceReference Section) : IGuidanceRule
{
    public RuleKind Kind => RuleKind.CaseDataExemption;
}

/// <summary>At most <see cref="MaximumOpen"/> of the source's involvements in this sector may be open for a child at once.</summary>
public sealed record ConcurrencyLimit(string Id, int MaximumOpen, string Code, string Description, GuidanceReference Section) : IGuidanceRule
{
    public RuleKind Kind => RuleKind.Concurrency;
}
