using System.Runtime.CompilerServices;
using IntegrationHub.Domain.Lifecycle;
using IntegrationHub.Pipeline.Lifecycle;
using IntegrationHub.Pipeline.Replies;

namespace IntegrationHub.Host.Scheduling;

/// <summary>
/// The child-record store behind the nightly <see cref="ChildLifecycleJob"/>: candidates are every stored child record
/// with a known date of birth; an action is judged again and carried out under the linking lease in one transaction
/// (Pipeline/Lifecycle/LifecycleService), the stop notices written to the reply outbox in that transaction, and sent
/// after the commit (a crash in between leaves them to the outbox sweep, ADR 0012). The notices the runner passes are
/// recomputed in the transaction, so a fragment linked since the candidate was read is told to stop too.
/// </summary>
public sealed class ChildLifecycleStore(LifecycleService lifecycle, IServiceScopeFactory scopes) : IChildLifecycleStore
{
    public async IAsyncEnumerable<ChildLifecycleRecord> CandidatesAsync(DateOnly today, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var snapshot in lifecycle.CandidatesAsync(cancellationToken))
        {
            if (snapshot.State is { Purged: false } state)
            {
                yield return new ChildLifecycleRecord(snapshot.ChildId, state, snapshot.Origins);
            }
        }
    }

    public async Task ApplyAsync(ChildLifecycleRecord record, LifecycleAction action, ChildLifecycle after, IReadOnlyList<StopNotice> notices, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var replies = await lifecycle.CarryOutAsync(record.ChildRecordId, action, today, "hub", cancellationToken);
        if (replies.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReplySender>().SendRepliesAsync(replies, cancellationToken);
        }
    }
}
