using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Persistence.Linking;

/// <summary>
/// The hub's one record per child (002 C1): its id, issued by the hub, and the best view assembled from every
/// linked fragment. Written only by the linking stage and the review resolutions, under the linking lease.
/// </summary>
public sealed class ChildRecord
{
    /// <summary>The hub child id: a time-ordered v7 GUID.</summary>
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The best view (IntegrationHub.Domain.BestView.ChildView) as camelCase JSON.</summary>
    public required string BestViewJson { get; set; }

    /// <summary>A shielded record shows no whereabouts (no address, postcode, school or GP). Set by the lifecycle stage.</summary>
    public bool Shielded { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ChildRecordConfiguration : IEntityTypeConfiguration<ChildRecord>
{
    public void Configure(EntityTypeBuilder<ChildRecord> e)
    {
        e.ToTable("child_records");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
    }
}
