namespace MirrorTower.Portal.Features.Mirroring.Model;

/// <summary>An EC2 instance; launching one creates its primary network interface.</summary>
public sealed class Instance
{
    public required string Id { get; init; }
    public required string SubnetId { get; init; }
    public required string InstanceType { get; set; }
    public required string Name { get; set; }
}

/// <summary>An elastic network interface with its primary private IPv4 address and its IPv6 addresses.</summary>
public sealed class NetworkInterface
{
    public required string Id { get; init; }
    public required string SubnetId { get; init; }
    public required string PrivateIpAddress { get; init; }
    public List<NetworkInterfaceIpv6Address> Ipv6Addresses { get; init; } = [];
    public string? InstanceId { get; set; }
    public int DeviceIndex { get; set; }
    public string Description { get; set; } = "";
}

/// <summary>
/// One IPv6 address of an ENI, in canonical text (RFC 5952). The address is the key: IPv6 addresses in a VPC are
/// globally unique, and the database, not only the code, refuses a second ENI with the same one.
/// </summary>
public sealed class NetworkInterfaceIpv6Address
{
    public required string Address { get; init; }
    public required string NetworkInterfaceId { get; init; }
}
