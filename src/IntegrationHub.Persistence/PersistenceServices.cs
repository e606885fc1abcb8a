using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Persistence;

public static class PersistenceServices
{
    /// <summary>
    /// Registers <see cref="IHubDbContextFactory"/> for the configured provider. A factory rather than a
    /// scoped context: the intake opens a fresh context for every attempt at a batch, so a retry never
    /// sees the tracked leftovers of a failed one.
    /// </summary>
    public static IServiceCollection AddHubPersistence(this IServiceCollection services, DatabaseOptions options)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddPooledDbContextFactory<SqliteHubDbContext>(o => Quiet(o.UseSqlite(options.ConnectionString)));
                services.AddSingleton<IHubDbContextFactory, HubDbContextFactory<SqliteHubDbContext>>();
                break;
            case DatabaseProvider.Postgres:
                services.AddPooledDbContextFactory<PostgresHubDbContext>(o => Quiet(o.UseNpgsql(options.ConnectionString)));
                services.AddSingleton<IHubDbContextFactory, HubDbContextFactory<PostgresHubDbContext>>();
                break;
            case DatabaseProvider.SqlServer:
                services.AddPooledDbContextFactory<SqlServerHubDbContext>(o => Quiet(o.UseSqlServer(options.ConnectionString)));
                services.AddSingleton<IHubDbContextFactory, HubDbContextFactory<SqlServerHubDbContext>>();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider.");
        }

        return services;
    }

    /// <summary>
    /// EF Core logs every failed command and save at Error, including the expected ones: a concurrency conflict that the
    /// intake retries, and the missing history table on a database's first migration (dotnet/efcore#37328).
    /// The hub logs failures itself, with what they mean, so EF's own line is kept at Debug.
    /// </summary>
    private static DbContextOptionsBuilder Quiet(DbContextOptionsBuilder builder) =>
        builder.ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug)))
            // Audit entries added to a context join the tamper-evident chain; changing or removing one is refused (Audit/).
            .AddInterceptors(Audit.AuditChainInterceptor.Instance);

    /// <summary>Brings the schema up to date. SQLite also switches to WAL so readers never block the intake writer.</summary>
    public static async Task MigrateAsync(this HubDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}

/// <summary>Opens a <see cref="HubDbContext"/> on the configured provider.</summary>
public interface IHubDbContextFactory
{
    HubDbContext Create();
}

internal sealed class HubDbContextFactory<T>(IDbContextFactory<T> inner) : IHubDbContextFactory
    where T : HubDbContext
{
    public HubDbContext Create() => inner.CreateDbContext();
}

// Design-time factories: `dotnet ef migrations add X --context <Provider>HubDbContext` uses these.
// The connection strings are placeholders; generating a migration never connects.
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteHubDbContext>
{
    public SqliteHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteHubDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresHubDbContext>
{
    public PostgresHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresHubDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}

internal sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerHubDbContext>
{
    public SqlServerHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerHubDbContext>().UseSqlServer("Server=localhost;Database=design;TrustServerCertificate=true").Options);
}
