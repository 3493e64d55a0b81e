using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MirrorTower.Portal.Data.Cluster;

/// <summary>A running portal instance, as its heartbeat last wrote it; one whose heartbeat is older than a lease is gone.</summary>
public sealed class ClusterInstanceRecord
{
    public required string Id { get; init; }
    public DateTime StartedUtc { get; init; }
    public DateTime HeartbeatUtc { get; set; }
}

/// <summary>A duty one instance holds for the cluster (the leader's), until it expires unless renewed.</summary>
public sealed class ClusterLease
{
    public required string Name { get; init; }
    public required string Holder { get; set; }
    public DateTime ExpiresUtc { get; set; }
}

internal sealed class ClusterInstanceConfiguration : IEntityTypeConfiguration<ClusterInstanceRecord>
{
    public void Configure(EntityTypeBuilder<ClusterInstanceRecord> builder)
    {
        builder.ToTable("ClusterInstances");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasMaxLength(128);
    }
}

internal sealed class ClusterLeaseConfiguration : IEntityTypeConfiguration<ClusterLease>
{
    public void Configure(EntityTypeBuilder<ClusterLease> builder)
    {
        builder.ToTable("ClusterLeases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(64);
        builder.Property(l => l.Holder).HasMaxLength(128);
    }
}
