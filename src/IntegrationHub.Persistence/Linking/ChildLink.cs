using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Persistence.Linking;

/// <summary>Which child a fragment belongs to, how that was decided, and when it last changed.</summary>
public sealed class ChildLink
{
    /// <summary>The fragment (child_fragments.id). No foreign key: fragments are bulk-inserted in the same transaction, untracked.</summary>
    public Guid FragmentId { get; set; }

    public Guid ChildId { get; set; }

    /// <summary>How: nhsNumber, upn, hubChildId (deterministic), probabilistic, newRecord, or review (a data administrator).</summary>
    public required string Method { get; set; }

    /// <summary>The match probability of the decision; null for a new record.</summary>
    public double? Probability { get; set; }

    /// <summary>The fragment's demographics sequence when last linked and indexed; a newer one re-assembles the best view.</summary>
    public long DemographicsSequence { get; set; }

    /// <summary>The linking lease version of the batch that last wrote this row: other hub instances read rows newer than their index.</summary>
    public long Revision { get; set; }

    public DateTimeOffset LinkedAt { get; set; }
}

internal sealed class ChildLinkConfiguration : IEntityTypeConfiguration<ChildLink>
{
    public void Configure(EntityTypeBuilder<ChildLink> e)
    {
        e.ToTable("child_links");
        e.HasKey(x => x.FragmentId);
        e.Property(x => x.FragmentId).ValueGeneratedNever();
        e.Property(x => x.Method).HasMaxLength(20);
        e.HasIndex(x => x.ChildId);
        e.HasIndex(x => x.Revision);
        e.HasOne<ChildRecord>().WithMany().HasForeignKey(x => x.ChildId).OnDelete(DeleteBehavior.Restrict);
    }
}
