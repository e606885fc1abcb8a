namespace IntegrationHub.Persistence;

/// <summary>An accredited data source. Its RabbitMQ user is how the hub knows who published a message.</summary>
public sealed class Source
{
    public required string Id { get; set; }
    public required string AmqpUser { get; set; }
    public required string Name { get; set; }
    public SourceStatus Status { get; set; }
    public string? LocalAuthority { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
}

public enum SourceStatus
{
    Accredited = 0,
    Suspended = 1,
    Terminated = 2,
}

/// <summary>
/// One row per (source, messageId) ever processed: the idempotency key, the message's final outcome
/// and the receipt sent, so a redelivery is answered with the same receipt and applied nowhere.
/// Written in the same transaction as the change the message made.
/// </summary>
public sealed class ProcessedMessage
{
    public required string SourceId { get; set; }
    public required string MessageId { get; set; }
    public MessageOutcome Outcome { get; set; }
    public string? SourceChildId { get; set; }
    public long? Sequence { get; set; }
    public string? ReasonCodes { get; set; }
    public required string ReceiptJson { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }

    /// <summary>How many times the broker delivered this message id; above 1 means duplicates were absorbed.</summary>
    public int Deliveries { get; set; } = 1;
}

/// <summary>Where a message entering the hub ends. Every message ends in exactly one.</summary>
public enum MessageOutcome
{
    Applied = 0,
    Held = 1,
    Rejected = 2,
    DeadLettered = 3,
}

/// <summary>What one source has told the hub about one child: its latest demographics and its involvements.</summary>
public sealed class ChildFragment
{
    /// <summary>Client-generated (time-ordered v7 GUID) so new fragments and their involvements can be bulk-inserted together.</summary>
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string SourceId { get; set; }
    public required string SourceChildId { get; set; }

    /// <summary>Sequence of the message whose demographics are held; an older one is never applied over it.</summary>
    public long DemographicsSequence { get; set; }

    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public DateOnly DateOfBirth { get; set; }
    public required string Gender { get; set; }
    public string? Postcode { get; set; }
    public string? NhsNumber { get; set; }
    public string? Upn { get; set; }

    /// <summary>The whole child object as received (names, address, parents, school, GP), camelCase JSON.</summary>
    public required string ChildJson { get; set; }

    public DateTimeOffset ProducedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: two hub instances applying to the same fragment cannot both win.</summary>
    public int Version { get; set; }

    public List<InvolvementRecord> Involvements { get; set; } = [];
}

/// <summary>A service provision held for a fragment, identified by name + start date (Involvement Guidance 1.5.6).</summary>
public sealed class InvolvementRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ChildFragmentId { get; set; }
    public required string ServiceProvisionName { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public required string Sector { get; set; }
    public required string ServiceType { get; set; }
    public bool Sensitive { get; set; }
    public string? PractitionerJson { get; set; }

    /// <summary>The source's own reference for the practitioner holding the provision; tells two practitioners' starts apart. Never shown.</summary>
    public string? PractitionerReference { get; set; }

    /// <summary>
    /// Only the trigger facts the time-based ends read (last attendance, last activity, last contact, kept open,
    /// schools officer), as JSON; the rest of the evidence, which can be case data, is judged and not kept.
    /// </summary>
    public string? TimeBasedEvidenceJson { get; set; }

    /// <summary>Set when consent to a sensitive service was withdrawn: archived at once, in no view (002 3.7).</summary>
    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>Sequence of the message that last changed this provision.</summary>
    public long Sequence { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// An append-only record of every upload and decision (statutory guidance 4.43). Never case data.
/// Tamper-evident: each entry is chained to the one before by SHA-256 (see <c>Audit/AuditTrail</c>), so an
/// edited, inserted or deleted row is found by <c>hub audit verify</c>. Append with <c>AuditTrail.AppendAsync</c>
/// inside the writer's transaction, or add to the context and save (the save appends it to the chain); nothing
/// updates or deletes an entry (the fields are init-only and a save that changes or removes one is refused).
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Position in the chain: 1, 2, 3, ... without gaps, assigned by <c>AuditTrail</c> under the chain's lock.</summary>
    public long Id { get; internal set; }

    /// <summary>When; stored to the microsecond in UTC (what every provider keeps), so the hash survives the round trip.</summary>
    public DateTimeOffset At { get => _at; init => _at = Audit.AuditTrail.Normalise(value); }

    /// <summary>Who acted: a source id, "hub", or a signed-in user.</summary>
    public required string Actor { get; init; }

    public required string Action { get; init; }
    public string? SourceId { get; init; }
    public string? MessageId { get; init; }
    public required string Outcome { get; init; }
    public string? Detail { get; init; }

    /// <summary>The previous entry's <see cref="Hash"/> (64 zeros for the first entry).</summary>
    public string PreviousHash { get; internal set; } = string.Empty;

    /// <summary>SHA-256, lower-case hex, of <see cref="PreviousHash"/> and this entry's fields in canonical form.</summary>
    public string Hash { get; internal set; } = string.Empty;

    private DateTimeOffset _at;

    /// <summary>A new entry; <c>AuditTrail</c> normalises the time and assigns position and hashes when appending.</summary>
    public static AuditEntry Create(DateTimeOffset at, string actor, string action, string outcome, string? sourceId = null, string? messageId = null, string? detail = null) =>
        new() { At = at, Actor = actor, Action = action, Outcome = outcome, SourceId = sourceId, MessageId = messageId, Detail = detail };
}

/// <summary>
/// A message the hub could not attribute to a source, or could not process at all. The message itself
/// is kept on the dead-letter queue; this row records the cause and a fingerprint to find it.
/// </summary>
public sealed class DeadLetter
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? SourceId { get; set; }
    public string? AmqpUser { get; set; }
    public string? MessageId { get; set; }
    public required string Cause { get; set; }
    public long BodyBytes { get; set; }
    public required string BodySha256 { get; set; }

    /// <summary>When the message was taken off the dead-letter queue and through the intake again (it then has its own outcome).</summary>
    public DateTimeOffset? ReprocessedAt { get; set; }

    /// <summary>Who asked for the reprocessing.</summary>
    public string? ReprocessedBy { get; set; }
}
