using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Data.Configurations;

internal sealed class LandingZoneConfiguration : IEntityTypeConfiguration<LandingZone>
{
    public void Configure(EntityTypeBuilder<LandingZone> builder)
    {
        builder.HasKey(z => z.Id);
        builder.Property(z => z.GovernedRegions).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());
        builder.Ignore(z => z.HomeRegion);
    }
}

internal sealed class OrganizationalUnitConfiguration : IEntityTypeConfiguration<OrganizationalUnit>
{
    private const string ParentKey = "ParentKey";

    public void Configure(EntityTypeBuilder<OrganizationalUnit> builder)
    {
        builder.HasKey(o => o.Id);
        // OU names are unique under one parent whatever their case, as in AWS Organizations. Top-level OUs have no
        // parent (NULL), and NULLs never collide in a unique index, so the index is over a generated key instead.
        builder.Property(o => o.Name).HasMaxLength(128).UseCollation(PortalDbContext.CaseInsensitiveCollation);
        builder.Property<string>(ParentKey).HasComputedColumnSql("coalesce(\"ParentId\", '')", stored: false);
        builder.HasIndex(ParentKey, nameof(OrganizationalUnit.Name)).IsUnique();
        builder.HasIndex(o => o.ParentId);
    }
}

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Kind).HasConversion<string>();
        // An e-mail belongs to one account in the whole organization, whatever its case.
        builder.Property(a => a.Email).UseCollation(PortalDbContext.CaseInsensitiveCollation);
        builder.HasIndex(a => a.Email).IsUnique();
        builder.HasIndex(a => a.OuId);
    }
}

internal sealed class ScpPolicyConfiguration : IEntityTypeConfiguration<ScpPolicy>
{
    public void Configure(EntityTypeBuilder<ScpPolicy> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Kind).HasConversion<string>();
        builder.Property(p => p.Type).HasConversion<string>();
        builder.HasIndex(p => p.Name).IsUnique();
    }
}

internal sealed class OrganizationTagConfiguration : IEntityTypeConfiguration<OrganizationTag>
{
    public void Configure(EntityTypeBuilder<OrganizationTag> builder)
    {
        // One value per key per resource, held by the key, not by the code that checks it.
        builder.HasKey(t => new { t.ResourceId, t.Key });
        builder.Property(t => t.Key).HasMaxLength(128);
        builder.Property(t => t.Value).HasMaxLength(256);
    }
}

internal sealed class PolicyAttachmentConfiguration : IEntityTypeConfiguration<PolicyAttachment>
{
    public void Configure(EntityTypeBuilder<PolicyAttachment> builder)
    {
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => new { a.TargetId, a.PolicyId }).IsUnique();
    }
}

internal sealed class EnabledControlConfiguration : IEntityTypeConfiguration<EnabledControl>
{
    public void Configure(EntityTypeBuilder<EnabledControl> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Status).HasConversion<string>();
        builder.Property(c => c.Parameters).HasConversion(JsonColumn.Converter<Dictionary<string, string[]>>(), JsonColumn.Comparer<Dictionary<string, string[]>>());
        builder.HasIndex(c => new { c.OuId, c.ControlIdentifier }).IsUnique();
    }
}

internal sealed class ControlOperationConfiguration : IEntityTypeConfiguration<ControlOperation>
{
    public void Configure(EntityTypeBuilder<ControlOperation> builder)
    {
        builder.HasKey(o => o.Id);
        builder.Property(o => o.OperationType).HasConversion<string>();
        builder.Property(o => o.Status).HasConversion<string>();
        builder.Property(o => o.Parameters).HasConversion(JsonColumn.Converter<Dictionary<string, string[]>>(), JsonColumn.Comparer<Dictionary<string, string[]>>());
        builder.HasIndex(o => o.StartUtc);
    }
}

internal sealed class AccountResourceConfiguration : IEntityTypeConfiguration<AccountResource>
{
    public void Configure(EntityTypeBuilder<AccountResource> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Properties).HasConversion(JsonColumn.Converter<Dictionary<string, string>>(), JsonColumn.Comparer<Dictionary<string, string>>());
        builder.HasIndex(r => new { r.AccountId, r.Arn }).IsUnique();
    }
}

/// <summary>Small values stored as a JSON text column.</summary>
internal static class JsonColumn
{
    public static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<T, string> Converter<T>() where T : new() =>
        new(value => JsonSerializer.Serialize(value, (JsonSerializerOptions?)null),
            text => JsonSerializer.Deserialize<T>(text, (JsonSerializerOptions?)null) ?? new T());

    public static ValueComparer<T> Comparer<T>() where T : new() =>
        new((a, b) => JsonSerializer.Serialize(a, (JsonSerializerOptions?)null) == JsonSerializer.Serialize(b, (JsonSerializerOptions?)null),
            value => JsonSerializer.Serialize(value, (JsonSerializerOptions?)null).GetHashCode(),
            value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, (JsonSerializerOptions?)null), (JsonSerializerOptions?)null) ?? new T());
}
