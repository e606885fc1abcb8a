using IntegrationHub.Matching.Blocking;
using IntegrationHub.Matching.Normalisation;
using IntegrationHub.Matching.Scoring;

namespace IntegrationHub.Matching.Linkage;

/// <summary>One known child a fragment may belong to.</summary>
/// <param name="ChildKey">The child's hub child id, or the record id of a record not yet given one.</param>
/// <param name="HubChildId">The hub child id, if the known records carry one.</param>
/// <param name="Result">The fragment compared with all the child's known records ("best view"), with per-field evidence.</param>
public sealed record MatchCandidate(string ChildKey, string? HubChildId, GroupMatchResult Result);

/// <summary>The answer to "who is this fragment?".</summary>
/// <param name="Outcome">
/// Match: link to the best candidate. PossibleMatch: hold for review (the candidates and their evidence
/// go to the reviewer). NoMatch: a new child record.
/// </param>
/// <param name="Reason">A sentence for the audit trail and the reviewer.</param>
/// <param name="Candidates">The children scoring at least a possible match (or sharing a strong identifier), best first.</param>
public sealed record MatchDecision(MatchOutcome Outcome, string Reason, IReadOnlyList<MatchCandidate> Candidates)
{
    /// <summary>The best candidate, if any.</summary>
    public MatchCandidate? Best => Candidates.Count > 0 ? Candidates[0] : null;
}

/// <summary>
/// A live, growing index of known records for per-fragment lookup: blocking keys in dictionaries,
/// term frequencies kept up to date as records are added. Records that carry the same
/// <see cref="PersonRecord.HubChildId"/> are one child, and a fragment is compared with all of a child's
/// records together (the best view with its alternative names, dates and addresses); a record without a
/// hub child id is a child of its own. Lookups run concurrently; additions take an exclusive lock.
/// </summary>
public sealed class MatchIndex : IDisposable
{
    private readonly MatchEngine engine;
    private readonly MatchScorer scorer;
    private readonly TermFrequencies termFrequencies;
    private readonly List<NormalisedPerson> records = [];
    private readonly Dictionary<string, List<int>> children = new(StringComparer.Ordinal);
    private readonly BlockIndex[] blocks;
    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);

    // Records in the store share their names, postcodes and address words (a million records hold far fewer distinct values).
    private readonly PersonNormaliser.SharedValues shared = new();

    internal MatchIndex(MatchEngine engine, MatchModel model)
    {
        this.engine = engine;
        termFrequencies = new TermFrequencies(engine.Comparators);
        scorer = new MatchScorer(engine.Comparators, model, engine.Options.Thresholds, termFrequencies);
        blocks = engine.Options.BlockingPasses.Select(_ => new BlockIndex()).ToArray();
    }

    /// <summary>Number of records held.</summary>
    public int Count
    {
        get
        {
            gate.EnterReadLock();
            try
            {
                return records.Count;
            }
            finally
            {
                gate.ExitReadLock();
            }
        }
    }

    /// <summary>Adds a record (e.g. a child record's best view, or an accepted fragment carrying its hub child id).</summary>
    public NormalisedPerson Add(PersonRecord record)
    {
        var person = engine.Normaliser.Normalise(record, shared);
        var keys = KeysOf(person);
        gate.EnterWriteLock();
        try
        {
            var index = records.Count;
            records.Add(person);
            termFrequencies.Add(person);
            var childKey = ChildKey(person);
            if (!children.TryGetValue(childKey, out var members))
            {
                members = [];
                children.Add(childKey, members);
            }

            members.Add(index);
            for (var p = 0; p < blocks.Length; p++)
            {
                foreach (var key in keys[p])
                {
                    blocks[p].Add(key, index);
                }
            }
        }
        finally
        {
            gate.ExitWriteLock();
        }

        return person;
    }

    /// <summary>Adds many records.</summary>
    public void AddRange(IEnumerable<PersonRecord> newRecords)
    {
        ArgumentNullException.ThrowIfNull(newRecords);
        foreach (var record in newRecords)
        {
            Add(record);
        }
    }

    /// <summary>Most children compared as a whole per lookup (the best by single-record score).</summary>
    public const int MaxChildrenCompared = 8;

    /// <summary>Finds the known children a fragment may belong to and decides match, possible match or no match.</summary>
    public MatchDecision Find(PersonRecord fragment, int maxCandidates = 5) => Find(engine.Normaliser.Normalise(fragment), maxCandidates);

    /// <summary>Finds for an already-normalised fragment.</summary>
    public MatchDecision Find(NormalisedPerson fragment, int maxCandidates = 5)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCandidates, 1);
        var keys = KeysOf(fragment);

        gate.EnterReadLock();
        try
        {
            // Score each blocked record alone (cheap, allocation-free), keep each child's best record.
            var bestPerChild = new Dictionary<string, PairDecision>(StringComparer.Ordinal);
            var seen = new HashSet<int>();
            for (var p = 0; p < blocks.Length; p++)
            {
                var limit = engine.Options.BlockingPasses[p].BlockSizeLimit(engine.Options.MaxBlockSize);
                foreach (var key in keys[p])
                {
                    foreach (var candidate in blocks[p].Members(key, limit))
                    {
                        if (!seen.Add(candidate))
                        {
                            continue;
                        }

                        var person = records[candidate];
                        var decision = scorer.Decide(fragment, person);
                        if (decision.MatchWeight <= scorer.PriorWeight && !decision.Deterministic.Applies)
                        {
                            continue;
                        }

                        var childKey = ChildKey(person);
                        if (!bestPerChild.TryGetValue(childKey, out var best) || Better(decision, best))
                        {
                            bestPerChild[childKey] = decision;
                        }
                    }
                }
            }

            // Compare the fragment with the leading children's records taken together.
            var candidates = bestPerChild
                .OrderByDescending(entry => entry.Value.Deterministic.Applies)
                .ThenByDescending(entry => entry.Value.MatchWeight)
                .Take(MaxChildrenCompared)
                .Select(entry => Compare(fragment, entry.Key))
                .Where(candidate => candidate.Result.Outcome != MatchOutcome.NoMatch || candidate.Result.Deterministic.Applies)
                .OrderByDescending(candidate => candidate.Result.Outcome)
                .ThenByDescending(candidate => candidate.Result.MatchWeight)
                .ToArray();
            return Decide(candidates, maxCandidates);
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public void Dispose() => gate.Dispose();

    private static string ChildKey(NormalisedPerson person) => person.HubChildId ?? person.RecordId;

    private static bool Better(PairDecision candidate, PairDecision incumbent) =>
        candidate.Deterministic.Applies != incumbent.Deterministic.Applies
            ? candidate.Deterministic.Applies
            : candidate.MatchWeight > incumbent.MatchWeight;

    private MatchCandidate Compare(NormalisedPerson fragment, string childKey)
    {
        var members = children[childKey];
        var group = new List<NormalisedPerson>(Math.Min(members.Count, engine.Options.MaxGroupSize));
        // The newest records first, up to the group-size limit.
        for (var i = members.Count - 1; i >= 0 && group.Count < engine.Options.MaxGroupSize; i--)
        {
            group.Add(records[members[i]]);
        }

        return new MatchCandidate(childKey, group[0].HubChildId, scorer.ExplainGroups([fragment], group));
    }

    private MatchDecision Decide(MatchCandidate[] ranked, int maxCandidates)
    {
        var thresholds = engine.Options.Thresholds;
        var shown = ranked.Take(maxCandidates).ToArray();
        if (shown.Length == 0)
        {
            return new MatchDecision(MatchOutcome.NoMatch, "no known child scores at or above the possible-match threshold", shown);
        }

        var matched = ranked.Count(candidate => candidate.Result.Outcome == MatchOutcome.Match);
        if (matched > 1)
        {
            return new MatchDecision(MatchOutcome.PossibleMatch, $"matches {matched} different known children: held for review", shown);
        }

        var top = shown[0].Result;
        return top.Outcome switch
        {
            MatchOutcome.Match when top.Deterministic.Applies => new MatchDecision(MatchOutcome.Match, top.Deterministic.Describe(), shown),
            MatchOutcome.Match => new MatchDecision(
                MatchOutcome.Match, $"match probability {top.MatchProbability:0.####} at or above {thresholds.MatchProbability}", shown),
            _ when top.Deterministic.Contradicted || top.Deterministic.Conflicts => new MatchDecision(MatchOutcome.PossibleMatch, top.Deterministic.Describe(), shown),
            _ => new MatchDecision(
                MatchOutcome.PossibleMatch,
                $"match probability {top.MatchProbability:0.####} between {thresholds.PossibleMatchProbability} and {thresholds.MatchProbability}: held for review",
                shown),
        };
    }

    private List<ulong>[] KeysOf(NormalisedPerson person)
    {
        var passes = engine.Options.BlockingPasses;
        var keys = new List<ulong>[passes.Count];
        for (var p = 0; p < passes.Count; p++)
        {
            keys[p] = [];
            passes[p].WriteKeys(person, keys[p]);
        }

        return keys;
    }

    /// <summary>
    /// Key → records, as singly linked chains in flat lists (one entry per record and key) rather than a
    /// list per key, to keep a million records' index small.
    /// </summary>
    private sealed class BlockIndex
    {
        private readonly Dictionary<ulong, (int Head, int Count)> heads = [];
        private readonly List<int> next = [];
        private readonly List<int> record = [];

        public void Add(ulong key, int recordIndex)
        {
            var (head, count) = heads.GetValueOrDefault(key, (-1, 0));
            if (head >= 0 && record[head] == recordIndex)
            {
                return;
            }

            next.Add(head);
            record.Add(recordIndex);
            heads[key] = (record.Count - 1, count + 1);
        }

        public IEnumerable<int> Members(ulong key, int maxBlockSize)
        {
            if (!heads.TryGetValue(key, out var entry) || entry.Count > maxBlockSize)
            {
                yield break;
            }

            for (var position = entry.Head; position >= 0; position = next[position])
            {
                yield return record[position];
            }
        }
    }
}
