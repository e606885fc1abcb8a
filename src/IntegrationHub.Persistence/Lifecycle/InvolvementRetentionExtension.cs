using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Persistence.Lifecycle;

/// <summary>
/// A practitioner's extension of an ended involvement's retention (002 3.41-3.44): kept in the live record until
/// <see cref="RetainUntil"/> (at most five years after the end) while confirmed yearly. Without a row the involvement
/// leaves the view a year after its end (Domain/Lifecycle/InvolvementRetention).
/// </summary>
public sealed class InvolvementRetentionExtension
{
    /// <summary>The involvement (involvements.id); deleted with it.</summary>
    public Guid InvolvementId { get; set; }

    public DateOnly RetainUntil { get; set; }

    /// <summary>The day the practitioner set it: the first year of the extension counts from here.</summary>
    public DateOnly SetOn { get; set; }

    public DateOnly? LastConfirmedOn { get; set; }

    /// <summary>Who set or last confirmed it (the practitioner's user name).</summary>
    public required string SetBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class InvolvementRetentionExtensionConfiguration : IEntityTypeConfiguration<InvolvementRetentionExtension>
{
    public void Configure(EntityTypeBuilder<InvolvementRetentionExtension> e)
    {
        e.ToTable("involvement_retention");
        e.HasKey(x => x.InvolvementId);
        e.Property(x => x.InvolvementId).ValueGeneratedNever();
        e.Property(x => x.SetBy).HasMaxLength(100);
        e.HasOne<InvolvementRecord>().WithOne().HasForeignKey<InvolvementRetentionExtension>(x => x.InvolvementId).OnDelete(DeleteBehavior.Cascade);
    }
}
