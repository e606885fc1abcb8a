using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Persistence;

/// <summary>Section "Database": which provider and where. SQLite is the embedded default.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    [Required]
    public string ConnectionString { get; set; } = "Data Source=integrationhub.db";
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}
