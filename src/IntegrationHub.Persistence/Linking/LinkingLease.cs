using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Persistence.Linking;

/// <summary>
/// One row that every linking transaction updates first: the row lock serialises linking across batches and hub
/// instances (two fragments of one new child cannot both create a record), and its version orders the
/// <see cref="ChildLink.Revision"/> values so each instance can bring its in-memory match index up to date.
/// </summary>
public sealed class LinkingLease
{
    public const int SingleId = 1;
    public int Id { get; set; }
    public long Version { get; set; }
}

internal sealed class LinkingLeaseConfiguration : IEntityTypeConfiguration<LinkingLease>
{
    public void Configure(EntityTypeBuilder<LinkingLease> e)
    {
        e.ToTable("linking_lease");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasData(new LinkingLease { Id = LinkingLease.SingleId, Version = 0 });
    }
}
