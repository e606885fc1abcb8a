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

    /// <summary>
    /// The lapse day the source was last asked to confirm before (the nightly retention job, ADR 0012): the prompt for a
    /// day goes once. A concurrency token, so two hub instances cannot both send it.
    /// </summary>
    public DateOnly? PromptedFor { get; set; }

    /// <summary>
    /// The day the extension ran out (not re-confirmed, or its retain-until day reached) and the involvement left the
    /// record, set by the nightly job with its audit entry; null while it holds. A concurrency token, like PromptedFor.
    /// </summary>
    public DateOnly? LapsedOn { get; set; }

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
        e.Property(x => x.PromptedFor).IsConcurrencyToken();
        e.Property(x => x.LapsedOn).IsConcurrencyToken();
        e.HasOne<InvolvementRecord>().WithOne().HasForeignKey<InvolvementRetentionExtension>(x => x.InvolvementId).OnDelete(DeleteBehavior.Cascade);
    }
}
