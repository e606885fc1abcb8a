using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Contracts;
using IntegrationHub.Domain.Consent;
using IntegrationHub.Domain.Involvements;
using IntegrationHub.Domain.Rules;
using IntegrationHub.Persistence;

namespace IntegrationHub.Pipeline.Intake;

/// <summary>What the rules say about one fragment, in the intake's terms.</summary>
public enum RulesOutcome
{
    /// <summary>Apply it (create, update or end the provision, or the demographics alone).</summary>
    Apply,

    /// <summary>Consent to a sensitive service was withdrawn: archive the provision now and apply the rest.</summary>
    ArchiveProvision,

    /// <summary>An update or end naming a provision not started yet: hold it for its start (ADR 0005).</summary>
    AwaitStart,

    /// <summary>Not applied; the reasons say which rule and what to do.</summary>
    Reject,
}

public sealed record RulesVerdict(RulesOutcome Outcome, IReadOnlyList<Reason> Reasons, bool CreatesProvision, TriggerEvidence? Evidence);

/// <summary>
/// Joins the rules library (IntegrationHub.Domain: sector rules, service-provision identity, consent and adult
/// transition) to the intake: maps a fragment and what the hub holds from its source about the child onto the
/// library's request, and the library's verdict onto receipt reasons.
/// </summary>
public sealed class IntakeRules(SectorCatalogue catalogue)
{
    private static readonly JsonSerializerOptions EvidenceJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly InvolvementChecks checks = new(catalogue);

    /// <param name="message">A fragment that passed validation.</param>
    /// <param name="held">What the hub holds from this source about this child, if anything.</param>
    /// <param name="today">The hub's date: the adult transition is judged on the day the fragment is applied.</param>
    public RulesVerdict Judge(IFragment message, ChildFragment? held, DateOnly today)
    {
        var consents = RetentionConsents(message.Child, held);
        var involvement = message switch
        {
            StartInvolvement s => (s.Involvement, InvolvementAction.Start),
            UpdateInvolvement u => (u.Involvement, InvolvementAction.Update),
            EndInvolvement e => (e.Involvement, InvolvementAction.End),
            _ => ((Involvement?)null, InvolvementAction.Update),
        };

        if (involvement.Item1 is null)
        {
            // Demographics alone: only the adult transition applies (002 3.34).
            var transition = AdultTransition.Compute(message.Child.DateOfBirth, consents);
            var passed = AdultTransition.CheckFragmentApplies(transition, today);
            return passed.Count == 0
                ? new RulesVerdict(RulesOutcome.Apply, [], false, null)
                : new RulesVerdict(RulesOutcome.Reject, [.. passed.Select(ToReason)], false, null);
        }

        var reported = Map(involvement.Item1, involvement.Item2);
        var verdict = checks.Check(new InvolvementCheckRequest
        {
            Involvement = reported,
            DateOfBirth = message.Child.DateOfBirth,
            Today = today,
            ExistingProvisions = held?.Involvements.Select(Existing).ToList() ?? [],
            RetentionConsents = consents,
        });

        return verdict.Outcome switch
        {
            InvolvementOutcome.CreateProvision => new RulesVerdict(RulesOutcome.Apply, [], true, reported.Evidence),
            InvolvementOutcome.StartAlreadyRecorded or InvolvementOutcome.UpdateProvision or InvolvementOutcome.EndProvision =>
                new RulesVerdict(RulesOutcome.Apply, [], false, reported.Evidence),
            InvolvementOutcome.ArchiveInvolvement => new RulesVerdict(RulesOutcome.ArchiveProvision, [], false, reported.Evidence),
            InvolvementOutcome.Rejected when reported.Action != InvolvementAction.Start && verdict.Violations.All(AwaitsStart) =>
                new RulesVerdict(RulesOutcome.AwaitStart, [.. verdict.Violations.Select(ToReason)], false, reported.Evidence),
            _ => new RulesVerdict(RulesOutcome.Reject, [.. verdict.Violations.Select(ToReason)], false, reported.Evidence),
        };
    }

    /// <summary>The evidence the hub keeps with a provision: only what its time-based ends read.</summary>
    public static string? TimeBasedEvidenceJson(TriggerEvidence? evidence) =>
        evidence?.ForTimeBasedRules() is { } kept && kept != new TriggerEvidence() ? JsonSerializer.Serialize(kept, EvidenceJson) : null;

    /// <summary>Reads back what <see cref="TimeBasedEvidenceJson"/> stored.</summary>
    public static TriggerEvidence ReadTimeBasedEvidence(string? json) =>
        json is null ? new TriggerEvidence() : JsonSerializer.Deserialize<TriggerEvidence>(json, EvidenceJson) ?? new TriggerEvidence();

    /// <summary>
    /// An update or end whose provision is unknown, or known only under another start date, may simply have
    /// overtaken its start (another consumer, a resend): it waits for it rather than failing at once.
    /// </summary>
    private static bool AwaitsStart(Violation violation) =>
        violation.Code is ViolationCodes.ProvisionNotFound or ViolationCodes.StartDateImmutable;

    public static Reason ToReason(Violation violation) => new()
    {
        Path = violation.Path,
        Code = violation.Code,
        Message = violation.Message,
        Rule = violation.RuleId,
        Guidance = violation.Section.ToString(),
    };

    private static ReportedInvolvement Map(Involvement involvement, InvolvementAction action) => new()
    {
        Sector = HubJson.WireName(involvement.Sector),
        Action = action,
        ServiceProvisionName = involvement.ServiceProvisionName,
        StartDate = involvement.StartDate,
        EndDate = involvement.EndDate,
        ServiceType = involvement.ServiceType == Contracts.ServiceType.Universal
            ? Domain.Involvements.ServiceType.Universal
            : Domain.Involvements.ServiceType.SpecialistAndTargeted,
        OrganisationName = involvement.Practitioner?.Organisation,
        TeamName = involvement.Practitioner?.Team,
        PractitionerReference = involvement.PractitionerReference,
        Sensitive = involvement.Sensitive ?? false,
        SensitiveConsentBasis = involvement.SensitiveConsentBasis switch
        {
            Contracts.SensitiveConsentBasis.ExplicitConsent => Domain.Involvements.SensitiveConsentBasis.ExplicitConsent,
            Contracts.SensitiveConsentBasis.ReasonableCauseToSuspectSignificantHarm => Domain.Involvements.SensitiveConsentBasis.ReasonableCauseToSuspectSignificantHarm,
            _ => null,
        },
        SensitiveConsentWithdrawn = involvement.SensitiveConsentWithdrawn ?? false,
        // The wire and the library spell the evidence the same way (proven by RulesVocabularyAgreesWithSchemas).
        Evidence = involvement.Evidence is null
            ? new TriggerEvidence()
            : JsonSerializer.Deserialize<TriggerEvidence>(JsonSerializer.Serialize(involvement.Evidence, HubJson.Options), EvidenceJson)!,
    };

    private static ExistingProvision Existing(InvolvementRecord record) => new()
    {
        Sector = record.Sector,
        ServiceProvisionName = record.ServiceProvisionName,
        StartDate = record.StartDate,
        EndDate = record.EndDate,
        PractitionerReference = record.PractitionerReference,
    };

    /// <summary>Every retention consent reported so far: those held from this source, and any in this fragment.</summary>
    private static List<Domain.Consent.RetentionConsent> RetentionConsents(Child child, ChildFragment? held)
    {
        var stored = held is { ChildJson.Length: > 0 }
            ? JsonSerializer.Deserialize<Child>(held.ChildJson, HubJson.Options)?.RetentionConsents ?? []
            : [];
        return [.. stored.Concat(child.RetentionConsents ?? []).Distinct().Select(c => new Domain.Consent.RetentionConsent(
            c.Basis switch
            {
                Contracts.RetentionBasis.ConnexionsParticipation => Domain.Consent.RetentionBasis.ConnexionsParticipation,
                Contracts.RetentionBasis.CareLeaver => Domain.Consent.RetentionBasis.CareLeaver,
                _ => Domain.Consent.RetentionBasis.LearningDifficultiesOrDisabilities,
            },
            c.Status == Contracts.RetentionConsentStatus.Given ? Domain.Consent.RetentionConsentStatus.Given : Domain.Consent.RetentionConsentStatus.Withdrawn,
            c.RecordedOn))];
    }
}
