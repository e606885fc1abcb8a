using IntegrationHub.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Pipeline.Sources;

/// <summary>The accredited sources the hub accepts data from. Registration and status changes are audited.</summary>
public sealed class SourceRegistry(IHubDbContextFactory databases, TimeProvider clock)
{
    /// <summary>Registers (or re-registers) a source. Its RabbitMQ user name is its id.</summary>
    public async Task RegisterAsync(string sourceId, string name, string? localAuthority, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var source = await db.Sources.FindAsync([sourceId], cancellationToken);
        if (source is null)
        {
            db.Sources.Add(new Source
            {
                Id = sourceId,
                AmqpUser = sourceId,
                Name = name,
                LocalAuthority = localAuthority,
                Status = SourceStatus.Accredited,
                RegisteredAt = clock.GetUtcNow(),
            });
        }
        else
        {
            source.Name = name;
            source.LocalAuthority = localAuthority;
        }

        db.AddAudit(new AuditEntry { At = clock.GetUtcNow(), Actor = actor, Action = "source.register", SourceId = sourceId, Outcome = "done" });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetStatusAsync(string sourceId, SourceStatus status, string reason, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        var source = await db.Sources.SingleAsync(s => s.Id == sourceId, cancellationToken);
        source.Status = status;
        db.AddAudit(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = actor,
            Action = "source.status",
            SourceId = sourceId,
            Outcome = status.ToString().ToLowerInvariant(),
            Detail = reason,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Source>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = databases.Create();
        return await db.Sources.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
    }
}
