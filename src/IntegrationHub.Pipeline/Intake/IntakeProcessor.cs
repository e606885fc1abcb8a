using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Audit;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Pipeline.Intake;

/// <summary>One message as the transport delivered it: the bytes, and who the broker says published them.</summary>
public sealed record Delivery(ReadOnlyMemory<byte> Body, string? PublisherUser);

/// <summary>A receipt to send, already serialized: the same bytes are stored with the outcome and put on the wire.</summary>
public sealed record OutgoingReceipt(string SourceId, Receipt Receipt, byte[] Body);

public sealed record OutgoingDeadLetter(ReadOnlyMemory<byte> Body, string Cause, string? PublisherUser);

/// <summary>What to send once the batch is committed.</summary>
public sealed record IntakeResult(IReadOnlyList<OutgoingReceipt> Receipts, IReadOnlyList<OutgoingDeadLetter> DeadLetters);

/// <summary>
/// The intake stage over a batch of deliveries, in one database transaction: attribute each message
/// to its source, validate it, absorb duplicates, apply it in sequence order per (source, child), and
/// record its outcome, receipt and audit entry. Replies are returned, not sent: they go out only after
/// the commit, so a crash in between re-sends them from the stored receipt on redelivery.
/// </summary>
public sealed class IntakeProcessor(IHubDbContextFactory databases, FragmentValidator validator, TimeProvider clock)
{
    private sealed class Item(Source source, ValidatedMessage message)
    {
        public Source Source { get; } = source;
        public ValidatedMessage Message { get; } = message;
        public List<Reason> Reasons { get; } = [.. message.Reasons];
        public ProcessedMessage? Record { get; set; }
        public bool Duplicate { get; set; }

        /// <summary>For a repeat within the same batch: the first delivery of the message id.</summary>
        public Item? Original { get; set; }
    }

    public async Task<IntakeResult> ProcessAsync(IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = databases.Create();

        var users = deliveries.Select(d => d.PublisherUser).OfType<string>().Distinct().ToList();
        var sources = await db.Sources.AsNoTracking().Where(s => users.Contains(s.AmqpUser)).ToDictionaryAsync(s => s.AmqpUser, cancellationToken);

        // Validation is pure CPU: spread it over the cores.
        var validated = new ValidatedMessage?[deliveries.Count];
        Parallel.For(0, deliveries.Count, i =>
        {
            if (deliveries[i].PublisherUser is { } user && sources.TryGetValue(user, out var publisher))
            {
                validated[i] = validator.Validate(deliveries[i].Body, publisher.Id);
            }
        });

        var deadLetters = new List<OutgoingDeadLetter>();
        var items = new List<Item>(deliveries.Count);
        for (var i = 0; i < deliveries.Count; i++)
        {
            var delivery = deliveries[i];
            if (delivery.PublisherUser is null)
            {
                deadLetters.Add(new OutgoingDeadLetter(delivery.Body, "The message has no AMQP user_id property, so its publisher cannot be identified. Sources must set user_id to their RabbitMQ user name.", null));
                continue;
            }

            if (!sources.TryGetValue(delivery.PublisherUser, out var source))
            {
                deadLetters.Add(new OutgoingDeadLetter(delivery.Body, $"The publisher '{FragmentValidator.Truncate(delivery.PublisherUser)}' is not a registered source, so there is no reply queue to tell it.", delivery.PublisherUser));
                continue;
            }

            var item = new Item(source, validated[i]!);
            if (source.Status != SourceStatus.Accredited)
            {
                item.Reasons.Insert(0, new Reason
                {
                    Path = "$",
                    Code = source.Status == SourceStatus.Suspended ? "source.suspended" : "source.terminated",
                    Message = source.Status == SourceStatus.Suspended
                        ? "This feed is suspended by the local authority; nothing it sends is applied until it is resumed. Resend after resumption."
                        : "This feed has been terminated; the hub no longer accepts its data.",
                });
            }

            items.Add(item);
        }

        var deadLetterAudit = deadLetters.Select(dead => Record(db, dead, now)).ToList();

        await MarkDuplicatesAsync(db, items, cancellationToken);
        var created = await ApplyAsync(db, items, now, cancellationToken);

        // New rows (first-seen fragments and their involvements, outcomes, audit) are the bulk of what a
        // batch writes: they go in as multi-row inserts, in the same transaction as the tracked updates.
        var outcomes = new List<ProcessedMessage>(items.Count);
        var audit = new List<AuditEntry>(items.Count);
        var receipts = new List<OutgoingReceipt>(items.Count);
        foreach (var item in items.Where(i => !i.Duplicate))
        {
            var receipt = new Receipt
            {
                ReceiptId = Guid.NewGuid(),
                InReplyTo = item.Message.HasOwnMessageId ? item.Message.MessageId : null,
                SourceId = item.Source.Id,
                SourceChildId = item.Message.SourceChildId,
                Sequence = item.Message.Sequence,
                Status = item.Reasons.Count == 0 ? ReceiptStatus.Accepted : ReceiptStatus.Rejected,
                Reasons = item.Reasons,
                Duplicate = false,
                IssuedAt = now,
            };
            var outcome = item.Reasons.Count == 0 ? MessageOutcome.Applied : MessageOutcome.Rejected;
            var body = JsonSerializer.SerializeToUtf8Bytes(receipt, HubJson.Options);
            item.Record = new ProcessedMessage
            {
                SourceId = item.Source.Id,
                MessageId = item.Message.MessageId,
                Outcome = outcome,
                SourceChildId = item.Message.SourceChildId,
                Sequence = item.Message.Sequence,
                ReasonCodes = item.Reasons.Count == 0 ? null : string.Join(',', item.Reasons.Select(r => r.Code).Distinct()),
                ReceiptJson = System.Text.Encoding.UTF8.GetString(body),
                ProcessedAt = now,
            };
            outcomes.Add(item.Record);
            audit.Add(new AuditEntry
            {
                At = now,
                Actor = item.Source.Id,
                Action = item.Message.Fragment?.MessageType ?? "message",
                SourceId = item.Source.Id,
                MessageId = item.Message.MessageId,
                Outcome = outcome == MessageOutcome.Applied ? "applied" : "rejected",
                Detail = item.Record.ReasonCodes,
            });
            receipts.Add(new OutgoingReceipt(item.Source.Id, receipt, body));
        }

        foreach (var item in items.Where(i => i.Duplicate))
        {
            var record = item.Record ?? item.Original!.Record!;
            if (item.Record is null)
            {
                record.Deliveries++;
            }

            var original = JsonSerializer.Deserialize<Receipt>(record.ReceiptJson, HubJson.Options)!;
            var repeat = original with { ReceiptId = Guid.NewGuid(), Duplicate = true, IssuedAt = now };
            receipts.Add(new OutgoingReceipt(item.Source.Id, repeat, JsonSerializer.SerializeToUtf8Bytes(repeat, HubJson.Options)));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.InsertAsync(created, cancellationToken);
        await db.InsertAsync(created.SelectMany(f => f.Involvements).ToList(), cancellationToken);
        await db.InsertAsync(outcomes, cancellationToken);
        // Last before the commit: appending locks the audit chain's head until the commit (Persistence/Audit/AuditTrail).
        await AuditTrail.AppendAsync(db, [.. deadLetterAudit, .. audit], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IntakeResult(receipts, deadLetters);
    }

    /// <summary>
    /// Records a delivery that could not be processed at all (the database refused it even on its own)
    /// as dead-lettered, with the cause. Throws if the database cannot record even that, so the batch is retried.
    /// </summary>
    public async Task<OutgoingDeadLetter> DeadLetterAsync(Delivery delivery, string cause, CancellationToken cancellationToken)
    {
        await using var db = databases.Create();
        var dead = new OutgoingDeadLetter(delivery.Body, cause, delivery.PublisherUser);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var entry = Record(db, dead, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await AuditTrail.AppendAsync(db, [entry], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return dead;
    }

    /// <summary>The dead letter's row (cause and fingerprint; the bytes stay on the dead-letter queue); returns its audit entry, to append.</summary>
    private static AuditEntry Record(HubDbContext db, OutgoingDeadLetter dead, DateTimeOffset now)
    {
        var cause = dead.Cause.Length > 2000 ? dead.Cause[..2000] : dead.Cause;
        db.DeadLetters.Add(new DeadLetter
        {
            At = now,
            AmqpUser = dead.PublisherUser,
            Cause = cause,
            BodyBytes = dead.Body.Length,
            BodySha256 = FragmentValidator.Fingerprint(dead.Body)["sha256:".Length..],
        });
        return new AuditEntry { At = now, Actor = "hub", Action = "message.deadLettered", SourceId = dead.PublisherUser, Outcome = "deadLettered", Detail = cause };
    }

    /// <summary>A message id seen before (in an earlier batch or earlier in this one) is answered with its original receipt and applied nowhere.</summary>
    private static async Task MarkDuplicatesAsync(HubDbContext db, List<Item> items, CancellationToken cancellationToken)
    {
        var sourceIds = items.Select(i => i.Source.Id).Distinct().ToList();
        var messageIds = items.Select(i => i.Message.MessageId).Distinct().ToList();
        var seen = (await db.ProcessedMessages
                .Where(p => sourceIds.Contains(p.SourceId) && messageIds.Contains(p.MessageId))
                .ToListAsync(cancellationToken))
            .ToDictionary(p => (p.SourceId, p.MessageId));

        var firstInBatch = new Dictionary<(string, string), Item>();
        foreach (var item in items)
        {
            var key = (item.Source.Id, item.Message.MessageId);
            if (seen.TryGetValue(key, out var record))
            {
                record.Deliveries++;
                item.Record = record;
                item.Duplicate = true;
            }
            else if (firstInBatch.TryGetValue(key, out var first))
            {
                // Its record is created when the first delivery is processed; the receipt is copied from it.
                item.Original = first;
                item.Duplicate = true;
            }
            else
            {
                firstInBatch[key] = item;
            }
        }
    }

    /// <summary>
    /// Applies valid fragments. Demographics and each provision (name + start date) remember the sequence
    /// that last changed them; an older sequence is never applied over a newer one, so the end state does
    /// not depend on the order messages arrive in.
    /// </summary>
    /// <returns>The fragments seen for the first time: not tracked, to be bulk-inserted with their involvements.</returns>
    private static async Task<List<ChildFragment>> ApplyAsync(HubDbContext db, List<Item> items, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var created = new List<ChildFragment>();
        var toApply = items.Where(i => !i.Duplicate && i.Reasons.Count == 0 && i.Message.Fragment is not null).ToList();
        if (toApply.Count == 0)
        {
            return created;
        }

        var sourceIds = toApply.Select(i => i.Source.Id).Distinct().ToList();
        var childIds = toApply.Select(i => i.Message.Fragment!.SourceChildId).Distinct().ToList();
        var fragments = (await db.ChildFragments
                .Include(f => f.Involvements)
                .Where(f => sourceIds.Contains(f.SourceId) && childIds.Contains(f.SourceChildId))
                .ToListAsync(cancellationToken))
            .ToDictionary(f => (f.SourceId, f.SourceChildId));

        foreach (var item in toApply)
        {
            var message = item.Message.Fragment!;
            var key = (item.Source.Id, message.SourceChildId);
            if (!fragments.TryGetValue(key, out var fragment))
            {
                fragment = new ChildFragment
                {
                    SourceId = item.Source.Id,
                    SourceChildId = message.SourceChildId,
                    GivenName = message.Child.GivenName,
                    FamilyName = message.Child.FamilyName,
                    Gender = string.Empty,
                    ChildJson = string.Empty,
                };
                fragments[key] = fragment;
                created.Add(fragment);
            }

            var latest = Math.Max(fragment.DemographicsSequence, fragment.Involvements.Select(i => i.Sequence).DefaultIfEmpty().Max());
            var applied = false;
            if (message.Sequence > fragment.DemographicsSequence)
            {
                ApplyDemographics(fragment, message, now);
                applied = true;
            }

            if (InvolvementOf(message) is { } involvement)
            {
                applied |= ApplyInvolvement(fragment, involvement, message.Sequence, now);
            }

            if (applied)
            {
                fragment.Version++;
            }
            else
            {
                item.Reasons.Add(new Reason
                {
                    Path = "$.sequence",
                    Code = "sequence.superseded",
                    Message = $"A newer message from this source about this child (sequence {latest}) was already applied; this one (sequence {message.Sequence}) was not applied over it.",
                });
            }
        }

        return created;
    }

    private static void ApplyDemographics(ChildFragment fragment, IFragment message, DateTimeOffset now)
    {
        var child = message.Child;
        fragment.DemographicsSequence = message.Sequence;
        fragment.GivenName = child.GivenName;
        fragment.FamilyName = child.FamilyName;
        fragment.DateOfBirth = child.DateOfBirth;
        fragment.Gender = WireName(child.Gender);
        fragment.Postcode = Domain.Identifiers.UkPostcode.Normalise(child.Address?.Postcode);
        fragment.NhsNumber = Domain.Identifiers.NhsNumber.Normalise(child.NhsNumber);
        fragment.Upn = Domain.Identifiers.UniquePupilNumber.Normalise(child.Upn);
        fragment.ChildJson = JsonSerializer.Serialize(child, HubJson.Options);
        // PostgreSQL stores instants as UTC and refuses other offsets; the instant is what matters.
        fragment.ProducedAt = message.ProducedAt.ToUniversalTime();
        fragment.UpdatedAt = now;
    }

    private static bool ApplyInvolvement(ChildFragment fragment, Involvement involvement, long sequence, DateTimeOffset now)
    {
        var record = fragment.Involvements.FirstOrDefault(i =>
            i.StartDate == involvement.StartDate && string.Equals(i.ServiceProvisionName, involvement.ServiceProvisionName, StringComparison.Ordinal));
        if (record is null)
        {
            record = new InvolvementRecord { ChildFragmentId = fragment.Id, ServiceProvisionName = involvement.ServiceProvisionName, StartDate = involvement.StartDate, Sector = string.Empty, ServiceType = string.Empty };
            fragment.Involvements.Add(record);
        }
        else if (sequence <= record.Sequence)
        {
            return false;
        }

        record.Sequence = sequence;
        record.EndDate = involvement.EndDate;
        record.Sector = WireName(involvement.Sector);
        record.ServiceType = WireName(involvement.ServiceType);
        record.Sensitive = involvement.Sensitive ?? false;
        record.PractitionerJson = involvement.Practitioner is null ? null : JsonSerializer.Serialize(involvement.Practitioner, HubJson.Options);
        record.UpdatedAt = now;
        return true;
    }

    /// <summary>An enum value as the messages spell it ("socialCare"), so stored values read like the contract.</summary>
    private static string WireName<T>(T value)
        where T : struct, Enum => JsonSerializer.Serialize(value, HubJson.Options).Trim('"');

    private static Involvement? InvolvementOf(IFragment message) => message switch
    {
        StartInvolvement s => s.Involvement,
        UpdateInvolvement u => u.Involvement,
        EndInvolvement e => e.Involvement,
        _ => null,
    };
}
