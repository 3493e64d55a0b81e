using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Data.Configurations;

internal sealed class VpcConfiguration : IEntityTypeConfiguration<Vpc>
{
    public void Configure(EntityTypeBuilder<Vpc> builder)
    {
        builder.HasKey(v => v.Id);
        builder.HasIndex(v => new { v.AccountId, v.Region });
        builder.HasIndex(v => v.Ipv6CidrBlock).IsUnique();
    }
}

internal sealed class SubnetConfiguration : IEntityTypeConfiguration<Subnet>
{
    public void Configure(EntityTypeBuilder<Subnet> builder)
    {
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.Ipv6CidrBlock).IsUnique();
        builder.HasOne<Vpc>().WithMany().HasForeignKey(s => s.VpcId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InstanceConfiguration : IEntityTypeConfiguration<Instance>
{
    public void Configure(EntityTypeBuilder<Instance> builder)
    {
        builder.HasKey(i => i.Id);
        builder.HasOne<Subnet>().WithMany().HasForeignKey(i => i.SubnetId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NetworkInterfaceConfiguration : IEntityTypeConfiguration<NetworkInterface>
{
    public void Configure(EntityTypeBuilder<NetworkInterface> builder)
    {
        builder.HasKey(e => e.Id);
        // An address is held by one interface of its subnet: explicit addresses make this a rule to enforce, not a habit.
        builder.HasIndex(e => new { e.SubnetId, e.PrivateIpAddress }).IsUnique();
        builder.HasOne<Subnet>().WithMany().HasForeignKey(e => e.SubnetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Instance>().WithMany().HasForeignKey(e => e.InstanceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Ipv6Addresses).WithOne().HasForeignKey(a => a.NetworkInterfaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NetworkInterfaceIpv6AddressConfiguration : IEntityTypeConfiguration<NetworkInterfaceIpv6Address>
{
    public void Configure(EntityTypeBuilder<NetworkInterfaceIpv6Address> builder)
    {
        builder.HasKey(a => a.Address);
        builder.HasIndex(a => a.NetworkInterfaceId);
    }
}

internal sealed class LoadBalancerConfiguration : IEntityTypeConfiguration<LoadBalancer>
{
    public void Configure(EntityTypeBuilder<LoadBalancer> builder)
    {
        builder.HasKey(l => l.Arn);
        builder.Property(l => l.Type).HasConversion<string>();
        builder.Property(l => l.Listeners).HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>());
        builder.HasOne<Vpc>().WithMany().HasForeignKey(l => l.VpcId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(l => l.Appliances).WithOne().HasForeignKey(a => a.LoadBalancerArn).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LoadBalancerApplianceConfiguration : IEntityTypeConfiguration<LoadBalancerAppliance>
{
    public void Configure(EntityTypeBuilder<LoadBalancerAppliance> builder)
    {
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => new { a.LoadBalancerArn, a.InstanceId }).IsUnique();
        builder.HasOne<Instance>().WithMany().HasForeignKey(a => a.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GatewayLoadBalancerEndpointConfiguration : IEntityTypeConfiguration<GatewayLoadBalancerEndpoint>
{
    public void Configure(EntityTypeBuilder<GatewayLoadBalancerEndpoint> builder)
    {
        builder.HasKey(e => e.Id);
        builder.HasOne<Subnet>().WithMany().HasForeignKey(e => e.SubnetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LoadBalancer>().WithMany().HasForeignKey(e => e.ServiceLoadBalancerArn).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VpcPeeringConfiguration : IEntityTypeConfiguration<VpcPeering>
{
    public void Configure(EntityTypeBuilder<VpcPeering> builder)
    {
        builder.HasKey(p => p.Id);
        builder.HasOne<Vpc>().WithMany().HasForeignKey(p => p.RequesterVpcId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Vpc>().WithMany().HasForeignKey(p => p.AccepterVpcId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TransitGatewayAttachmentConfiguration : IEntityTypeConfiguration<TransitGatewayAttachment>
{
    public void Configure(EntityTypeBuilder<TransitGatewayAttachment> builder)
    {
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => new { a.TransitGatewayId, a.VpcId }).IsUnique();
        builder.HasOne<Vpc>().WithMany().HasForeignKey(a => a.VpcId).OnDelete(DeleteBehavior.Cascade);
    }
}
