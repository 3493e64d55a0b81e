using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MirrorTower.Portal.Features.AccessKeys;
using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Data.Configurations;

internal sealed class TrafficMirrorFilterConfiguration : IEntityTypeConfiguration<TrafficMirrorFilterEntity>
{
    public void Configure(EntityTypeBuilder<TrafficMirrorFilterEntity> builder)
    {
        builder.ToTable("TrafficMirrorFilters");
        builder.HasKey(f => f.Id);
        builder.HasIndex(f => new { f.AccountId, f.Region });
        builder.Property(f => f.Tags).HasConversion(JsonColumn.Converter<List<ResourceTag>>(), JsonColumn.Comparer<List<ResourceTag>>());
        builder.HasMany(f => f.Rules).WithOne().HasForeignKey(r => r.FilterId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TrafficMirrorFilterRuleConfiguration : IEntityTypeConfiguration<TrafficMirrorFilterRuleEntity>
{
    public void Configure(EntityTypeBuilder<TrafficMirrorFilterRuleEntity> builder)
    {
        builder.ToTable("TrafficMirrorFilterRules");
        builder.HasKey(r => r.Id);
        // The database backs the service's check: a rule number is used once per direction of a filter.
        builder.HasIndex(r => new { r.FilterId, r.Direction, r.RuleNumber }).IsUnique();
    }
}

internal sealed class TrafficMirrorTargetConfiguration : IEntityTypeConfiguration<TrafficMirrorTargetEntity>
{
    public void Configure(EntityTypeBuilder<TrafficMirrorTargetEntity> builder)
    {
        builder.ToTable("TrafficMirrorTargets");
        builder.HasKey(t => t.Id);
        builder.HasIndex(t => new { t.AccountId, t.Region });
        builder.Property(t => t.Tags).HasConversion(JsonColumn.Converter<List<ResourceTag>>(), JsonColumn.Comparer<List<ResourceTag>>());
    }
}

internal sealed class TrafficMirrorSessionConfiguration : IEntityTypeConfiguration<TrafficMirrorSessionEntity>
{
    public void Configure(EntityTypeBuilder<TrafficMirrorSessionEntity> builder)
    {
        builder.ToTable("TrafficMirrorSessions");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => new { s.AccountId, s.Region });
        builder.HasIndex(s => new { s.NetworkInterfaceId, s.SessionNumber }).IsUnique();
        builder.Property(s => s.Tags).HasConversion(JsonColumn.Converter<List<ResourceTag>>(), JsonColumn.Comparer<List<ResourceTag>>());
        // Deleting a source ENI deletes its sessions (the reference); a filter or target in use cannot be deleted.
        builder.HasOne<NetworkInterface>().WithMany().HasForeignKey(s => s.NetworkInterfaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<TrafficMirrorFilterEntity>().WithMany().HasForeignKey(s => s.FilterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TrafficMirrorTargetEntity>().WithMany().HasForeignKey(s => s.TargetId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AccessKeyConfiguration : IEntityTypeConfiguration<AccessKey>
{
    public void Configure(EntityTypeBuilder<AccessKey> builder)
    {
        builder.HasKey(k => k.Id);
        builder.HasIndex(k => k.UserId);
        builder.Ignore(k => k.IsActive);
    }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<Features.Mirroring.Ec2.IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<Features.Mirroring.Ec2.IdempotentRequest> builder)
    {
        builder.HasKey(r => r.Key);
        builder.Property(r => r.Key).HasMaxLength(128);
        builder.HasIndex(r => r.CreatedUtc);
    }
}
