using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Persistence.Linking;

/// <summary>
/// What a fragment's source was last told in a mismatch notification: per disagreeing item, a fingerprint of the
/// source's own value at the time, so an unchanged item is not told again and a changed one is.
/// </summary>
public sealed class MismatchState
{
    public Guid FragmentId { get; set; }

    /// <summary>Item name → fingerprint (SHA-256 prefix of the normalised source value), JSON.</summary>
    public required string NotifiedJson { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class MismatchStateConfiguration : IEntityTypeConfiguration<MismatchState>
{
    public void Configure(EntityTypeBuilder<MismatchState> e)
    {
        e.ToTable("mismatch_states");
        e.HasKey(x => x.FragmentId);
        e.Property(x => x.FragmentId).ValueGeneratedNever();
        e.Property(x => x.NotifiedJson).HasMaxLength(2000);
    }
}
