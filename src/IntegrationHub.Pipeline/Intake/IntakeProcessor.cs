using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Audit;
using IntegrationHub.Persistence.Intake;
using IntegrationHub.Pipeline.Linking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Pipeline.Intake;

/// <summary>One message as the transport delivered it: the bytes, and who the broker says published them.</summary>
public sealed record Delivery(ReadOnlyMemory<byte> Body, string? PublisherUser);

/// <summary>A receipt to send, already serialized: the same bytes are stored with the outcome and put on the wire.</summary>
public sealed record OutgoingReceipt(string SourceId, Receipt Receipt, byte[] Body);

public sealed record OutgoingDeadLetter(ReadOnlyMemory<byte> Body, string Cause, string? PublisherUser);

/// <summary>What to send once the batch is committed. Notifications: mismatch notifications and review outcomes from linking.</summary>
public sealed record IntakeResult(IReadOnlyList<OutgoingReceipt> Receipts, IReadOnlyList<OutgoingDeadLetter> DeadLetters, IReadOnlyList<OutgoingReply>? Notifications = null);

/// <summary>
/// The intake stage over a batch of deliveries, in one database transaction: attribute each message
/// to its source, validate it, absorb duplicates, apply it in sequence order per (source, child), and
/// judge it by the sector, identity and consent rules (ADR 0005), and record its outcome, receipt and
/// audit entry. Replies are returned, not sent: they go out only after the commit, so a crash in between
/// re-sends them from the stored receipt on redelivery.
/// </summary>
public sealed class IntakeProcessor(IHubDbContextFactory databases, FragmentValidator validator, IntakeRules rules, LinkingStage linking, IOptions<IntakeOptions> options, TimeProvider clock)
{
    private sealed class Item(Source source, ValidatedMessage message, ReadOnlyMemory<byte> body)
    {
        public Source Source { get; } = source;
        public ValidatedMessage Message { get; } = message;
        public ReadOnlyMemory<byte> Body { get; } = body;
        public List<Reason> Reasons { get; } = [.. message.Reasons];
        public ProcessedMessage? Record { get; set; }
        public bool Duplicate { get; set; }

        /// <summary>For a repeat within the same batch: the first delivery of the message id.</summary>
        public Item? Original { get; set; }

        /// <summary>An update or end waiting for the start it names (outcome held).</summary>
        public bool AwaitingStart { get; set; }

        /// <summary>Set when the message was held in an earlier batch and is judged again now (its start arrived, or its time ran out).</summary>
        public HeldMessage? HeldRow { get; init; }

        /// <summary>The hold has run out: if the start is still missing, the message is rejected.</summary>
        public bool HoldExpired { get; init; }

        /// <summary>Applying it created a service provision, which may release held messages.</summary>
        public bool CreatedProvision { get; set; }

        /// <summary>The fragment this message changed (set when applied); linking decides its child.</summary>
        public ChildFragment? Fragment { get; set; }

        /// <summary>Held before and still held: nothing to record or send now.</summary>
        public bool StillHeld => HeldRow is not null && AwaitingStart;
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

            var item = new Item(source, validated[i]!, delivery.Body);
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
        return await CompleteAsync(db, items, deadLetters, deadLetterAudit, now, cancellationToken);
    }

    /// <summary>
    /// Judges held updates and ends again: those whose hold has run out (<see cref="IntakeOptions.HoldForStartSeconds"/>)
    /// are rejected unless their start is there now; those whose source now holds the child are released if their
    /// start is there. (A start committed by another instance while this one was holding its end is found here.)
    /// Returns the receipts to send; none when nothing changed.
    /// </summary>
    public async Task<IntakeResult> ReviewHeldAsync(int limit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = databases.Create();
        var rows = await db.Set<HeldMessage>()
            .Where(h => h.ExpiresAt <= now || db.ChildFragments.Any(f => f.SourceId == h.SourceId && f.SourceChildId == h.SourceChildId))
            .OrderBy(h => h.ExpiresAt)
            .Take(limit)
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return new IntakeResult([], []);
        }

        var sourceIds = rows.Select(r => r.SourceId).Distinct().ToList();
        var sources = await db.Sources.AsNoTracking().Where(s => sourceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var items = rows.Select(row => Reheld(row, sources[row.SourceId], expired: row.ExpiresAt <= now)).ToList();
        return await CompleteAsync(db, items, [], [], now, cancellationToken);
    }

    private Item Reheld(HeldMessage row, Source source, bool expired)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(row.Body);
        return new Item(source, validator.Validate(body, source.Id), body) { HeldRow = row, HoldExpired = expired };
    }

    /// <summary>Applies the items, then records every outcome, receipt and audit entry in one transaction.</summary>
    private async Task<IntakeResult> CompleteAsync(
        HubDbContext db, List<Item> items, List<OutgoingDeadLetter> deadLetters, List<AuditEntry> deadLetterAudit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var created = await ApplyAsync(db, items, now, cancellationToken);

        // Linking (issue 4, ADR 0006) reads the applied fragments back under the linking lease, so they are
        // written first, in the batch's transaction; a possible match makes the message's outcome held.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.InsertAsync(created, cancellationToken);
        await db.InsertAsync(created.SelectMany(f => f.Involvements).ToList(), cancellationToken);
        var applied = items.Where(i => !i.Duplicate && !i.AwaitingStart && i.Reasons.Count == 0 && i.Fragment is not null).Select(i => i.Fragment!).Distinct().ToList();
        using var linked = await linking.LinkAsync(db, applied, now, cancellationToken);

        // A source's first fragment about a child whose record is archived was stored before linking found the child:
        // it goes again, in the same transaction, so nothing of it stays (its involvements go with it).
        var stopped = created.Where(f => linked.Verdict(f.Id)?.Reason.Code == LinkingBatch.StopSendingCode).Select(f => f.Id).ToList();
        if (stopped.Count > 0)
        {
            await db.ChildFragments.Where(f => stopped.Contains(f.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        // New rows (first-seen fragments and their involvements, outcomes, audit) are the bulk of what a
        // batch writes: they go in as multi-row inserts, in the same transaction as the tracked updates.
        var outcomes = new List<ProcessedMessage>(items.Count);
        var audit = new List<AuditEntry>(items.Count);
        var receipts = new List<OutgoingReceipt>(items.Count);
        var earlier = await EarlierOutcomesAsync(db, items, cancellationToken);
        foreach (var item in items.Where(i => !i.Duplicate && !i.StillHeld))
        {
            var verdict = !item.AwaitingStart && item.Reasons.Count == 0 && item.Fragment is not null ? linked.Verdict(item.Fragment.Id) : null;
            var (status, outcome, reasons) = item.AwaitingStart
                ? (ReceiptStatus.Held, MessageOutcome.Held, (IReadOnlyList<Reason>)[AwaitingStartReason(item)])
                : verdict is not null
                    ? (verdict.Status, verdict.Status == ReceiptStatus.Held ? MessageOutcome.Held : MessageOutcome.Rejected, [verdict.Reason])
                    : item.Reasons.Count == 0
                        ? (ReceiptStatus.Accepted, MessageOutcome.Applied, [])
                        : (ReceiptStatus.Rejected, MessageOutcome.Rejected, item.Reasons);
            var receipt = new Receipt
            {
                ReceiptId = Guid.NewGuid(),
                InReplyTo = item.Message.HasOwnMessageId ? item.Message.MessageId : null,
                SourceId = item.Source.Id,
                SourceChildId = item.Message.SourceChildId,
                Sequence = item.Message.Sequence,
                Status = status,
                Reasons = reasons,
                Duplicate = false,
                IssuedAt = now,
                // ADR 0013: the record the source's data about the child is linked to.
                HubChildId = status == ReceiptStatus.Accepted && item.Fragment is not null ? linked.ChildOf(item.Fragment.Id) : null,
            };
            var body = JsonSerializer.SerializeToUtf8Bytes(receipt, HubJson.Options);
            var reasonCodes = reasons.Count == 0 ? null : string.Join(',', reasons.Select(r => r.Code).Distinct());
            if (item.HeldRow is { } row)
            {
                // Held in an earlier batch: its one outcome row moves from held to its final outcome.
                item.Record = earlier[(row.SourceId, row.MessageId)];
                db.Set<HeldMessage>().Remove(row);
            }
            else
            {
                item.Record = new ProcessedMessage { SourceId = item.Source.Id, MessageId = item.Message.MessageId, ReceiptJson = string.Empty };
                outcomes.Add(item.Record);
                if (item.AwaitingStart)
                {
                    db.Set<HeldMessage>().Add(new HeldMessage
                    {
                        SourceId = item.Source.Id,
                        MessageId = item.Message.MessageId,
                        SourceChildId = item.Message.SourceChildId!,
                        Sequence = item.Message.Sequence ?? 0,
                        Body = System.Text.Encoding.UTF8.GetString(item.Body.Span),
                        HeldAt = now,
                        ExpiresAt = now.AddSeconds(options.Value.HoldForStartSeconds),
                    });
                }
            }

            item.Record.Outcome = outcome;
            item.Record.SourceChildId = item.Message.SourceChildId;
            item.Record.Sequence = item.Message.Sequence;
            item.Record.ReasonCodes = reasonCodes;
            item.Record.ReceiptJson = System.Text.Encoding.UTF8.GetString(body);
            item.Record.ProcessedAt = now;
            audit.Add(new AuditEntry
            {
                At = now,
                Actor = item.HeldRow is null ? item.Source.Id : "hub",
                Action = (item.Message.Fragment?.MessageType ?? "message") + (item.HeldRow is null ? string.Empty : item.HoldExpired ? ".holdExpired" : ".released"),
                SourceId = item.Source.Id,
                MessageId = item.Message.MessageId,
                Outcome = outcome switch { MessageOutcome.Applied => "applied", MessageOutcome.Held => "held", _ => "rejected" },
                Detail = reasonCodes,
            });
            receipts.Add(new OutgoingReceipt(item.Source.Id, receipt, body));
        }

        var repeatsOfEarlier = new Dictionary<(string SourceId, string MessageId), int>();
        foreach (var item in items.Where(i => i.Duplicate))
        {
            var record = item.Record ?? item.Original!.Record!;
            if (item.Record is null)
            {
                record.Deliveries++;
            }
            else
            {
                repeatsOfEarlier[(record.SourceId, record.MessageId)] = repeatsOfEarlier.GetValueOrDefault((record.SourceId, record.MessageId)) + 1;
            }

            var original = JsonSerializer.Deserialize<Receipt>(record.ReceiptJson, HubJson.Options)!;
            var repeat = original with { ReceiptId = Guid.NewGuid(), Duplicate = true, IssuedAt = now };
            receipts.Add(new OutgoingReceipt(item.Source.Id, repeat, JsonSerializer.SerializeToUtf8Bytes(repeat, HubJson.Options)));
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var ((sourceId, messageId), repeats) in repeatsOfEarlier)
        {
            await db.ProcessedMessages.Where(p => p.SourceId == sourceId && p.MessageId == messageId)
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.Deliveries, p => p.Deliveries + repeats), cancellationToken);
        }

        await db.InsertAsync(outcomes, cancellationToken);
        // Last before the commit: appending locks the audit chain's head until the commit (Persistence/Audit/AuditTrail).
        await AuditTrail.AppendAsync(db, [.. deadLetterAudit, .. audit], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        linked.Committed();
        return new IntakeResult(receipts, deadLetters, linked.Replies);
    }

    /// <summary>The outcome rows of messages held in an earlier batch and judged again now, tracked for update.</summary>
    private static async Task<Dictionary<(string, string), ProcessedMessage>> EarlierOutcomesAsync(HubDbContext db, List<Item> items, CancellationToken cancellationToken)
    {
        var rows = items.Where(i => i.HeldRow is not null && !i.StillHeld).Select(i => i.HeldRow!).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var sourceIds = rows.Select(r => r.SourceId).Distinct().ToList();
        var messageIds = rows.Select(r => r.MessageId).Distinct().ToList();
        return (await db.ProcessedMessages.Where(p => sourceIds.Contains(p.SourceId) && messageIds.Contains(p.MessageId)).ToListAsync(cancellationToken))
            .ToDictionary(p => (p.SourceId, p.MessageId));
    }

    private Reason AwaitingStartReason(Item item)
    {
        var involvement = InvolvementOf(item.Message.Fragment!)!;
        var verb = item.Message.Fragment is EndInvolvement ? "end" : "update";
        var hold = TimeSpan.FromSeconds(options.Value.HoldForStartSeconds);
        var held = hold.TotalHours >= 1 ? $"{hold.TotalHours:0.#} hours" : $"{hold.TotalSeconds:0} seconds";
        return new Reason
        {
            Path = "$.involvement.serviceProvisionName",
            Code = "identity.provision.awaitingStart",
            Message = string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"You have not started \"{involvement.ServiceProvisionName}\" with start date {involvement.StartDate:yyyy-MM-dd} for this child yet. The hub holds this {verb} for up to {held} in case the start is on its way: when it arrives, the {verb} is applied and you get another receipt. If it does not, the {verb} is rejected. Nothing needs resending now."),
            Rule = "identity.change.exactMatch",
            Guidance = "000 1.5.6",
        };
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
        // Read without tracking: the repeat is counted by an increment in the batch's transaction (CompleteAsync), which a
        // concurrent batch counting another repeat of the same message cannot overwrite.
        var seen = (await db.ProcessedMessages.AsNoTracking()
                .Where(p => sourceIds.Contains(p.SourceId) && messageIds.Contains(p.MessageId))
                .ToListAsync(cancellationToken))
            .ToDictionary(p => (p.SourceId, p.MessageId));

        var firstInBatch = new Dictionary<(string, string), Item>();
        foreach (var item in items)
        {
            var key = (item.Source.Id, item.Message.MessageId);
            if (seen.TryGetValue(key, out var record))
            {
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
    /// Applies valid fragments that the rules allow, in sequence order. Demographics and each provision (name +
    /// start date) remember the sequence that last changed them; an older sequence is never applied over a newer
    /// one, so the end state does not depend on the order messages arrive in. An update or end that overtook
    /// its start is held, and released here when a provision of that source and child is created.
    /// </summary>
    /// <returns>The fragments seen for the first time: not tracked, to be bulk-inserted with their involvements.</returns>
    private async Task<List<ChildFragment>> ApplyAsync(HubDbContext db, List<Item> items, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var created = new List<ChildFragment>();
        var toApply = items.Where(i => !i.Duplicate && i.Reasons.Count == 0 && i.Message.Fragment is not null)
            .OrderBy(i => i.Message.Sequence)
            .ToList();
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

        // Nothing more is stored about a child whose record is archived (000 2.2): such a fragment is left as it is and
        // handed to linking unchanged, which rejects its message and sends the stop notice again.
        var held = fragments.Values.Select(f => f.Id).ToList();
        var archived = (await db.Set<Persistence.Linking.ChildLink>().Where(l => held.Contains(l.FragmentId))
                .Join(db.Set<Persistence.Lifecycle.ChildLifecycleState>().Where(s => s.ArchivedOn != null), l => l.ChildId, s => s.ChildId, (l, s) => l.FragmentId)
                .ToListAsync(cancellationToken))
            .ToHashSet();

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        // Retention confirmations carried by ends (ADR 0012): read only when a message carries one.
        var confirmations = await Lifecycle.SourceRetentionConfirmations.LoadAsync(db, fragments.Values, toApply.Select(i => i.Message.Fragment!), cancellationToken);
        foreach (var item in toApply)
        {
            if (fragments.GetValueOrDefault((item.Source.Id, item.Message.Fragment!.SourceChildId)) is { } fragment && archived.Contains(fragment.Id))
            {
                item.Fragment = fragment;
                continue;
            }

            ApplyOne(item, fragments, created, confirmations, today, now);
        }

        // A new provision may be the start that held updates and ends were waiting for.
        var started = toApply.Where(i => i.CreatedProvision).Select(i => (i.Source.Id, i.Message.SourceChildId!)).ToHashSet();
        if (started.Count == 0)
        {
            return created;
        }

        var sources = toApply.Select(i => i.Source).DistinctBy(s => s.Id).ToDictionary(s => s.Id);
        var inRun = items.Where(i => i.HeldRow is not null).Select(i => (i.HeldRow!.SourceId, i.HeldRow.MessageId)).ToHashSet();
        var startedSources = started.Select(k => k.Item1).Distinct().ToList();
        var startedChildren = started.Select(k => k.Item2).Distinct().ToList();
        var heldBefore = (await db.Set<HeldMessage>()
                .Where(h => startedSources.Contains(h.SourceId) && startedChildren.Contains(h.SourceChildId))
                .ToListAsync(cancellationToken))
            .Where(h => started.Contains((h.SourceId, h.SourceChildId)) && !inRun.Contains((h.SourceId, h.MessageId)))
            .Select(h => Reheld(h, sources[h.SourceId], expired: false))
            .ToList();
        items.AddRange(heldBefore);

        var waiting = items
            .Where(i => i.AwaitingStart && started.Contains((i.Source.Id, i.Message.SourceChildId!)))
            .Concat(heldBefore.Where(i => i.Reasons.Count == 0 && i.Message.Fragment is not null))
            .Distinct()
            .OrderBy(i => i.Message.Sequence)
            .ToList();
        foreach (var item in waiting)
        {
            item.AwaitingStart = false;
            ApplyOne(item, fragments, created, confirmations, today, now);
        }

        return created;
    }

    private void ApplyOne(Item item, Dictionary<(string, string), ChildFragment> fragments, List<ChildFragment> created, Lifecycle.SourceRetentionConfirmations confirmations, DateOnly today, DateTimeOffset now)
    {
        var message = item.Message.Fragment!;
        var key = (item.Source.Id, message.SourceChildId);
        fragments.TryGetValue(key, out var fragment);

        var verdict = rules.Judge(message, fragment, today);
        switch (verdict.Outcome)
        {
            case RulesOutcome.Reject:
                item.Reasons.AddRange(verdict.Reasons);
                return;
            case RulesOutcome.AwaitStart when item.HoldExpired:
                item.Reasons.AddRange(verdict.Reasons);
                return;
            case RulesOutcome.AwaitStart:
                item.AwaitingStart = true;
                return;
        }

        if (confirmations.Judge(message, fragment, today) is { } refused)
        {
            item.Reasons.Add(refused);
            return;
        }

        if (fragment is null)
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
            var (changed, isNew) = ApplyInvolvement(fragment, involvement, message.Sequence, verdict, now);
            applied |= changed;
            item.CreatedProvision = isNew;
        }

        if (applied)
        {
            fragment.Version++;
            item.Fragment = fragment;
            confirmations.Apply(message, fragment, today, now);
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

    private static void ApplyDemographics(ChildFragment fragment, IFragment message, DateTimeOffset now)
    {
        var child = message.Child;
        fragment.DemographicsSequence = message.Sequence;
        fragment.GivenName = child.GivenName;
        fragment.FamilyName = child.FamilyName;
        fragment.DateOfBirth = child.DateOfBirth;
        fragment.Gender = HubJson.WireName(child.Gender);
        fragment.Postcode = Domain.Identifiers.UkPostcode.Normalise(child.Address?.Postcode);
        fragment.NhsNumber = Domain.Identifiers.NhsNumber.Normalise(child.NhsNumber);
        fragment.Upn = Domain.Identifiers.UniquePupilNumber.Normalise(child.Upn);
        fragment.ChildJson = JsonSerializer.Serialize(child, HubJson.Options);
        // PostgreSQL stores instants as UTC and refuses other offsets; the instant is what matters.
        fragment.ProducedAt = message.ProducedAt.ToUniversalTime();
        fragment.UpdatedAt = now;
    }

    /// <returns>Whether the provision changed, and whether it is new.</returns>
    private static (bool Changed, bool IsNew) ApplyInvolvement(ChildFragment fragment, Involvement involvement, long sequence, RulesVerdict verdict, DateTimeOffset now)
    {
        var record = RecordOf(fragment, involvement);
        var isNew = record is null;
        if (record is null)
        {
            record = new InvolvementRecord { ChildFragmentId = fragment.Id, ServiceProvisionName = involvement.ServiceProvisionName, StartDate = involvement.StartDate, Sector = string.Empty, ServiceType = string.Empty };
            fragment.Involvements.Add(record);
        }
        else if (sequence <= record.Sequence)
        {
            return (false, false);
        }

        record.Sequence = sequence;
        record.EndDate = involvement.EndDate;
        record.Sector = HubJson.WireName(involvement.Sector);
        record.ServiceType = HubJson.WireName(involvement.ServiceType);
        record.Sensitive = involvement.Sensitive ?? false;
        record.PractitionerJson = involvement.Practitioner is null ? null : JsonSerializer.Serialize(involvement.Practitioner, HubJson.Options);
        record.PractitionerReference = involvement.PractitionerReference ?? record.PractitionerReference;
        record.TimeBasedEvidenceJson = IntakeRules.TimeBasedEvidenceJson(verdict.Evidence);
        if (verdict.Outcome == RulesOutcome.ArchiveProvision)
        {
            record.ArchivedAt ??= now;
        }

        record.UpdatedAt = now;
        return (true, isNew);
    }

    /// <summary>The fragment's record of an involvement, by its identity: service provision name and start date.</summary>
    internal static InvolvementRecord? RecordOf(ChildFragment fragment, Involvement involvement) =>
        fragment.Involvements.FirstOrDefault(i =>
            i.StartDate == involvement.StartDate && string.Equals(i.ServiceProvisionName, involvement.ServiceProvisionName, StringComparison.Ordinal));

    /// <summary>The involvement an involvement message carries, or null for another message.</summary>
    internal static Involvement? InvolvementOf(IFragment message) => message switch
    {
        StartInvolvement s => s.Involvement,
        UpdateInvolvement u => u.Involvement,
        EndInvolvement e => e.Involvement,
        _ => null,
    };
}
