using IntegrationHub.Matching.Normalisation;

namespace IntegrationHub.Matching.Blocking;

/// <summary>Counts from generating candidate pairs.</summary>
/// <param name="Pass">The pass.</param>
/// <param name="Pairs">New pairs this pass contributed (pairs an earlier pass already found are not counted).</param>
/// <param name="SkippedBlocks">Blocks larger than the size limit, not compared in this pass.</param>
public sealed record BlockingPassReport(string Pass, long Pairs, int SkippedBlocks);

/// <summary>
/// Generates candidate record pairs from blocking passes, each pair once however many passes find it.
/// A pair is emitted by the first pass (in list order) that puts both records in one block, and within
/// that pass under the smallest key they share, so no set of seen pairs has to be held in memory.
/// Blocks larger than <c>maxBlockSize</c> are skipped (their records still meet through the other passes).
/// </summary>
public sealed class CandidatePairs
{
    private readonly IReadOnlyList<BlockingPass> passes;
    private readonly KeyTable[] leftKeys;
    private readonly KeyTable[] rightKeys;
    private readonly HashSet<ulong>[] oversized;
    private readonly int leftCount;
    private readonly int rightCount;
    private readonly bool linking;

    private CandidatePairs(
        IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson>? right, IReadOnlyList<BlockingPass> passes, int maxBlockSize, int degreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(passes);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlockSize, 2);
        this.passes = passes;
        MaxBlockSize = maxBlockSize;
        linking = right is not null;
        leftCount = left.Count;
        rightCount = right?.Count ?? left.Count;
        // The passes are independent: their key tables and blocks are built in parallel (one pass per thread).
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, degreeOfParallelism) };
        leftKeys = new KeyTable[passes.Count];
        Parallel.For(0, passes.Count, parallel, p => leftKeys[p] = KeyTable.Build(left, passes[p]));
        if (right is null)
        {
            rightKeys = leftKeys;
        }
        else
        {
            rightKeys = new KeyTable[passes.Count];
            Parallel.For(0, passes.Count, parallel, p => rightKeys[p] = KeyTable.Build(right, passes[p]));
        }

        // Only the keys over the size limit are kept for every pass (a pair sharing one is not "found" by it); the
        // blocks themselves are built one pass at a time as the pass is visited (see BlocksOf), so at a million
        // records the passes' blocks are never all held at once.
        oversized = new HashSet<ulong>[passes.Count];
        Parallel.For(0, passes.Count, parallel, p => oversized[p] = rightKeys[p].Oversized(passes[p].BlockSizeLimit(maxBlockSize)));
    }

    /// <summary>The largest block compared.</summary>
    public int MaxBlockSize { get; }

    /// <summary>
    /// One pass's blocks: blocking key → record indices (right-hand records when linking; the left records look
    /// themselves up). When deduplicating, a block of one record yields no pair and is not kept.
    /// </summary>
    internal Dictionary<ulong, int[]> BlocksOf(int pass) => rightKeys[pass].Invert(oversized[pass], keepSingletons: linking);

    /// <summary>Prepares candidate generation for deduplicating one record set.</summary>
    /// <remarks>The passes' blocks are built on up to <paramref name="degreeOfParallelism"/> threads.</remarks>
    public static CandidatePairs ForDeduplication(IReadOnlyList<NormalisedPerson> records, IReadOnlyList<BlockingPass> passes, int maxBlockSize, int degreeOfParallelism = 1) =>
        new(records, null, passes, maxBlockSize, degreeOfParallelism);

    /// <summary>Prepares candidate generation for linking two record sets (pairs are always left × right).</summary>
    /// <remarks>The passes' blocks are built on up to <paramref name="degreeOfParallelism"/> threads.</remarks>
    public static CandidatePairs ForLinkage(
        IReadOnlyList<NormalisedPerson> left, IReadOnlyList<NormalisedPerson> right, IReadOnlyList<BlockingPass> passes, int maxBlockSize, int degreeOfParallelism = 1)
    {
        ArgumentNullException.ThrowIfNull(right);
        return new(left, right, passes, maxBlockSize, degreeOfParallelism);
    }

    /// <summary>
    /// Calls <paramref name="visit"/> once for every candidate pair (indices into the left and right record
    /// sets; for deduplication left &lt; right). Work is split by pass and block across up to
    /// <paramref name="degreeOfParallelism"/> threads; each thread gets its own state from
    /// <paramref name="createState"/>, so <paramref name="visit"/> needs no locking, and every state is
    /// returned for the caller to merge. <paramref name="afterPass"/>, if given, is called after each pass once that
    /// pass's blocks are dropped: a batch caller hands memory back there (a broad pass's blocks are 100-150 MB at a
    /// million records, and several passes' garbage otherwise piles up before a full collection).
    /// </summary>
    public IReadOnlyList<TState> Visit<TState>(
        Func<TState> createState, Action<int, int, TState> visit, int degreeOfParallelism, out IReadOnlyList<BlockingPassReport> report, Action? afterPass = null) =>
        Visit(createState, visit, degreeOfParallelism, keepLeft: null, out report, afterPass);

    /// <summary>
    /// As <see cref="Visit{TState}(Func{TState}, Action{int, int, TState}, int, out IReadOnlyList{BlockingPassReport}, Action)"/>, but
    /// only the pairs whose left record (the smaller index when deduplicating) passes <paramref name="keepLeft"/>: a
    /// sample drawn by record before any pair is enumerated, so sampling a few pairs out of hundreds of millions costs
    /// only the few.
    /// </summary>
    internal IReadOnlyList<TState> Visit<TState>(
        Func<TState> createState, Action<int, int, TState> visit, int degreeOfParallelism, Func<int, bool>? keepLeft, out IReadOnlyList<BlockingPassReport> report, Action? afterPass = null)
    {
        ArgumentNullException.ThrowIfNull(createState);
        ArgumentNullException.ThrowIfNull(visit);
        var states = new List<TState>();
        var counts = new long[passes.Count];
        for (var p = 0; p < passes.Count; p++)
        {
            var pass = p;
            var passBlocks = BlocksOf(p);
            var units = linking ? leftCount : passBlocks.Count;
            var blocks = linking ? null : passBlocks.ToArray();
            var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, degreeOfParallelism) };
            long passPairs = 0;
            Parallel.For(
                0,
                units,
                options,
                () => (State: createState(), Pairs: 0L),
                (unit, _, local) =>
                {
                    if (linking && keepLeft is not null && !keepLeft(unit))
                    {
                        return local;
                    }

                    local.Pairs += linking
                        ? VisitLeftRecord(pass, passBlocks, unit, local.State, visit)
                        : VisitBlock(pass, blocks![unit].Key, blocks[unit].Value, local.State, visit, keepLeft);
                    return local;
                },
                local =>
                {
                    lock (states)
                    {
                        states.Add(local.State);
                        passPairs += local.Pairs;
                    }
                });
            counts[p] = passPairs;
            // The pass's blocks are captured by the lambda above; dropped before the caller collects.
            passBlocks = null;
            blocks = null;
            afterPass?.Invoke();
        }

        report = passes.Select((pass, i) => new BlockingPassReport(pass.Name, counts[i], oversized[i].Count)).ToArray();
        return states;
    }

    /// <summary>Sequential convenience overload.</summary>
    public long Visit(Action<int, int> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        Visit(() => 0, (a, b, _) => visit(a, b), 1, out var report);
        return report.Sum(r => r.Pairs);
    }

    private long VisitBlock<TState>(int pass, ulong key, int[] members, TState state, Action<int, int, TState> visit, Func<int, bool>? keepLeft)
    {
        long emitted = 0;
        for (var i = 0; i < members.Length; i++)
        {
            if (keepLeft is not null && !keepLeft(members[i]))
            {
                continue;
            }

            for (var j = i + 1; j < members.Length; j++)
            {
                var a = members[i];
                var b = members[j];
                if (!FoundEarlier(pass, key, a, b))
                {
                    visit(a, b, state);
                    emitted++;
                }
            }
        }

        return emitted;
    }

    private long VisitLeftRecord<TState>(int pass, Dictionary<ulong, int[]> blocks, int left, TState state, Action<int, int, TState> visit)
    {
        long emitted = 0;
        var keys = leftKeys[pass].KeysOf(left);
        for (var k = 0; k < keys.Length; k++)
        {
            var key = keys[k];
            if (keys[..k].Contains(key) || !blocks.TryGetValue(key, out var members))
            {
                continue;
            }

            foreach (var right in members)
            {
                if (!FoundEarlier(pass, key, left, right))
                {
                    visit(left, right, state);
                    emitted++;
                }
            }
        }

        return emitted;
    }

    /// <summary>
    /// True if an earlier pass, or this pass under a smaller key, already put the pair in one compared block.
    /// </summary>
    private bool FoundEarlier(int pass, ulong key, int left, int right)
    {
        for (var q = 0; q <= pass; q++)
        {
            var a = leftKeys[q].KeysOf(left);
            var b = rightKeys[q].KeysOf(right);
            foreach (var shared in a)
            {
                if ((q < pass || shared < key) && b.Contains(shared) && !oversized[q].Contains(shared))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Pairs the passes would visit counting each once per pass and shared key: an upper bound on the
    /// distinct candidate pairs, cheap to compute before comparing anything.
    /// </summary>
    public long PairsUpperBound()
    {
        long total = 0;
        for (var p = 0; p < passes.Count; p++)
        {
            var blocks = BlocksOf(p);
            if (!linking)
            {
                foreach (var members in blocks.Values)
                {
                    total += (long)members.Length * (members.Length - 1) / 2;
                }

                continue;
            }

            for (var i = 0; i < leftCount; i++)
            {
                foreach (var key in leftKeys[p].KeysOf(i))
                {
                    if (blocks.TryGetValue(key, out var members))
                    {
                        total += members.Length;
                    }
                }
            }
        }

        return total;
    }

    /// <summary>The total number of record pairs without blocking.</summary>
    public long AllPairs => linking ? (long)leftCount * rightCount : (long)leftCount * (leftCount - 1) / 2;

    /// <summary>Each record's keys for one pass, stored flat (offsets into one array) to keep a million records cheap.</summary>
    internal sealed class KeyTable
    {
        private readonly int[] offsets;
        private readonly ulong[] keys;

        private KeyTable(int[] offsets, ulong[] keys)
        {
            this.offsets = offsets;
            this.keys = keys;
        }

        public int Count => offsets.Length - 1;

        public static KeyTable Build(IReadOnlyList<NormalisedPerson> records, BlockingPass pass)
        {
            var offsets = new int[records.Count + 1];
            var keys = new List<ulong>(records.Count);
            var scratch = new List<ulong>(4);
            for (var i = 0; i < records.Count; i++)
            {
                scratch.Clear();
                pass.WriteKeys(records[i], scratch);
                foreach (var key in scratch)
                {
                    var seen = false;
                    for (var k = offsets[i]; k < keys.Count && !seen; k++)
                    {
                        seen = keys[k] == key;
                    }

                    if (!seen)
                    {
                        keys.Add(key);
                    }
                }

                offsets[i + 1] = keys.Count;
            }

            return new KeyTable(offsets, keys.ToArray());
        }

        public ReadOnlySpan<ulong> KeysOf(int index) => keys.AsSpan(offsets[index], offsets[index + 1] - offsets[index]);

        /// <summary>The keys shared by more than <paramref name="maxBlockSize"/> records.</summary>
        public HashSet<ulong> Oversized(int maxBlockSize)
        {
            HashSet<ulong> oversized = [];
            foreach (var (key, size) in Sizes())
            {
                if (size > maxBlockSize)
                {
                    oversized.Add(key);
                }
            }

            return oversized;
        }

        /// <summary>Key → members (ascending record index), leaving out the <paramref name="oversized"/> blocks.</summary>
        public Dictionary<ulong, int[]> Invert(HashSet<ulong> oversized, bool keepSingletons)
        {
            var blocks = new Dictionary<ulong, int[]>();
            var fill = new Dictionary<ulong, int>();
            foreach (var (key, size) in Sizes())
            {
                if (!oversized.Contains(key) && (size > 1 || keepSingletons))
                {
                    blocks[key] = new int[size];
                    fill[key] = 0;
                }
            }

            for (var i = 0; i < Count; i++)
            {
                foreach (var key in KeysOf(i))
                {
                    if (blocks.TryGetValue(key, out var members))
                    {
                        var position = fill[key];
                        members[position] = i;
                        fill[key] = position + 1;
                    }
                }
            }

            return blocks;
        }

        private Dictionary<ulong, int> Sizes()
        {
            var sizes = new Dictionary<ulong, int>();
            foreach (var key in keys)
            {
                sizes[key] = sizes.GetValueOrDefault(key) + 1;
            }

            return sizes;
        }
    }
}
