namespace IntegrationHub.Contracts;

/// <summary>The broker names a source needs; schemas/asyncapi.yaml documents the same.</summary>
public static class Topology
{
    /// <summary>Sources publish fragments here (fanout; routing key ignored). Only sources and the hub may write.</summary>
    public const string FragmentsExchange = "hub.fragments";

    /// <summary>The hub's intake queue, bound to <see cref="FragmentsExchange"/>.</summary>
    public const string IntakeQueue = "hub.intake";

    /// <summary>Messages whose publisher cannot be identified, with the cause in header x-hub-cause.</summary>
    public const string DeadLetterQueue = "hub.deadletter";

    /// <summary>A source's own reply queue: receipts (and later mismatch and stop notices).</summary>
    public static string ReplyQueue(string sourceId) => $"hub.replies.{sourceId}";
}
