using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace IntegrationHub.Persistence.Audit;

/// <summary>
/// Keeps the audit trail a chain whatever path an entry takes. An entry added to the context
/// (<c>db.AddAudit(entry)</c>, then <c>SaveChanges</c>) is taken out of the save and appended to the chain with
/// <see cref="AuditTrail.AppendAsync"/> after the other changes, in the caller's transaction or, when there is
/// none, in one this interceptor opens and commits around the save. A tracked change to, or removal of, an entry
/// is refused: the trail is append-only. Bulk writers (the intake) call <see cref="AuditTrail.AppendAsync"/> directly.
/// </summary>
internal sealed class AuditChainInterceptor : SaveChangesInterceptor
{
    public static AuditChainInterceptor Instance { get; } = new();

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    private sealed record Pending(List<AuditEntry> Entries, IDbContextTransaction? Owned);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Take(eventData.Context) is { } added)
        {
            var context = eventData.Context!;
            _pending.AddOrUpdate(context, new Pending(added, context.Database.CurrentTransaction is null ? context.Database.BeginTransaction() : null));
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is { } added)
        {
            var context = eventData.Context!;
            _pending.AddOrUpdate(context, new Pending(added, context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(cancellationToken) : null));
        }

        return result;
    }

    // Synchronous saves are rare here (tools, tests); the append itself is asynchronous.
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not HubDbContext db || !_pending.TryGetValue(db, out var pending))
        {
            return result;
        }

        _pending.Remove(db);
        try
        {
            await AuditTrail.AppendAsync(db, pending.Entries, cancellationToken);
            if (pending.Owned is { } owned)
            {
                await owned.CommitAsync(cancellationToken);
            }
        }
        catch
        {
            if (pending.Owned is { } owned)
            {
                await owned.RollbackAsync(CancellationToken.None);
            }

            throw;
        }
        finally
        {
            if (pending.Owned is { } owned)
            {
                await owned.DisposeAsync();
            }
        }

        return result + pending.Entries.Count;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>The entries added for this save, detached so the save does not insert them; null when there are none.</summary>
    private static List<AuditEntry>? Take(DbContext? context)
    {
        if (context is null)
        {
            return null;
        }

        // Entries() would run a full DetectChanges first, doubling the cost of a large save; entry fields are
        // init-only, so an Add, Attach, Update or Remove (which set the state at once) is all there is to see.
        var detect = context.ChangeTracker.AutoDetectChangesEnabled;
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            List<AuditEntry>? added = null;
            foreach (var entry in context.ChangeTracker.Entries<AuditEntry>())
            {
                switch (entry.State)
                {
                    case EntityState.Added:
                        (added ??= []).Add(entry.Entity);
                        break;
                    case EntityState.Modified or EntityState.Deleted:
                        throw new InvalidOperationException("The audit trail is append-only: entries are never updated or deleted.");
                }
            }

            foreach (var entry in added ?? [])
            {
                context.Entry(entry).State = EntityState.Detached;
            }

            return added;
        }
        finally
        {
            context.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>The save failed: the transaction opened for it is rolled back (the caller's own is the caller's).</summary>
    private void Abandon(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return;
        }

        _pending.Remove(context);
        if (pending.Owned is { } owned)
        {
            owned.Rollback();
            owned.Dispose();
        }
    }
}
