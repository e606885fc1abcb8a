using IntegrationHub.Persistence;
using IntegrationHub.Persistence.Linking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Pipeline.Linking;

/// <summary>
/// Loads the match index from the database when the hub starts (after the migration, before the bus), so the first
/// batch does not pay for it. Without a lease: rows up to the committed lease version are complete.
/// </summary>
internal sealed class MatchIndexWarmer(LiveMatchIndex live, IHubDbContextFactory databases, IOptions<LinkingOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await using var db = databases.Create();
        await live.EnterAsync(cancellationToken);
        try
        {
            var committed = await db.Set<LinkingLease>().AsNoTracking().Where(l => l.Id == LinkingLease.SingleId).Select(l => l.Version).SingleAsync(cancellationToken);
            live.Invalidate();
            await live.CatchUpAsync(db, committed + 1, cancellationToken);
        }
        finally
        {
            live.Exit();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
