using IntegrationHub.Domain.Consent;
using IntegrationHub.Domain.Rules;

namespace IntegrationHub.Domain.Involvements;

/// <summary>Everything the hub needs to judge one reported involvement. The pipeline fills it from the fragment and its store.</summary>
public sealed record InvolvementCheckRequest
{
    public required ReportedInvolvement Involvement { get; init; }

    /// <summary>The child's date of birth (from the fragment, else the record).</summary>
    public required DateOnly DateOfBirth { get; init; }

    /// <summary>The day the fragment was supplied (metadata, 002 C11).</summary>
    public required DateOnly Today { get; init; }

    /// <summary>Every provision the hub holds from this source for this child, open or ended.</summary>
    public IReadOnlyList<ExistingProvision> ExistingProvisions { get; init; } = [];

    /// <summary>Every retention consent reported for the child so far, including any in this fragment.</summary>
    public IReadOnlyList<RetentionConsent> RetentionConsents { get; init; } = [];
}

/// <summary>What the hub does with the involvement.</summary>
public enum InvolvementOutcome
{
    CreateProvision,
    StartAlreadyRecorded,
    UpdateProvision,
    EndProvision,

    /// <summary>Consent to the sensitive service was withdrawn: archive this involvement now (002 3.7).</summary>
    ArchiveInvolvement,

    /// <summary>The involvement breaks a rule; the violations say which and what to do.</summary>
    Rejected,

    /// <summary>The child is past the adult transition date: nothing from this fragment is applied.</summary>
    NotApplied,
}

/// <summary>The verdict on one reported involvement.</summary>
public sealed record InvolvementVerdict(
    InvolvementOutcome Outcome,
    ServiceProvisionKey Key,
    IReadOnlyList<Violation> Violations,
    IReadOnlyList<string> SatisfiedTriggerIds,
    AdultTransitionDate AdultTransition);

/// <summary>
/// The one call the intake pipeline makes per reported involvement: adult transition, consent, sector
/// rules and service-provision identity, in that order. Pure and deterministic: same request, same verdict.
/// </summary>
public sealed class InvolvementChecks(SectorCatalogue catalogue)
{
    private readonly SectorRuleEngine engine = new(catalogue);

    public InvolvementVerdict Check(InvolvementCheckRequest request)
    {
        var involvement = request.Involvement;
        var key = new ServiceProvisionKey(involvement.ServiceProvisionName, involvement.StartDate);
        var transition = Consent.AdultTransition.Compute(request.DateOfBirth, request.RetentionConsents);

        var pastTransition = Consent.AdultTransition.CheckFragmentApplies(transition, request.Today);
        if (pastTransition.Count > 0)
        {
            return new InvolvementVerdict(InvolvementOutcome.NotApplied, key, pastTransition, [], transition);
        }

        var definition = catalogue.Find(involvement.Sector);
        var consent = SensitiveServiceConsent.Check(involvement);
        if (consent.ArchiveInvolvementNow)
        {
            // A withdrawal is an instruction about a provision the hub holds, whatever the action says:
            // it must name that provision exactly, and needs no trigger.
            var target = ServiceProvisionIdentity.Resolve(involvement with { Action = InvolvementAction.Update }, request.ExistingProvisions, definition);
            return target.Outcome == IdentityOutcome.Rejected
                ? new InvolvementVerdict(InvolvementOutcome.Rejected, key, target.Violations, [], transition)
                : new InvolvementVerdict(InvolvementOutcome.ArchiveInvolvement, key, [], [], transition);
        }

        var rules = engine.Check(involvement, request.DateOfBirth);
        var identity = ServiceProvisionIdentity.Resolve(involvement, request.ExistingProvisions, rules.Definition);
        IReadOnlyList<Violation> violations = [.. rules.Violations, .. consent.Violations, .. identity.Violations];
        var outcome = violations.Count > 0
            ? InvolvementOutcome.Rejected
            : identity.Outcome switch
            {
                IdentityOutcome.CreateProvision => InvolvementOutcome.CreateProvision,
                IdentityOutcome.StartAlreadyRecorded => InvolvementOutcome.StartAlreadyRecorded,
                IdentityOutcome.UpdateProvision => InvolvementOutcome.UpdateProvision,
                IdentityOutcome.EndProvision => InvolvementOutcome.EndProvision,
                _ => InvolvementOutcome.Rejected,
            };

        return new InvolvementVerdict(outcome, key, violations, rules.SatisfiedTriggerIds, transition);
    }
}
