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
