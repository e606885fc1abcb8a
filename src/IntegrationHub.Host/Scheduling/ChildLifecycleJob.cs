using IntegrationHub.Domain.Lifecycle;
using Quartz;

namespace IntegrationHub.Host.Scheduling;

/// <summary>One child record as the lifecycle job sees it: its lifecycle state and the fragments sources sent about it.</summary>
/// <param name="ChildRecordId">The child record's id in the store that implements <see cref="IChildLifecycleStore"/>.</param>
public sealed record ChildLifecycleRecord(Guid ChildRecordId, ChildLifecycle State, IReadOnlyList<FragmentOrigin> Fragments);

/// <summary>
/// The store the nightly <see cref="ChildLifecycleJob"/> runs the adult transition, death, left-England archive and the
/// archive purge (Domain/Lifecycle/ChildLifecycle.Evaluate) over: <see cref="ChildLifecycleStore"/> on the child records
/// (registered by AddHubScheduling). Without one the job does nothing.
/// </summary>
public interface IChildLifecycleStore
{
    /// <summary>
    /// Records that may have something due as of <paramref name="today"/> (live records, and archived records not yet
    /// purged). Returning more than needed is harmless: Evaluate decides.
    /// </summary>
    IAsyncEnumerable<ChildLifecycleRecord> CandidatesAsync(DateOnly today, CancellationToken cancellationToken);

    /// <summary>
    /// Carries out <paramref name="action"/> in one transaction: the state as <see cref="ChildLifecycle.Apply"/> gives it,
    /// an audit entry (Persistence/Audit/AuditTrail.AppendAsync), and for an archive the stop notices to send after the
    /// commit. Must be idempotent: a record already in the resulting state is left alone. A purge deletes the record's
    /// data and keeps only what stops it being matched again.
    /// </summary>
    Task ApplyAsync(ChildLifecycleRecord record, LifecycleAction action, ChildLifecycle after, IReadOnlyList<StopNotice> notices, DateOnly today, CancellationToken cancellationToken);
}

/// <summary>The decision half of the nightly lifecycle run: pure apart from the store, so it is testable with any store.</summary>
public sealed class ChildLifecycleRunner(HubCalendar calendar, ILogger<ChildLifecycleRunner> logger, IChildLifecycleStore? store = null)
{
    /// <returns>How many actions were carried out.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (store is null)
        {
            logger.LogDebug("Child lifecycle: no child-record store is registered; nothing to do.");
            return 0;
        }

        var today = calendar.Today;
        var done = 0;
        await foreach (var record in store.CandidatesAsync(today, cancellationToken))
        {
            foreach (var action in ChildLifecycle.Evaluate(record.State, today))
            {
                var after = ChildLifecycle.Apply(record.State, action, today);
                var notices = action is ArchiveRecord ? StopNotices.OnArchive(record.Fragments) : [];
                await store.ApplyAsync(record, action, after, notices, today, cancellationToken);
                done++;
            }
        }

        logger.LogInformation("Child lifecycle as of {Today}: {Done} records archived or purged.", today, done);
        return done;
    }
}

/// <summary>The Quartz job around <see cref="ChildLifecycleRunner"/>.</summary>
[DisallowConcurrentExecution]
public sealed class ChildLifecycleJob(ChildLifecycleRunner runner) : IJob
{
    public static readonly JobKey Key = new("child-lifecycle", "lifecycle");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => await runner.RunAsync(cancellationToken);
}
