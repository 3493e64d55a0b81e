using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MirrorTower.Portal.Features.Compliance;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Data.Configurations;

internal sealed class ComplianceResultConfiguration : IEntityTypeConfiguration<ComplianceResult>
{
    public void Configure(EntityTypeBuilder<ComplianceResult> builder)
    {
        builder.ToTable("ComplianceResults");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Compliance).HasConversion<string>().HasMaxLength(16);
        // A deleted resource takes its results with it.
        builder.HasOne<AccountResource>().WithMany().HasForeignKey(r => r.ResourceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.ResourceId, r.ControlIdentifier }).IsUnique();
        builder.HasIndex(r => new { r.Compliance, r.ControlIdentifier });
        builder.HasIndex(r => new { r.AccountId, r.Compliance });
    }
}
