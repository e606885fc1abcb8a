using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Linking;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Pipeline.Linking;

/// <summary>How a resolution went; Replies go to the source once the change is committed.</summary>
public sealed record ReviewResolutionResult(ReviewResolutionStatus Status, string? Problem, Guid? ChildId, IReadOnlyList<OutgoingReply> Replies);

public enum ReviewResolutionStatus
{
    Resolved,
    NotFound,
    AlreadyResolved,
    UnknownChild,

    /// <summary>The resolution is not allowed as things stand (e.g. a merge involving an archived record); Problem says why.</summary>
    Refused,
}

/// <summary>
/// A data administrator's decision on a held fragment (002 4.52): link it to a child record, create a new record for
/// it, or report it back to its source as unusable. Runs under the linking lease like the intake, re-assembles the
/// child's best view (with any mismatch notifications that follows) and tells the source the outcome (reviewOutcome).
/// An item filed by duplicate detection names two child records: "link" merges them (ReviewService.Merge.cs, ADR 0013).
/// </summary>
public sealed partial class ReviewService(IHubDbContextFactory databases, LinkingStage linking, TimeProvider clock)
{
    public async Task<ReviewResolutionResult> ResolveAsync(Guid reviewId, ReviewResolution resolution, Guid? childId, string actor, string? note, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = databases.Create();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using var batch = await linking.BeginAsync(db, cancellationToken);

        var review = await db.Set<ReviewItem>().SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        if (review is null)
        {
            batch.NothingAdded();
            return new(ReviewResolutionStatus.NotFound, "No review item has this id.", null, []);
        }

        if (review.Status != ReviewStatus.Open)
        {
            batch.NothingAdded();
            return new(ReviewResolutionStatus.AlreadyResolved, $"Already resolved ({review.Resolution}) by {review.ResolvedBy}.", review.ResolvedChildId, []);
        }

        var fragment = await db.ChildFragments.AsNoTracking().SingleAsync(f => f.Id == review.FragmentId, cancellationToken);
        if (await db.Set<ChildLink>().AsNoTracking().SingleOrDefaultAsync(l => l.FragmentId == fragment.Id, cancellationToken) is { } fragmentLink)
        {
            // Filed by duplicate detection: two child records that may be one child. Nothing of a source is held.
            if (resolution == ReviewResolution.Linked)
            {
                return await MergeAsync(db, transaction, batch, review, fragment, fragmentLink.ChildId, childId, actor, note, now, cancellationToken);
            }

            Close(db, review, fragment, resolution, null, "keptApart", actor, note, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            batch.NothingAdded();
            return new(ReviewResolutionStatus.Resolved, null, null, []);
        }

        var child = FragmentMapping.ChildOf(fragment);
        Guid? linkedTo = null;
        switch (resolution)
        {
            case ReviewResolution.Linked:
                // A candidate merged into another record since the item was filed leads to the surviving record.
                if (childId is not { } named || await ChildMerges.SurvivorAsync(db, named, cancellationToken) is not { } target)
                {
                    batch.NothingAdded();
                    return new(ReviewResolutionStatus.UnknownChild, "Name an existing child record to link to (childId).", null, []);
                }

                if (await db.Set<Persistence.Lifecycle.ChildLifecycleState>().AnyAsync(s => s.ChildId == target && s.ArchivedOn != null, cancellationToken))
                {
                    // An archived record takes no more data (000 2.2); the data administrator chooses a new record or unusable.
                    batch.NothingAdded();
                    return new(ReviewResolutionStatus.UnknownChild, "That child record is archived and takes no more data: create a new record or report the data as unusable.", null, []);
                }

                linkedTo = target;
                break;
            case ReviewResolution.NewRecord:
                linkedTo = LinkingStage.NewChild(db, now).Id;
                break;
        }

        if (linkedTo is { } id)
        {
            LinkingStage.Link(db, fragment, id, "review", null, batch.LeaseVersion, now);
            if (child is not null)
            {
                linking.Index.Add(FragmentMapping.Person(fragment, child, id));
            }
        }

        Close(db, review, fragment, resolution, linkedTo, resolution switch { ReviewResolution.Linked => "linked", ReviewResolution.NewRecord => "newRecord", _ => "unusable" }, actor, note, now);

        var message = note ?? "A data administrator could not match this child's data to a record; please check it and resend.";
        await FinaliseHeldMessagesAsync(db, fragment, linkedTo, message, actor, now, batch.Replies, cancellationToken);
        var outcome = new ReviewOutcome
        {
            NotificationId = Guid.CreateVersion7(),
            SourceId = fragment.SourceId,
            SourceChildId = fragment.SourceChildId,
            Resolution = resolution switch { ReviewResolution.Linked => ReviewResolutionKind.Linked, ReviewResolution.NewRecord => ReviewResolutionKind.NewRecord, _ => ReviewResolutionKind.Unusable },
            Message = resolution == ReviewResolution.Unusable ? message : null,
            IssuedAt = now,
        };
        batch.Replies.Add(Replies.ReplyOutbox.Enqueue(db, new OutgoingReply(fragment.SourceId, ReviewOutcome.Type, JsonSerializer.SerializeToUtf8Bytes(outcome, HubJson.Options)), now));

        await db.SaveChangesAsync(cancellationToken);
        if (linkedTo is { } assembled)
        {
            await linking.AssembleAsync(db, batch.Replies, [assembled], now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        batch.Committed();
        return new(ReviewResolutionStatus.Resolved, null, linkedTo, batch.Replies);
    }

    /// <summary>The item resolved, by whom and how, and the decision audited.</summary>
    private static void Close(HubDbContext db, ReviewItem review, ChildFragment fragment, ReviewResolution resolution, Guid? linkedTo, string outcome, string actor, string? note, DateTimeOffset now)
    {
        review.Status = ReviewStatus.Resolved;
        review.Resolution = resolution;
        review.ResolvedAt = now;
        review.ResolvedBy = actor;
        review.ResolvedChildId = linkedTo;
        review.ResolutionNote = note is { Length: > 1000 } ? note[..1000] : note;
        db.AddAudit(new AuditEntry
        {
            At = now,
            Actor = actor,
            Action = "review.resolved",
            SourceId = fragment.SourceId,
            Outcome = outcome,
            Detail = JsonSerializer.Serialize(new { review = review.Id, fragment = fragment.Id, child = linkedTo }, HubJson.Options),
        });
    }

    /// <summary>
    /// The fragment's messages held for this review take their final outcome (applied when linked or made a new record,
    /// rejected when unusable) and the source a final receipt for each, as for any held message (ADR 0004: the one
    /// outcome row moves from held to final). An accepted one names the record the fragment joined (hubChildId, ADR 0013).
    /// </summary>
    private static async Task FinaliseHeldMessagesAsync(HubDbContext db, ChildFragment fragment, Guid? linkedTo, string message, string actor, DateTimeOffset now, List<OutgoingReply> replies, CancellationToken cancellationToken)
    {
        var accepted = linkedTo is not null;
        var held = await db.ProcessedMessages
            .Where(p => p.SourceId == fragment.SourceId && p.SourceChildId == fragment.SourceChildId && p.Outcome == MessageOutcome.Held && p.ReasonCodes == HeldCode)
            .ToListAsync(cancellationToken);
        foreach (var record in held.OrderBy(p => p.Sequence))
        {
            var original = JsonSerializer.Deserialize<Receipt>(record.ReceiptJson, HubJson.Options)!;
            var receipt = original with
            {
                ReceiptId = Guid.NewGuid(),
                Status = accepted ? ReceiptStatus.Accepted : ReceiptStatus.Rejected,
                HubChildId = accepted ? linkedTo : null,
                Reasons = accepted ? [] : [new Reason { Path = "$.child", Code = "matching.unusable", Message = message }],
                Duplicate = false,
                IssuedAt = now,
            };
            var body = JsonSerializer.SerializeToUtf8Bytes(receipt, HubJson.Options);
            record.Outcome = accepted ? MessageOutcome.Applied : MessageOutcome.Rejected;
            record.ReasonCodes = accepted ? null : "matching.unusable";
            record.ReceiptJson = System.Text.Encoding.UTF8.GetString(body);
            record.ProcessedAt = now;
            // Through the outbox (ADR 0012): the source waits for this final receipt and will not resend to get it.
            replies.Add(Replies.ReplyOutbox.Enqueue(db, new OutgoingReply(fragment.SourceId, Receipt.Type, body), now));
            db.AddAudit(new AuditEntry
            {
                At = now,
                Actor = actor,
                Action = "message.reviewed",
                SourceId = fragment.SourceId,
                MessageId = record.MessageId,
                Outcome = accepted ? "applied" : "rejected",
                Detail = record.ReasonCodes,
            });
        }
    }

    private const string HeldCode = "matching.possibleMatch";
}
