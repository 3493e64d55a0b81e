namespace MirrorTower.Portal.Features.Mirroring.Network;

// Bodies of the network API and forms of the network page. Every field is optional here so that the server,
// not the deserializer, names what is missing.

/// <summary>IPv6 as CreateVpc takes it: <c>amazonProvidedIpv6CidrBlock</c> (a /56 is assigned) or an explicit <c>ipv6CidrBlock</c> /56.</summary>
public sealed record NewVpc(string? Name, string? CidrBlock, bool? AmazonProvidedIpv6CidrBlock = null, string? Ipv6CidrBlock = null);

/// <summary><c>ipv6CidrBlock</c>, a /64 of the VPC's /56, makes the subnet dual-stack.</summary>
public sealed record NewSubnet(string? VpcId, string? Name, string? CidrBlock, string? AvailabilityZone, string? Ipv6CidrBlock = null);

/// <summary>In a dual-stack subnet the primary interface gets one IPv6 address, or <c>ipv6AddressCount</c> of them (0 for none).</summary>
public sealed record NewInstance(string? SubnetId, string? Name, string? InstanceType, int? Ipv6AddressCount = null);

/// <summary>
/// As CreateNetworkInterface takes it: an explicit <c>privateIpAddress</c> or the next free one; explicit
/// <c>ipv6Addresses</c> or <c>ipv6AddressCount</c> assigned ones (not both); in a dual-stack subnet one by default.
/// </summary>
public sealed record NewNetworkInterface(string? SubnetId, string? Description, string? InstanceId = null, string? PrivateIpAddress = null,
    IReadOnlyList<string>? Ipv6Addresses = null, int? Ipv6AddressCount = null);

/// <summary>Type is <c>network</c> or <c>gateway</c>; listeners as "UDP 4789"; appliances are instance ids of the same VPC.</summary>
public sealed record NewLoadBalancer(string? SubnetId, string? Name, string? Type, IReadOnlyList<string>? Listeners, IReadOnlyList<string>? ApplianceInstanceIds);

public sealed record LoadBalancerChange(IReadOnlyList<string>? Listeners, IReadOnlyList<string>? ApplianceInstanceIds, IReadOnlyList<string>? UnhealthyInstanceIds);

public sealed record NewGatewayLoadBalancerEndpoint(string? SubnetId, string? ServiceLoadBalancerArn);

public sealed record NewVpcPeering(string? RequesterVpcId, string? AccepterVpcId);

public sealed record NewTransitGatewayAttachment(string? TransitGatewayId, string? VpcId);
