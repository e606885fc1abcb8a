using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Persistence.Audit;

/// <summary>
/// The one row that says where the audit chain ends: the last position and its hash. Every append locks it
/// inside the writer's transaction, so appends from concurrent batches and hub instances are serialised and
/// the chain has one order; it also anchors the tail, so deleting the last entries is detected.
/// </summary>
public sealed class AuditHead
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    public long LastPosition { get; set; }

    public required string LastHash { get; set; }
}

internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> builder)
    {
        builder.ToTable("audit_head");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.LastHash).HasMaxLength(64);
        // The migration creates the row, so the first append has something to lock.
        builder.HasData(new AuditHead { Id = AuditHead.SingletonId, LastPosition = 0, LastHash = AuditTrail.GenesisHash });
    }
}
