using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Persistence.Linking;

/// <summary>A fragment held for a data administrator: a possible match, with the candidates and per-field evidence (never values).</summary>
public sealed class ReviewItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FragmentId { get; set; }

    /// <summary>A fingerprint of the child details held: an unusable verdict stands until the source sends different details.</summary>
    public string? DetailsFingerprint { get; set; }

    public required string SourceId { get; set; }
    public required string SourceChildId { get; set; }
    public ReviewStatus Status { get; set; }

    /// <summary>Why it was held (the engine's sentence).</summary>
    public required string Reason { get; set; }

    /// <summary>Candidate children with probability, weight and evidence per comparator, JSON.</summary>
    public required string CandidatesJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public ReviewResolution? Resolution { get; set; }
    public Guid? ResolvedChildId { get; set; }
    public string? ResolutionNote { get; set; }
}

public enum ReviewStatus
{
    Open = 0,
    Resolved = 1,
}

public enum ReviewResolution
{
    /// <summary>Linked to one of the candidates (or another existing child).</summary>
    Linked = 0,

    /// <summary>A new child record was created for it.</summary>
    NewRecord = 1,

    /// <summary>Reported back to the source as unusable; it stays unlinked until the source sends corrected data.</summary>
    Unusable = 2,
}

internal sealed class ReviewItemConfiguration : IEntityTypeConfiguration<ReviewItem>
{
    public void Configure(EntityTypeBuilder<ReviewItem> e)
    {
        e.ToTable("review_items");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.SourceId).HasMaxLength(63);
        e.Property(x => x.SourceChildId).HasMaxLength(64);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.ResolvedBy).HasMaxLength(100);
        e.Property(x => x.DetailsFingerprint).HasMaxLength(16);
        e.Property(x => x.ResolutionNote).HasMaxLength(1000);
        e.HasIndex(x => new { x.Status, x.CreatedAt });
        e.HasIndex(x => x.FragmentId);
    }
}
