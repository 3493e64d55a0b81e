using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MirrorTower.Portal.Features.Audit;

namespace MirrorTower.Portal.Data.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Actor).HasMaxLength(256);
        builder.Property(e => e.ActorId).HasMaxLength(64);
        builder.Property(e => e.Action).HasMaxLength(128);
        builder.Property(e => e.Target).HasMaxLength(512);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Reason).HasMaxLength(2048);
        builder.Property(e => e.Source).HasMaxLength(16);
        builder.Property(e => e.ClientIp).HasMaxLength(64);
        builder.Property(e => e.AccountId).HasMaxLength(12);
        builder.Property(e => e.PrincipalArn).HasMaxLength(2048);
        builder.Property(e => e.Region).HasMaxLength(32);
        builder.HasIndex(e => e.TimeUtc);
        builder.HasIndex(e => new { e.Actor, e.TimeUtc });
        builder.HasIndex(e => new { e.Action, e.TimeUtc });
    }
}
