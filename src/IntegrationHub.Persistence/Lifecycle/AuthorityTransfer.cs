using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Persistence.Lifecycle;

/// <summary>Where a transfer of a record between local authority compartments stands.</summary>
public enum AuthorityTransferStatus
{
    /// <summary>Proposed; the record stays with <see cref="AuthorityTransfer.FromAuthority"/> until both accept.</summary>
    Pending,

    /// <summary>Both authorities accepted (or the move was automatic): the record belongs to <see cref="AuthorityTransfer.ToAuthority"/>.</summary>
    Completed,

    /// <summary>One of the two authorities declined (or the proposer withdrew); the record stayed where it was.</summary>
    Declined,

    /// <summary>The child moved again before it was agreed: replaced by a transfer to the new authority, or no longer needed.</summary>
    Superseded,
}

/// <summary>
/// A transfer of a child record from one local authority's compartment to another's (002 4.53-4.59; ADR 0011): proposed
/// by the hub when the child's residence moves and the record lists specialist or targeted services, or by a data
/// manager (4.58). At most one is pending per record. The authorities' names are kept here, not in the append-only audit
/// (they show where the child lives), and the row is deleted with the record on purge.
/// </summary>
public sealed class AuthorityTransfer
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The child record (child_records.id).</summary>
    public Guid ChildId { get; set; }

    public required string FromAuthority { get; set; }

    public required string ToAuthority { get; set; }

    public AuthorityTransferStatus Status { get; set; }

    /// <summary>"move" when the hub proposed it because the child's residence changed; "request" when a person proposed it.</summary>
    public required string Origin { get; set; }

    /// <summary>"hub" or the signed-in user who proposed it.</summary>
    public required string ProposedBy { get; set; }

    public DateTimeOffset ProposedAt { get; set; }

    /// <summary>The user who accepted for the authority the record comes from; null until then.</summary>
    public string? AcceptedByFrom { get; set; }

    public DateTimeOffset? AcceptedByFromAt { get; set; }

    /// <summary>The user who accepted for the authority the record goes to; null until then.</summary>
    public string? AcceptedByTo { get; set; }

    public DateTimeOffset? AcceptedByToAt { get; set; }

    /// <summary>When it stopped being pending (completed, declined or superseded).</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Who closed it: "hub", or the user who gave the last acceptance or declined.</summary>
    public string? ClosedBy { get; set; }
}

internal sealed class AuthorityTransferConfiguration : IEntityTypeConfiguration<AuthorityTransfer>
{
    public void Configure(EntityTypeBuilder<AuthorityTransfer> e)
    {
        e.ToTable("authority_transfers");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.FromAuthority).HasMaxLength(100);
        e.Property(x => x.ToAuthority).HasMaxLength(100);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Origin).HasMaxLength(20);
        e.Property(x => x.ProposedBy).HasMaxLength(100);
        e.Property(x => x.AcceptedByFrom).HasMaxLength(100);
        e.Property(x => x.AcceptedByTo).HasMaxLength(100);
        e.Property(x => x.ClosedBy).HasMaxLength(100);
        e.HasIndex(x => new { x.ChildId, x.Status });
        e.HasIndex(x => new { x.Status, x.FromAuthority });
        e.HasIndex(x => new { x.Status, x.ToAuthority });
        e.HasOne<Linking.ChildRecord>().WithMany().HasForeignKey(x => x.ChildId).OnDelete(DeleteBehavior.Restrict);
    }
}
