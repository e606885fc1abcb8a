using System.Text.Json.Serialization;

namespace IntegrationHub.Contracts;

/// <summary>
/// The hub's answer to one inbound message, sent to the source's reply queue hub.replies.&lt;sourceId&gt;.
/// Repeated with Duplicate = true when the same messageId arrives again; the outcome never changes.
/// </summary>
public sealed record Receipt
{
    public const string Type = "receipt";
    public string MessageType { get; init; } = Type;
    public required Guid ReceiptId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] // always present, null when the message had no readable id
    public required string? InReplyTo { get; init; }
    public required string SourceId { get; init; }
    public string? SourceChildId { get; init; }
    public long? Sequence { get; init; }
    public required ReceiptStatus Status { get; init; }
    public required IReadOnlyList<Reason> Reasons { get; init; }
    public required bool Duplicate { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>
    /// For an accepted message about a child: the hub child id of the record the source's fragment is linked to (ADR 0013).
    /// The source may keep it and send it back as child.hubChildId; after a merge of two records it is the surviving one.
    /// </summary>
    public Guid? HubChildId { get; init; }
}

/// <summary>Why a message was not applied: where (JSON path), a stable code, and a sentence for the person fixing the feed.</summary>
public sealed record Reason
{
    public required string Path { get; init; }
    public required string Code { get; init; }
    public required string Message { get; init; }

    /// <summary>The id of the sector, identity or consent rule broken (docs/sector-rules.md).</summary>
    public string? Rule { get; init; }

    /// <summary>The guidance section the rule comes from, e.g. "000 4.3.3".</summary>
    public string? Guidance { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<ReceiptStatus>))]
public enum ReceiptStatus
{
    [JsonStringEnumMemberName("accepted")] Accepted,
    [JsonStringEnumMemberName("held")] Held,
    [JsonStringEnumMemberName("rejected")] Rejected,
}

/// <summary>
/// Sent by the hub's linking stage to hub.replies.&lt;sourceId&gt; when the source's data about a child disagrees with the
/// hub's best view (statutory guidance 3.1, C14). Names the data items only, never the best view's values. Sent once
/// per disagreement: not repeated while the source's value stays the same, sent again when the source changes the
/// item and it still disagrees. Not a reply to one message; a source need not acknowledge it beyond the AMQP ack.
/// </summary>
public sealed record MismatchNotification
{
    public const string Type = "mismatchNotification";
    public string MessageType { get; init; } = Type;
    public required Guid NotificationId { get; init; }
    public required string SourceId { get; init; }

    /// <summary>The fragment: the source's own id for the child.</summary>
    public required string SourceChildId { get; init; }

    /// <summary>The sequence of the source's demographics that were compared.</summary>
    public required long Sequence { get; init; }

    /// <summary>The disagreeing data items, by contract property name: givenName, middleNames, familyName, preferredName, dateOfBirth, gender, address, nhsNumber, upn, school, gp.</summary>
    public required IReadOnlyList<string> Items { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }
}

/// <summary>
/// Sent by the hub to hub.replies.&lt;sourceId&gt; when a data administrator resolves a fragment that was held for review
/// (receipt status held): linked to an existing child, made a new child record, or reported back as unusable (002 4.52).
/// An unusable fragment stays out of every child record until the source sends corrected data.
/// </summary>
public sealed record ReviewOutcome
{
    public const string Type = "reviewOutcome";
    public string MessageType { get; init; } = Type;
    public required Guid NotificationId { get; init; }
    public required string SourceId { get; init; }
    public required string SourceChildId { get; init; }
    public required ReviewResolutionKind Resolution { get; init; }

    /// <summary>For unusable: what the administrator says is wrong, for the person fixing the feed. Never another source's data.</summary>
    public string? Message { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<ReviewResolutionKind>))]
public enum ReviewResolutionKind
{
    [JsonStringEnumMemberName("linked")] Linked,
    [JsonStringEnumMemberName("newRecord")] NewRecord,
    [JsonStringEnumMemberName("unusable")] Unusable,
}

/// <summary>
/// Sent by the hub to hub.replies.&lt;sourceId&gt; when the child's record was archived (000 2.2 items 2, 3, 12): stop sending
/// data about this child. Names the child by the source's own id only and deliberately carries no reason. Sent again
/// whenever the source sends a fragment about the child (its receipt is rejected, code lifecycle.stopSending).
/// Idempotent for the source: a repeat changes nothing.
/// </summary>
public sealed record StopNotice
{
    public const string Type = "stopNotice";
    public string MessageType { get; init; } = Type;
    public required Guid NotificationId { get; init; }
    public required string SourceId { get; init; }
    public required string SourceChildId { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
}

/// <summary>
/// Sent by the hub to hub.replies.&lt;sourceId&gt; when an archived record was restored (002 4.62): send data about this child
/// again. Names the child by the source's own id only, with no reason.
/// </summary>
public sealed record ResumeNotice
{
    public const string Type = "resumeNotice";
    public string MessageType { get; init; } = Type;
    public required Guid NotificationId { get; init; }
    public required string SourceId { get; init; }
    public required string SourceChildId { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
}

/// <summary>
/// Sent by the hub to hub.replies.&lt;sourceId&gt; when a practitioner's extension of an ended involvement's retention is
/// due for its yearly confirmation (002 3.42, 3.44): from 30 days before <see cref="LapsesOn"/>, once per involvement
/// and lapse day. Names the involvement as the source knows it (its own child id, service provision name and start
/// date) and nothing else. Confirm before <see cref="LapsesOn"/> (docs/vendor-guide.md); unconfirmed, the involvement
/// leaves the child's record on that day. May arrive twice (at-least-once): drop a repeated notificationId.
/// </summary>
public sealed record RetentionConfirmationDue
{
    public const string Type = "retentionConfirmationDue";
    public string MessageType { get; init; } = Type;
    public required Guid NotificationId { get; init; }
    public required string SourceId { get; init; }
    public required string SourceChildId { get; init; }
    public required string ServiceProvisionName { get; init; }
    public required DateOnly StartDate { get; init; }

    /// <summary>The first day the involvement is no longer kept unless the extension is confirmed before it.</summary>
    public required DateOnly LapsesOn { get; init; }

    /// <summary>The day the practitioner asked to keep it until (at most five years after its end).</summary>
    public required DateOnly RetainUntil { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }
}
