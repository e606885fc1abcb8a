using System.Globalization;
using IntegrationHub.Domain.Rules;

namespace IntegrationHub.Domain.Involvements;

/// <summary>A service provision's identity within one child's record and one source (000 1.5.6).</summary>
public sealed record ServiceProvisionKey(string ServiceProvisionName, DateOnly StartDate)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"\"{ServiceProvisionName}\" started {StartDate:yyyy-MM-dd}");
}

/// <summary>A service provision the hub already holds from this source for this child.</summary>
public sealed record ExistingProvision
{
    /// <summary>The sector definition it was recorded under.</summary>
    public required string Sector { get; init; }

    public required string ServiceProvisionName { get; init; }

    public required DateOnly StartDate { get; init; }

    public DateOnly? EndDate { get; init; }

    /// <summary>The source's reference for the practitioner holding it, when the source sends one.</summary>
    public string? PractitionerReference { get; init; }

    public ServiceProvisionKey Key => new(ServiceProvisionName, StartDate);

    /// <summary>Open on <paramref name="date"/>: started on or before it and not ended by it.</summary>
    public bool IsOpenOn(DateOnly date) => StartDate <= date && (EndDate is null || EndDate > date);
}

/// <summary>What the hub does with the reported provision.</summary>
public enum IdentityOutcome
{
    /// <summary>A start with a new name + start date: a new service provision.</summary>
    CreateProvision,

    /// <summary>A start repeating a recorded name + start date: nothing new (idempotent).</summary>
    StartAlreadyRecorded,

    /// <summary>An update matching a recorded name + start date exactly.</summary>
    UpdateProvision,

    /// <summary>An end matching a recorded name + start date exactly.</summary>
    EndProvision,

    /// <summary>See the violations.</summary>
    Rejected,
}

public sealed record IdentityResolution(IdentityOutcome Outcome, ServiceProvisionKey Key, ExistingProvision? Matched, IReadOnlyList<Violation> Violations);

/// <summary>The identity rules as data, for docs and coverage.</summary>
public static class IdentityRules
{
    private static readonly GuidanceReference Identity = GuidanceReference.Involvement("1.5.6");

    public static readonly StandingRule NewStartCreates = new(
        "identity.start.creates",
        "Sending a service provision with a unique name and start date creates a new service provision",
        Identity);

    public static readonly StandingRule RepeatedStartIsIdempotent = new(
        "identity.start.idempotent",
        "A start repeating a recorded service provision name and start date changes nothing",
        Identity);

    public static readonly StandingRule UniqueTagNeeded = new(
        "identity.start.uniqueTagNeeded",
        "Where two service provisions would share a name and start date, a unique identifier is inserted in the name, e.g. \"Service Provision Name 12345\"",
        Identity);

    public static readonly StandingRule ChangeMatchesExactly = new(
        "identity.change.exactMatch",
        "To change a service provision, its service provision name and start date must match the one to amend",
        Identity);

    public static readonly StandingRule StartDateNeverAmended = new(
        "identity.startDate.immutable",
        "The start date of a service provision cannot be amended; a wrong one is fixed by the data administrator archiving the fragment and the source resending",
        Identity);

    public static readonly StandingRule OnePractitionerPerInvolvement = new(
        "identity.practitioner.onePerInvolvement",
        "Only one set of practitioner details can be sent per involvement; each further practitioner is a separate involvement",
        GuidanceReference.Involvement("4.3.2"));

    public static IReadOnlyList<StandingRule> All { get; } =
        [NewStartCreates, RepeatedStartIsIdempotent, UniqueTagNeeded, ChangeMatchesExactly, StartDateNeverAmended, OnePractitionerPerInvolvement];
}

/// <summary>
/// Service-provision identity (000 1.5.6): a provision is its name + start date, within one child and one
/// source. Pure: the caller passes the source's existing provisions for the child.
/// </summary>
public static class ServiceProvisionIdentity
{
    /// <param name="involvement">The reported involvement.</param>
    /// <param name="existing">Every provision the hub holds from this source for this child, open or ended.</param>
    /// <param name="definition">The involvement's sector definition, for its concurrency limit; null skips it.</param>
    public static IdentityResolution Resolve(ReportedInvolvement involvement, IReadOnlyCollection<ExistingProvision> existing, SectorDefinition? definition)
    {
        var key = new ServiceProvisionKey(involvement.ServiceProvisionName, involvement.StartDate);
        var violations = new List<Violation>();

        if (involvement.PractitionerCount > 1)
        {
            violations.Add(Violate(
                IdentityRules.OnePractitionerPerInvolvement,
                ViolationCodes.OnePractitionerPerInvolvement,
                $"{Facts.InvolvementPath}.practitionerCount",
                "An involvement carries one practitioner's details. Send each practitioner as a separate involvement, each with a unique tag in the service provision name."));
        }

        var matched = existing.FirstOrDefault(p => p.Key == key);
        var outcome = involvement.Action switch
        {
            InvolvementAction.Start => ResolveStart(involvement, key, matched, existing, definition, violations),
            InvolvementAction.Update => ResolveChange(key, matched, existing, IdentityOutcome.UpdateProvision, violations),
            _ => ResolveChange(key, matched, existing, IdentityOutcome.EndProvision, violations),
        };

        return new IdentityResolution(violations.Count > 0 ? IdentityOutcome.Rejected : outcome, key, matched, violations);
    }

    private static IdentityOutcome ResolveStart(
        ReportedInvolvement involvement,
        ServiceProvisionKey key,
        ExistingProvision? matched,
        IReadOnlyCollection<ExistingProvision> existing,
        SectorDefinition? definition,
        List<Violation> violations)
    {
        if (matched is not null)
        {
            if (matched.PractitionerReference is { } recorded && involvement.PractitionerReference is { } reported
                && !string.Equals(recorded, reported, StringComparison.Ordinal))
            {
                violations.Add(Violate(
                    IdentityRules.UniqueTagNeeded,
                    ViolationCodes.UniqueTagNeeded,
                    $"{Facts.InvolvementPath}.serviceProvisionName",
                    $"You already recorded {key} for another practitioner, and the hub cannot tell two provisions with the same name and start date apart. Add a unique tag to the name, e.g. \"{involvement.ServiceProvisionName} 12345\", and send the start again."));
            }

            return IdentityOutcome.StartAlreadyRecorded;
        }

        if (definition?.ConcurrencyLimit is { } limit)
        {
            var open = existing.Where(p => string.Equals(p.Sector, definition.Id, StringComparison.Ordinal) && p.IsOpenOn(involvement.StartDate)).ToList();
            if (open.Count >= limit.MaximumOpen)
            {
                var names = string.Join(", ", open.Select(p => p.Key.ToString()));
                violations.Add(new Violation(
                    limit.Code,
                    $"{Facts.InvolvementPath}.startDate",
                    string.Create(CultureInfo.InvariantCulture, $"{definition.Title} records at most {limit.MaximumOpen} open involvements for a child ({limit.Description}); {open.Count} are open on {involvement.StartDate:yyyy-MM-dd}: {names}. End one of them before starting another."),
                    limit.Section,
                    limit.Id));
            }
        }

        return IdentityOutcome.CreateProvision;
    }

    private static IdentityOutcome ResolveChange(
        ServiceProvisionKey key,
        ExistingProvision? matched,
        IReadOnlyCollection<ExistingProvision> existing,
        IdentityOutcome outcome,
        List<Violation> violations)
    {
        if (matched is not null)
        {
            return outcome;
        }

        var verb = outcome == IdentityOutcome.UpdateProvision ? "update" : "end";
        var sameName = existing.Where(p => string.Equals(p.ServiceProvisionName, key.ServiceProvisionName, StringComparison.Ordinal)).ToList();
        if (sameName.Count > 0)
        {
            var dates = string.Join(", ", sameName.Select(p => p.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            violations.Add(Violate(
                IdentityRules.StartDateNeverAmended,
                ViolationCodes.StartDateImmutable,
                $"{Facts.InvolvementPath}.startDate",
                $"You have no provision {key}: \"{key.ServiceProvisionName}\" is recorded with start date {dates}. A start date is never amended. To {verb} that provision send its recorded start date; if the recorded start date is wrong, ask the data administrator to archive the fragment, then resend the provision with the correct start date."));
            return IdentityOutcome.Rejected;
        }

        var nearly = existing.FirstOrDefault(p => string.Equals(
            NameConvention.Normalise(p.ServiceProvisionName), NameConvention.Normalise(key.ServiceProvisionName), StringComparison.OrdinalIgnoreCase));
        var hint = nearly is null ? string.Empty : $" Did you mean {nearly.Key}? Names must match exactly.";
        violations.Add(Violate(
            IdentityRules.ChangeMatchesExactly,
            ViolationCodes.ProvisionNotFound,
            $"{Facts.InvolvementPath}.serviceProvisionName",
            $"You have no provision {key} for this child, so there is nothing to {verb}.{hint} An {verb} must match the service provision name and start date of a provision you started, exactly; send the start first. Where several provisions share a name and start date, give each a unique tag in the name."));
        return IdentityOutcome.Rejected;
    }

    private static Violation Violate(StandingRule rule, string code, string path, string message) =>
        new(code, path, message, rule.Section, rule.Id);
}
