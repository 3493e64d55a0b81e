namespace MirrorTower.Portal.Features.Mirroring.Model;

/// <summary>A VPC of one account in one Region.</summary>
public sealed class Vpc
{
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string Region { get; init; }
    public required string CidrBlock { get; init; }

    /// <summary>The VPC's IPv6 /56, Amazon-provided or given; null for an IPv4-only VPC.</summary>
    public string? Ipv6CidrBlock { get; init; }

    public required string Name { get; set; }
}

/// <summary>A subnet: always an IPv4 block (IPv6-only subnets cannot hold a mirror source), and a /64 when its VPC has IPv6.</summary>
public sealed class Subnet
{
    public required string Id { get; init; }
    public required string VpcId { get; init; }
    public required string AvailabilityZone { get; init; }
    public required string CidrBlock { get; init; }
    public string? Ipv6CidrBlock { get; init; }
    public required string Name { get; set; }
}

/// <summary>An intra-Region VPC peering; not transitive.</summary>
public sealed class VpcPeering
{
    public required string Id { get; init; }
    public required string RequesterVpcId { get; init; }
    public required string AccepterVpcId { get; init; }
}

/// <summary>A VPC attached to a transit gateway; every VPC attached to the same gateway reaches every other.</summary>
public sealed class TransitGatewayAttachment
{
    public required string Id { get; init; }
    public required string TransitGatewayId { get; init; }
    public required string VpcId { get; init; }
}
