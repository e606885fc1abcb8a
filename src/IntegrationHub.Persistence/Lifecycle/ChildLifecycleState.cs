using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Persistence.Lifecycle;

/// <summary>
/// The lifecycle facts of one child record (002 3.34-3.44, 4.53-4.81) that the best view does not hold: archive state,
/// death, left-England confirmation, investigation hold, shielding requests, responsible authority. One row per
/// <c>child_records</c> row, created when a lifecycle fact first arrives. The date of birth and retention consents are
/// read from the best view and the linked fragments when the nightly job evaluates the record. Deleted with the record
/// on purge. Never shown to sources: the archive reason in particular is for data administrators only (000 2.2).
/// </summary>
public sealed class ChildLifecycleState
{
    /// <summary>The child record (child_records.id).</summary>
    public Guid ChildId { get; set; }

    /// <summary>The day the record went to the archive; null while live. The six years to the purge run from here.</summary>
    public DateOnly? ArchivedOn { get; set; }

    /// <summary>Why (Domain.Lifecycle.ArchiveReason by name): adultTransition, death, leftEngland, newIdentity. Private.</summary>
    public string? ArchiveReason { get; set; }

    /// <summary>An ongoing or planned investigation holds the purge (002 4.81); may be placed before archiving.</summary>
    public bool InvestigationHold { get; set; }

    public DateOnly? DateOfDeath { get; set; }

    /// <summary>When a source first notified the death.</summary>
    public DateOnly? DeathNotifiedOn { get; set; }

    /// <summary>When the registration source confirmed the death: the year to the archive starts here.</summary>
    public DateOnly? DeathConfirmedOn { get; set; }

    /// <summary>When the responsible authority confirmed the child left England (002 4.60, 4.77).</summary>
    public DateOnly? LeftEnglandOn { get; set; }

    public string? LeftEnglandConfirmedBy { get; set; }

    public string? LeftEnglandDestination { get; set; }

    /// <summary>The sources (or users) whose shielding request stands, as a JSON array of ids; shielded while non-empty.</summary>
    public string ShieldingRequestedByJson { get; set; } = "[]";

    /// <summary>
    /// The responsible local authority (002 4.53-4.57): the compartment the record belongs to. Set when the record is first
    /// assigned and changed only by an automatic move or a transfer both authorities accepted (ADR 0011). Null while no
    /// residence is known.
    /// </summary>
    public string? ResponsibleAuthority { get; set; }

    /// <summary>
    /// The authority the child's residence pointed to when the hub last looked (ordinary residence, or the authority
    /// responsible for services). A move is a change of this value, so an agreed or declined transfer is not undone by
    /// the next fragment, and a repeated fragment proposes nothing twice.
    /// </summary>
    public string? ResidenceAuthority { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ChildLifecycleStateConfiguration : IEntityTypeConfiguration<ChildLifecycleState>
{
    public void Configure(EntityTypeBuilder<ChildLifecycleState> e)
    {
        e.ToTable("child_lifecycle");
        e.HasKey(x => x.ChildId);
        e.Property(x => x.ChildId).ValueGeneratedNever();
        e.Property(x => x.ArchiveReason).HasMaxLength(30);
        e.Property(x => x.LeftEnglandConfirmedBy).HasMaxLength(100);
        e.Property(x => x.LeftEnglandDestination).HasMaxLength(100);
        e.Property(x => x.ShieldingRequestedByJson).HasMaxLength(4000);
        e.Property(x => x.ResponsibleAuthority).HasMaxLength(100);
        e.Property(x => x.ResidenceAuthority).HasMaxLength(100);
        e.HasIndex(x => x.ResponsibleAuthority);
        e.HasIndex(x => x.ArchivedOn);
        e.HasOne<Linking.ChildRecord>().WithOne().HasForeignKey<ChildLifecycleState>(x => x.ChildId).OnDelete(DeleteBehavior.Restrict);
    }
}
