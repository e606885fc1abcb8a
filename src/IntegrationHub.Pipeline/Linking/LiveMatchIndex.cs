using IntegrationHub.Matching;
using IntegrationHub.Matching.Linkage;
using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Linking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Pipeline.Linking;

/// <summary>
/// The process-wide match index over every linked fragment (records of one child share its hub child id, so the
/// engine compares a fragment with the child's records together). It is current up to <see cref="Version"/>, the
/// last linking-lease version whose rows it holds; under the lease a batch first adds what other instances
/// committed since (<see cref="CatchUpAsync"/>). A batch adds its own records while it links, so a batch that
/// rolls back leaves records of links that never happened: it calls <see cref="Invalidate"/> and the next batch
/// rebuilds from the database; so does a batch that finds a merge of two child records committed since (their links
/// moved). One batch at a time in this process (<see cref="EnterAsync"/>); across processes the
/// lease row lock orders them.
/// </summary>
public sealed class LiveMatchIndex(IOptions<LinkingOptions> options, ILogger<LiveMatchIndex> logger) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly MatchEngine engine = new(options.Value.Matching());
    private MatchIndex? index;
    private long version = -1;

    internal MatchIndex Index => index ?? throw new InvalidOperationException("The index is not loaded.");

    internal long Version => version;

    internal MatchEngine Engine => engine;

    internal Task EnterAsync(CancellationToken cancellationToken) => gate.WaitAsync(cancellationToken);

    internal void Exit() => gate.Release();

    internal void Invalidate() => version = -1;

    internal void Committed(long leaseVersion) => version = leaseVersion;

    /// <summary>Brings the index up to <paramref name="heldVersion"/> − 1: everything committed before the lease this batch holds.</summary>
    internal async Task CatchUpAsync(HubDbContext db, long heldVersion, CancellationToken cancellationToken)
    {
        // A merge (ADR 0013) moved links from one child to another: the index cannot drop records, so it is rebuilt.
        var since = version;
        if (index is not null && since >= 0 && since < heldVersion - 1
            && await db.Set<ChildMerge>().AnyAsync(m => m.Revision > since && m.Revision < heldVersion, cancellationToken))
        {
            version = -1;
        }

        if (index is null || version < 0)
        {
            index?.Dispose();
            index = engine.CreateIndex(options.Value.Model(engine));
            await AddAsync(db, long.MinValue, heldVersion, cancellationToken);
            logger.LogInformation("Match index loaded: {Records} linked fragments up to lease version {Version}", index.Count, heldVersion - 1);
        }
        else if (version < heldVersion - 1)
        {
            await AddAsync(db, version, heldVersion, cancellationToken);
        }

        version = heldVersion - 1;
    }

    private async Task AddAsync(HubDbContext db, long after, long before, CancellationToken cancellationToken)
    {
        var rows = db.Set<ChildLink>().AsNoTracking()
            .Where(l => l.Revision > after && l.Revision < before)
            .Join(db.ChildFragments.AsNoTracking(), l => l.FragmentId, f => f.Id, (l, f) => new { l.ChildId, Fragment = f })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (FragmentMapping.ChildOf(row.Fragment) is { } child)
            {
                index!.Add(FragmentMapping.Person(row.Fragment, child, row.ChildId));
            }
        }
    }

    public void Dispose()
    {
        index?.Dispose();
        gate.Dispose();
    }
}
