using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Persistence.Linking;

/// <summary>
/// A child record that was merged into another (ADR 0013): the retired record is deleted, this row remembers where its
/// hub child id now leads, so a source (or a reader of the API) holding the old id still reaches the child. Chains are
/// kept flat: when a survivor is itself merged later, every row pointing to it is moved on, so one hop always suffices.
/// Holds ids only, never the child's data. No foreign key: the survivor may be purged years later, and then the old id
/// leads nowhere, as the survivor's own id does.
/// </summary>
public sealed class ChildMerge
{
    /// <summary>The retired hub child id.</summary>
    public Guid RetiredChildId { get; set; }

    /// <summary>The record it was merged into (child_records.id).</summary>
    public Guid SurvivorChildId { get; set; }

    /// <summary>The linking lease version of the merge: a hub instance whose match index is older rebuilds it.</summary>
    public long Revision { get; set; }

    public DateTimeOffset MergedAt { get; set; }
}

internal sealed class ChildMergeConfiguration : IEntityTypeConfiguration<ChildMerge>
{
    public void Configure(EntityTypeBuilder<ChildMerge> e)
    {
        e.ToTable("child_merges");
        e.HasKey(x => x.RetiredChildId);
        e.Property(x => x.RetiredChildId).ValueGeneratedNever();
        e.HasIndex(x => x.SurvivorChildId);
        e.HasIndex(x => x.Revision);
    }
}
