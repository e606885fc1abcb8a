using IntegrationHub.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.IntegrationTests;

/// <summary>Each provider's migrations match the model: a model change without a migration fails here, not in production.</summary>
public class MigrationsAreCurrent
{
    [Test]
    public void Sqlite()
    {
        using var db = new SqliteHubDbContext(new DbContextOptionsBuilder<SqliteHubDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.That(db.Database.HasPendingModelChanges(), Is.False);
    }

    [Test]
    public void Postgres()
    {
        using var db = new PostgresHubDbContext(new DbContextOptionsBuilder<PostgresHubDbContext>().UseNpgsql("Host=localhost").Options);
        Assert.That(db.Database.HasPendingModelChanges(), Is.False);
    }

    [Test]
    public void SqlServer()
    {
        using var db = new SqlServerHubDbContext(new DbContextOptionsBuilder<SqlServerHubDbContext>().UseSqlServer("Server=localhost").Options);
        Assert.That(db.Database.HasPendingModelChanges(), Is.False);
    }
}
