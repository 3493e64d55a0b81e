using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MirrorTower.Portal.Features.AccountFactory.Model;

namespace MirrorTower.Portal.Data.Configurations;

internal sealed class PortfolioConfiguration : IEntityTypeConfiguration<Portfolio>
{
    public void Configure(EntityTypeBuilder<Portfolio> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).UseCollation(PortalDbContext.CaseInsensitiveCollation);
        builder.HasIndex(p => p.Name).IsUnique();
        builder.Property(p => p.Principals).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());
        builder.Property(p => p.ProductIds).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).UseCollation(PortalDbContext.CaseInsensitiveCollation);
        builder.HasIndex(p => p.Name).IsUnique();
    }
}

internal sealed class ProvisioningArtifactConfiguration : IEntityTypeConfiguration<ProvisioningArtifact>
{
    public void Configure(EntityTypeBuilder<ProvisioningArtifact> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Parameters).HasConversion(JsonColumn.Converter<List<ParameterDefinition>>(), JsonColumn.Comparer<List<ParameterDefinition>>());
        builder.HasOne<Product>().WithMany().HasForeignKey(a => a.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CatalogConstraintConfiguration : IEntityTypeConfiguration<CatalogConstraint>
{
    public void Configure(EntityTypeBuilder<CatalogConstraint> builder)
    {
        builder.ToTable("CatalogConstraints");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.AllowedValues).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());
        builder.HasOne<Portfolio>().WithMany().HasForeignKey(c => c.PortfolioId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProvisionedProductConfiguration : IEntityTypeConfiguration<ProvisionedProduct>
{
    public void Configure(EntityTypeBuilder<ProvisionedProduct> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Status).HasConversion<string>();
        builder.Property(p => p.Taint).HasConversion<string>();
        builder.Property(p => p.Parameters).HasConversion(JsonColumn.Converter<Dictionary<string, string>>(), JsonColumn.Comparer<Dictionary<string, string>>());
        // Two launches with one e-mail at the same moment: the database lets exactly one hold it.
        builder.Property(p => p.ReservedEmail).UseCollation(PortalDbContext.CaseInsensitiveCollation);
        builder.HasIndex(p => p.ReservedEmail).IsUnique();
        builder.HasIndex(p => p.OwnerUserId);
        // A retried launch (same owner, same token) can never make a second product.
        builder.HasIndex(p => new { p.OwnerUserId, p.ProvisionToken }).IsUnique();
        builder.Property(p => p.ProvisionToken).HasMaxLength(128);
    }
}

internal sealed class ProvisioningRecordConfiguration : IEntityTypeConfiguration<ProvisioningRecord>
{
    public void Configure(EntityTypeBuilder<ProvisioningRecord> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Type).HasConversion<string>();
        builder.Property(r => r.Status).HasConversion<string>();
        builder.Property(r => r.Approval).HasConversion<string>();
        builder.Property(r => r.Parameters).HasConversion(JsonColumn.Converter<Dictionary<string, string>>(), JsonColumn.Comparer<Dictionary<string, string>>());
        builder.Property(r => r.LeaseHolder).HasMaxLength(128);
        builder.HasIndex(r => r.Status);
        builder.HasIndex(r => r.ProvisionedProductId);
        builder.HasMany(r => r.Steps).WithOne().HasForeignKey(s => s.RecordId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecordStepConfiguration : IEntityTypeConfiguration<RecordStep>
{
    public void Configure(EntityTypeBuilder<RecordStep> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Status).HasConversion<string>();
        builder.HasIndex(s => new { s.RecordId, s.Order }).IsUnique();
    }
}
