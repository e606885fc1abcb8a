using System.Text.Json;
using IntegrationHub.Contracts;
using IntegrationHub.Domain.BestView;
using IntegrationHub.Matching.Linkage;
using IntegrationHub.Matching.Scoring;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Linking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Pipeline.Linking;

/// <summary>
/// Links every applied fragment to one child record (issue 4), inside the intake batch's transaction and after its
/// fragments are written: takes the linking lease, brings the match index up to date, then per fragment decides
/// match (link), possible match (hold for review) or no match (new child record); re-assembles the best view of
/// every child that gained or changed a fragment, and works out the mismatch notifications owed to its sources.
/// Every decision is audited with its probability and per-field evidence (never values).
/// </summary>
public sealed class LinkingStage(LiveMatchIndex live, IOptions<LinkingOptions> options, Lifecycle.LifecycleIntake? lifecycle = null)
{
    private readonly SourceReliability reliability = new(options.Value.Reliability);

    /// <summary>The caller holds an open transaction on <paramref name="db"/> and commits it, then calls <see cref="LinkingBatch.Committed"/>.</summary>
    public async Task<LinkingBatch> LinkAsync(HubDbContext db, IReadOnlyList<ChildFragment> fragments, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || fragments.Count == 0)
        {
            return LinkingBatch.Empty;
        }

        var batch = await BeginAsync(db, cancellationToken);
        try
        {
            await LinkFragmentsAsync(db, batch, [.. fragments.DistinctBy(f => f.Id)], now, cancellationToken);
            return batch;
        }
        catch
        {
            batch.Dispose();
            throw;
        }
    }

    /// <summary>Enters the process gate, takes the lease in the open transaction and brings the index up to date.</summary>
    internal async Task<LinkingBatch> BeginAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        await live.EnterAsync(cancellationToken);
        LinkingBatch? batch = null;
        try
        {
            var version = await AcquireLeaseAsync(db, cancellationToken);
            batch = new LinkingBatch(live, version);
            await live.CatchUpAsync(db, version, cancellationToken);
            return batch;
        }
        catch
        {
            if (batch is null)
            {
                live.Exit();
            }
            else
            {
                batch.Dispose();
            }

            throw;
        }
    }

    internal MatchIndex Index => live.Index;

    /// <summary>
    /// Updates the single lease row: its row lock is held to the end of the transaction, so linking is serialised across
    /// batches and hub instances (PostgreSQL and SQL Server row lock; SQLite's single writer). Returns the new version.
    /// </summary>
    internal static async Task<long> AcquireLeaseAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        await db.Set<LinkingLease>().Where(l => l.Id == LinkingLease.SingleId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Version, l => l.Version + 1), cancellationToken);
        return await db.Set<LinkingLease>().AsNoTracking().Where(l => l.Id == LinkingLease.SingleId).Select(l => l.Version).SingleAsync(cancellationToken);
    }

    private async Task LinkFragmentsAsync(HubDbContext db, LinkingBatch batch, List<ChildFragment> fragments, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = fragments.Select(f => f.Id).ToList();
        var links = await db.Set<ChildLink>().Where(l => ids.Contains(l.FragmentId)).ToDictionaryAsync(l => l.FragmentId, cancellationToken);
        var reviews = await db.Set<ReviewItem>().Where(r => ids.Contains(r.FragmentId) && r.Status == ReviewStatus.Open).ToDictionaryAsync(r => r.FragmentId, cancellationToken);
        var unusable = (await db.Set<ReviewItem>().AsNoTracking()
                .Where(r => ids.Contains(r.FragmentId) && r.Resolution == ReviewResolution.Unusable)
                .Select(r => new { r.FragmentId, r.DetailsFingerprint })
                .ToListAsync(cancellationToken))
            .Select(r => (r.FragmentId, r.DetailsFingerprint))
            .ToHashSet();
        var affected = new HashSet<Guid>();
        var index = live.Index;
        // Lifecycle (issue 5): fragments about archived children are rejected with a stop notice; the rest carry their facts.
        var status = await Lifecycle.LifecycleIntake.StatusAsync(db, [.. links.Values.Select(l => l.ChildId)], cancellationToken);
        var linkedNow = new List<(ChildFragment, Guid)>();
        var children = fragments.ToDictionary(f => f.Id, FragmentMapping.ChildOf);
        // A hub child id the source holds (ADR 0013), followed through merges to the record it leads to now.
        var claims = await ChildMerges.ClaimsAsync(db,
            [.. fragments.Where(f => !links.ContainsKey(f.Id)).Select(f => children[f.Id]?.HubChildId).OfType<Guid>()], cancellationToken);

        foreach (var fragment in fragments)
        {
            if (links.TryGetValue(fragment.Id, out var existing) && status.GetValueOrDefault(existing.ChildId) != Lifecycle.ChildStatus.Archived)
            {
                // The receipt tells the source which record its data about the child is linked to.
                batch.LinkedTo(fragment.Id, existing.ChildId);
            }

            if (children[fragment.Id] is not { } child)
            {
                continue;
            }

            if (links.TryGetValue(fragment.Id, out var link))
            {
                if (status.GetValueOrDefault(link.ChildId) == Lifecycle.ChildStatus.Archived)
                {
                    batch.StopSending(fragment.Id, StopNoticeFor(db, fragment, now));
                    continue;
                }

                // Linked before: the link stands, whatever hub child id the fragment carries (its receipt names the right one).
                linkedNow.Add((fragment, link.ChildId));
                // Linked before: the link stands; changed demographics join the index and the best view.
                if (link.DemographicsSequence != fragment.DemographicsSequence)
                {
                    link.DemographicsSequence = fragment.DemographicsSequence;
                    link.Revision = batch.LeaseVersion;
                    index.Add(FragmentMapping.Person(fragment, child, link.ChildId));
                    affected.Add(link.ChildId);
                }

                continue;
            }

            if (unusable.Contains((fragment.Id, DetailsFingerprint(fragment))))
            {
                // Reported back as unusable: the same details are not matched (or queued for review) again.
                batch.RejectUnusable(fragment.Id);
                continue;
            }

            var claim = child.HubChildId is { } claimed ? claims.GetValueOrDefault(claimed) : null;
            if (child.HubChildId is { } unknown && claim is null)
            {
                // An id the hub does not know (mistyped, or its record purged): ignored, the fragment is linked by its details.
                db.AddAudit(Audit(now, "fragment.hubChildIdUnknown", fragment, "ignored", new { fragment = fragment.Id, hubChildId = unknown }));
            }

            if (claim is { HasFragments: false } empty && !reviews.ContainsKey(fragment.Id)
                && await StatusOfAsync(db, status, empty.ChildId, cancellationToken) == Lifecycle.ChildStatus.Live)
            {
                // A record with nothing linked yet (a new identity's record, 002 4.70-4.73): its id is the only evidence there is.
                linkedNow.Add((fragment, empty.ChildId));
                Link(db, fragment, empty.ChildId, "hubChildId", null, batch.LeaseVersion, now);
                batch.LinkedTo(fragment.Id, empty.ChildId);
                index.Add(FragmentMapping.Person(fragment, child, empty.ChildId));
                affected.Add(empty.ChildId);
                claims[child.HubChildId!.Value] = empty with { HasFragments = true };
                db.AddAudit(Audit(now, "fragment.linked", fragment, "linked", new { fragment = fragment.Id, child = empty.ChildId, method = "hubChildId", reason = "the record the fragment's hub child id names has no other data" }));
                continue;
            }

            // The hub child id joins the comparison as a deterministic key: a link before NHS number and UPN, unless sex and
            // date of birth both contradict it (then a possible match, held for review).
            var person = FragmentMapping.Person(fragment, child, claim?.ChildId);
            var decision = index.Find(person);
            if (reviews.TryGetValue(fragment.Id, out var open))
            {
                // Still waiting for a person: the candidates are refreshed with the newer data, the decision is theirs.
                open.Reason = Truncate(decision.Reason, 500);
                open.DetailsFingerprint = DetailsFingerprint(fragment);
                open.CandidatesJson = CandidatesJson(decision);
                batch.Hold(fragment.Id, "still awaiting review");
                continue;
            }

            switch (decision.Outcome)
            {
                case MatchOutcome.Match when await StatusOfAsync(db, status, Guid.Parse(decision.Best!.HubChildId!), cancellationToken) == Lifecycle.ChildStatus.Archived:
                    batch.StopSending(fragment.Id, StopNoticeFor(db, fragment, now));
                    break;

                case MatchOutcome.Match when status[Guid.Parse(decision.Best!.HubChildId!)] == Lifecycle.ChildStatus.Live:
                {
                    var childId = Guid.Parse(decision.Best!.HubChildId!);
                    linkedNow.Add((fragment, childId));
                    var method = decision.Best.Result.Deterministic.Applies ? Method(decision.Best.Result.Deterministic.Rule) : "probabilistic";
                    Link(db, fragment, childId, method, decision.Best.Result.MatchProbability, batch.LeaseVersion, now);
                    batch.LinkedTo(fragment.Id, childId);
                    index.Add(person with { HubChildId = childId.ToString() });
                    affected.Add(childId);
                    db.AddAudit(Audit(now, "fragment.linked", fragment, "linked", new { fragment = fragment.Id, child = childId, method, decision.Reason, candidate = Summary(decision.Best) }));
                    break;
                }

                case MatchOutcome.PossibleMatch:
                    db.Set<ReviewItem>().Add(new ReviewItem
                    {
                        FragmentId = fragment.Id,
                        DetailsFingerprint = DetailsFingerprint(fragment),
                        SourceId = fragment.SourceId,
                        SourceChildId = fragment.SourceChildId,
                        Reason = Truncate(decision.Reason, 500),
                        CandidatesJson = CandidatesJson(decision),
                        CreatedAt = now,
                    });
                    batch.Hold(fragment.Id, decision.Reason);
                    db.AddAudit(Audit(now, "fragment.held", fragment, "held", new { fragment = fragment.Id, decision.Reason, candidates = decision.Candidates.Select(Summary) }));
                    break;

                default:
                {
                    var record = NewChild(db, now);
                    Link(db, fragment, record.Id, "newRecord", null, batch.LeaseVersion, now);
                    batch.LinkedTo(fragment.Id, record.Id);
                    linkedNow.Add((fragment, record.Id));
                    status[record.Id] = Lifecycle.ChildStatus.Live; // not saved yet: a later fragment in this batch may match it
                    index.Add(person with { HubChildId = record.Id.ToString() });
                    affected.Add(record.Id);
                    db.AddAudit(Audit(now, "child.created", fragment, "created", new { fragment = fragment.Id, child = record.Id, decision.Reason, candidates = decision.Candidates.Select(Summary) }));
                    break;
                }
            }
        }

        if (lifecycle is not null)
        {
            await lifecycle.RecordFactsAsync(db, linkedNow, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await AssembleAsync(db, batch.Replies, affected, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Re-assembles the best view of each child and tells each of its sources which of their items now disagree
    /// (once per disagreement; see <see cref="Mismatches.ToNotify"/>). Runs under the lease, after the links are saved.
    /// </summary>
    internal async Task AssembleAsync(HubDbContext db, List<OutgoingReply> replies, IReadOnlyCollection<Guid> childIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (childIds.Count == 0)
        {
            return;
        }

        var ids = childIds.ToList();
        var records = await db.Set<ChildRecord>().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var members = await db.Set<ChildLink>().AsNoTracking()
            .Where(l => ids.Contains(l.ChildId))
            .Join(db.ChildFragments.AsNoTracking(), l => l.FragmentId, f => f.Id, (l, f) => new { l.ChildId, Fragment = f })
            .ToListAsync(cancellationToken);
        var fragmentIds = members.Select(m => m.Fragment.Id).ToList();
        var states = await db.Set<MismatchState>().Where(s => fragmentIds.Contains(s.FragmentId)).ToDictionaryAsync(s => s.FragmentId, cancellationToken);

        foreach (var group in members.GroupBy(m => m.ChildId))
        {
            var sourced = group
                .Select(m => (m.Fragment, Child: FragmentMapping.ChildOf(m.Fragment)))
                .Where(m => m.Child is not null)
                .Select(m => (m.Fragment, Details: FragmentMapping.Details(m.Child!)))
                .ToList();
            var view = Survivorship.Assemble(
                [.. sourced.Select(s => new SourcedDetails(s.Fragment.Id.ToString(), s.Fragment.SourceId, s.Fragment.ProducedAt, s.Details))], reliability);
            var record = records[group.Key];
            record.BestViewJson = JsonSerializer.Serialize(view, HubJson.Options);
            record.UpdatedAt = now;

            foreach (var (fragment, details) in sourced)
            {
                var state = states.GetValueOrDefault(fragment.Id);
                var before = state is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(state.NotifiedJson, HubJson.Options)!;
                var (notify, after) = Mismatches.ToNotify(details, view.Details, before);
                if (state is null && after.Count > 0)
                {
                    state = new MismatchState { FragmentId = fragment.Id, NotifiedJson = "{}" };
                    db.Set<MismatchState>().Add(state);
                    states[fragment.Id] = state;
                }

                if (state is not null)
                {
                    state.NotifiedJson = JsonSerializer.Serialize(after, HubJson.Options);
                    state.UpdatedAt = now;
                }

                if (notify.Count > 0)
                {
                    var notification = new MismatchNotification
                    {
                        NotificationId = Guid.CreateVersion7(),
                        SourceId = fragment.SourceId,
                        SourceChildId = fragment.SourceChildId,
                        Sequence = fragment.DemographicsSequence,
                        Items = notify,
                        IssuedAt = now,
                    };
                    // Through the outbox (ADR 0012): it is not repeated while the data stays unchanged, so it must not be lost.
                    replies.Add(Replies.ReplyOutbox.Enqueue(db, new OutgoingReply(fragment.SourceId, MismatchNotification.Type, JsonSerializer.SerializeToUtf8Bytes(notification, HubJson.Options)), now));
                    db.AddAudit(Audit(now, "mismatch.notified", fragment, "notified", new { fragment = fragment.Id, child = group.Key, items = notify }));
                }
            }
        }

        if (lifecycle is not null)
        {
            // The responsible local authority follows the assembled best view (issue 5, ADR 0011).
            await lifecycle.AssignAuthoritiesAsync(db, childIds, now, cancellationToken);
        }
    }

    /// <summary>The status of a matched child, read once per batch (a purged child still in another instance's index is Missing: no match).</summary>
    private static async Task<Lifecycle.ChildStatus> StatusOfAsync(HubDbContext db, Dictionary<Guid, Lifecycle.ChildStatus> status, Guid childId, CancellationToken cancellationToken)
    {
        if (!status.TryGetValue(childId, out var known))
        {
            known = (await Lifecycle.LifecycleIntake.StatusAsync(db, [childId], cancellationToken))[childId];
            status[childId] = known;
        }

        return known;
    }

    /// <summary>The stop notice again, written to the reply outbox in the batch's transaction (ADR 0012).</summary>
    private static OutgoingReply StopNoticeFor(HubDbContext db, ChildFragment fragment, DateTimeOffset now) =>
        Lifecycle.LifecycleNotices.Queue(db, new Domain.Lifecycle.StopNotice(fragment.SourceId, fragment.SourceChildId, Domain.Lifecycle.StopNoticeKind.Stop), now);

    internal static ChildRecord NewChild(HubDbContext db, DateTimeOffset now)
    {
        var record = new ChildRecord { BestViewJson = "{}", CreatedAt = now, UpdatedAt = now };
        db.Set<ChildRecord>().Add(record);
        return record;
    }

    internal static void Link(HubDbContext db, ChildFragment fragment, Guid childId, string method, double? probability, long revision, DateTimeOffset now) =>
        db.Set<ChildLink>().Add(new ChildLink
        {
            FragmentId = fragment.Id,
            ChildId = childId,
            Method = method,
            Probability = probability,
            DemographicsSequence = fragment.DemographicsSequence,
            Revision = revision,
            LinkedAt = now,
        });

    /// <summary>
    /// An audit entry for a linking decision. Detail is JSON with ids, probability and per-field evidence levels, never
    /// the child's data. (Merge note: audit writing belongs to the lifecycle work; route this through its writer.)
    /// </summary>
    internal static AuditEntry Audit(DateTimeOffset now, string action, ChildFragment fragment, string outcome, object detail) => new()
    {
        At = now,
        Actor = "hub",
        Action = action,
        SourceId = fragment.SourceId,
        Outcome = outcome,
        Detail = Truncate(JsonSerializer.Serialize(detail, HubJson.Options), 4000),
    };

    private static string Method(DeterministicRule rule) => rule switch
    {
        DeterministicRule.HubChildId => "hubChildId",
        DeterministicRule.NhsNumber => "nhsNumber",
        DeterministicRule.Upn => "upn",
        _ => "probabilistic",
    };

    private static object Summary(MatchCandidate candidate) => new
    {
        child = candidate.HubChildId,
        probability = Math.Round(candidate.Result.MatchProbability, 6),
        weight = Math.Round(candidate.Result.MatchWeight, 3),
        outcome = candidate.Result.Outcome.ToString(),
        deterministic = candidate.Result.Deterministic.Applies || candidate.Result.Deterministic.Conflicts ? candidate.Result.Deterministic.Describe() : null,
        possibleTwin = candidate.Result.PossibleTwin,
        evidence = candidate.Result.Evidence.Select(e => new { comparator = e.Comparator, level = e.Label, weight = Math.Round(e.Weight, 3) }),
    };

    private static string CandidatesJson(MatchDecision decision) => JsonSerializer.Serialize(decision.Candidates.Select(Summary), HubJson.Options);

    /// <summary>The child details as the source sent them, fingerprinted: the same details always give the same value.</summary>
    private static string DetailsFingerprint(ChildFragment fragment) => Mismatches.Fingerprint(fragment.ChildJson);

    /// <summary>The first <paramref name="length"/> characters of <paramref name="value"/> (audit details and reasons have a column limit).</summary>
    internal static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
