using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Persistence;

/// <summary>
/// The hub's store. One model, three providers: each provider has its own subclass only so that
/// its migrations live apart (Migrations/Sqlite, Migrations/Postgres, Migrations/SqlServer).
/// </summary>
public abstract class HubDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Source> Sources => Set<Source>();
    public DbSet<ProcessedMessage> ProcessedMessages => Set<ProcessedMessage>();
    public DbSet<ChildFragment> ChildFragments => Set<ChildFragment>();
    public DbSet<InvolvementRecord> Involvements => Set<InvolvementRecord>();
    /// <summary>The audit trail, to read. Write with <see cref="AddAudit"/>, or <c>AuditTrail.AppendAsync</c> in bulk.</summary>
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    private static long _pendingAuditKeys;

    /// <summary>
    /// Adds an audit entry to the next save, where it joins the hash chain (Persistence/Audit). Its key is a
    /// temporary negative number until then, so a save may carry many entries; the chain assigns the position.
    /// </summary>
    public void AddAudit(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.Id = -Interlocked.Increment(ref _pendingAuditKeys);
        Audit.Add(entry);
    }
    public DbSet<DeadLetter> DeadLetters => Set<DeadLetter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Source>(e =>
        {
            e.ToTable("sources");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(63);
            e.Property(x => x.AmqpUser).HasMaxLength(63);
            e.HasIndex(x => x.AmqpUser).IsUnique();
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.LocalAuthority).HasMaxLength(100);
        });

        modelBuilder.Entity<ProcessedMessage>(e =>
        {
            e.ToTable("processed_messages");
            // The primary key is the idempotency guard: a second insert of the same message id fails.
            e.HasKey(x => new { x.SourceId, x.MessageId });
            e.Property(x => x.SourceId).HasMaxLength(63);
            e.Property(x => x.MessageId).HasMaxLength(100);
            e.Property(x => x.SourceChildId).HasMaxLength(64);
            e.Property(x => x.ReasonCodes).HasMaxLength(2000);
            e.HasIndex(x => new { x.SourceId, x.Outcome });
        });

        modelBuilder.Entity<ChildFragment>(e =>
        {
            e.ToTable("child_fragments");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => new { x.SourceId, x.SourceChildId }).IsUnique();
            e.Property(x => x.SourceId).HasMaxLength(63);
            e.Property(x => x.SourceChildId).HasMaxLength(64);
            e.Property(x => x.GivenName).HasMaxLength(100);
            e.Property(x => x.FamilyName).HasMaxLength(100);
            e.Property(x => x.Gender).HasMaxLength(20);
            e.Property(x => x.Postcode).HasMaxLength(10);
            e.Property(x => x.NhsNumber).HasMaxLength(10);
            e.Property(x => x.Upn).HasMaxLength(13);
            e.HasIndex(x => x.NhsNumber);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasMany(x => x.Involvements).WithOne().HasForeignKey(x => x.ChildFragmentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<InvolvementRecord>(e =>
        {
            e.ToTable("involvements");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.ServiceProvisionName).HasMaxLength(100);
            e.Property(x => x.Sector).HasMaxLength(30);
            e.Property(x => x.ServiceType).HasMaxLength(30);
            e.Property(x => x.PractitionerReference).HasMaxLength(100);
            e.Property(x => x.TimeBasedEvidenceJson).HasMaxLength(1000);
            // Involvement Guidance 1.5.6: name + start date identify a provision within a child's record and a source.
            e.HasIndex(x => new { x.ChildFragmentId, x.ServiceProvisionName, x.StartDate }).IsUnique();
        });

        modelBuilder.Entity<DeadLetter>(e =>
        {
            e.ToTable("dead_letters");
            e.HasKey(x => x.Id);
            e.Property(x => x.SourceId).HasMaxLength(63);
            e.Property(x => x.AmqpUser).HasMaxLength(255);
            e.Property(x => x.MessageId).HasMaxLength(100);
            e.Property(x => x.Cause).HasMaxLength(2000);
            e.Property(x => x.BodySha256).HasMaxLength(64);
            e.Property(x => x.ReprocessedBy).HasMaxLength(100);
            e.HasIndex(x => x.BodySha256);
        });

        // Each feature area (linking, lifecycle, dashboard, ...) keeps its entities and their mapping in its
        // own folder as IEntityTypeConfiguration classes; they join the one model here.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HubDbContext).Assembly);
    }
}

public sealed class SqliteHubDbContext(DbContextOptions<SqliteHubDbContext> options) : HubDbContext(options)
{
    /// <summary>
    /// SQLite has no date-time type: instants are stored as integers (ticks with the offset) so that queries
    /// can compare and order them ("held messages past their time", "messages in the last hour"). Every instant
    /// the hub writes is UTC, so the integer order is the time order.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresHubDbContext(DbContextOptions<PostgresHubDbContext> options) : HubDbContext(options);

public sealed class SqlServerHubDbContext(DbContextOptions<SqlServerHubDbContext> options) : HubDbContext(options);
