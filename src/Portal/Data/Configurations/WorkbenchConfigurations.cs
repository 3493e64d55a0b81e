using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MirrorTower.Portal.Features.Workbench;

namespace MirrorTower.Portal.Data.Configurations;

internal sealed class PolicyTestSuiteConfiguration : IEntityTypeConfiguration<PolicyTestSuite>
{
    public void Configure(EntityTypeBuilder<PolicyTestSuite> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Enforcement).HasConversion<string>();
        builder.HasIndex(s => s.Name).IsUnique();
        builder.HasMany(s => s.Cases).WithOne().HasForeignKey(c => c.SuiteId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PolicyTestCaseConfiguration : IEntityTypeConfiguration<PolicyTestCase>
{
    public void Configure(EntityTypeBuilder<PolicyTestCase> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Expected).HasConversion<string>();
    }
}
