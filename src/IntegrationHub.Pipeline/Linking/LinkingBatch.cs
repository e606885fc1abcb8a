using IntegrationHub.Contracts;

namespace IntegrationHub.Pipeline.Linking;

/// <summary>
/// A reply, already serialized, to send after the commit (a mismatch notification, a review outcome, a final receipt).
/// OutboxId: the reply_outbox row written with the decision (Pipeline/Replies/ReplyOutbox), marked sent once it is.
/// </summary>
public sealed record OutgoingReply(string SourceId, string MessageType, byte[] Body, Guid? OutboxId = null);

/// <summary>What linking says a message's receipt must be, overriding "accepted": held for review, or rejected.</summary>
public sealed record LinkingVerdict(ReceiptStatus Status, Reason Reason);

/// <summary>
/// What linking decided for one batch: which fragments are held for review (their messages' outcome is held) and
/// the mismatch notifications to send once the batch commits. Call <see cref="Committed"/> after the commit;
/// disposing without it tells the match index that what it added never happened.
/// </summary>
public sealed class LinkingBatch : IDisposable
{
    private readonly LiveMatchIndex? index;
    private readonly long leaseVersion;
    private readonly Dictionary<Guid, LinkingVerdict> verdicts = [];
    private readonly Dictionary<Guid, Guid> linkedTo = [];
    private bool committed;
    private bool disposed;

    public static LinkingBatch Empty => new(null, 0);

    internal LinkingBatch(LiveMatchIndex? index, long leaseVersion)
    {
        this.index = index;
        this.leaseVersion = leaseVersion;
    }

    public List<OutgoingReply> Replies { get; } = [];

    /// <summary>
    /// For a message that changed this fragment: held (a possible match, waiting for review) or rejected (details already
    /// reported unusable), with the reason for the receipt; null when linking has nothing against it.
    /// </summary>
    public LinkingVerdict? Verdict(Guid fragmentId) => verdicts.GetValueOrDefault(fragmentId);

    /// <summary>The hub child id of the record this fragment is linked to, for its message's receipt (ADR 0013); null when not linked.</summary>
    public Guid? ChildOf(Guid fragmentId) => linkedTo.TryGetValue(fragmentId, out var child) ? child : null;

    internal void LinkedTo(Guid fragmentId, Guid childId) => linkedTo[fragmentId] = childId;

    internal void Hold(Guid fragmentId, string why) => verdicts[fragmentId] = new LinkingVerdict(ReceiptStatus.Held, new Reason
    {
        Path = "$.child",
        Code = "matching.possibleMatch",
        Message = $"Held for review by a data administrator: the child may be one the hub already knows ({why}). When it is resolved you receive a final receipt for this message and a reviewOutcome.",
    });

    internal void RejectUnusable(Guid fragmentId) => verdicts[fragmentId] = new LinkingVerdict(ReceiptStatus.Rejected, new Reason
    {
        Path = "$.child",
        Code = "matching.reportedUnusable",
        Message = "A data administrator reported this child's details as unusable (see the reviewOutcome you received), and they have not changed. Check them and send corrected details.",
    });

    /// <summary>
    /// The fragment is about a child whose record is archived (000 2.2): not linked, its message rejected with a neutral
    /// code (never the reason for the archive), and the stop notice sent to its source again.
    /// </summary>
    /// <summary>The receipt code of a message about a child whose record is archived.</summary>
    public const string StopSendingCode = "lifecycle.stopSending";

    internal void StopSending(Guid fragmentId, OutgoingReply stopNotice)
    {
        verdicts[fragmentId] = new LinkingVerdict(ReceiptStatus.Rejected, new Reason
        {
            Path = "$.sourceChildId",
            Code = StopSendingCode,
            Message = "The hub no longer accepts data about this child; stop sending it (a stopNotice was sent to your reply queue). Send again only after a resumeNotice.",
        });
        Replies.Add(stopNotice);
    }

    internal long LeaseVersion => leaseVersion;

    public void Committed()
    {
        committed = true;
        index?.Committed(leaseVersion);
    }

    /// <summary>Nothing was added to the index (the work was abandoned before any change): no rebuild is needed.</summary>
    internal void NothingAdded() => committed = true;

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (index is not null)
        {
            if (!committed)
            {
                index.Invalidate();
            }

            index.Exit();
        }
    }
}
