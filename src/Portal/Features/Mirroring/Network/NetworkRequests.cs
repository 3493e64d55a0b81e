namespace MirrorTower.Portal.Features.Mirroring.Network;

// Bodies of the network API and forms of the network page. Every field is optional here so that the server,
// not the deserializer, names what is missing.

public sealed record NewVpc(string? Name, string? CidrBlock);

public sealed record NewSubnet(string? VpcId, string? Name, string? CidrBlock, string? AvailabilityZone);

public sealed record NewInstance(string? SubnetId, string? Name, string? InstanceType);

public sealed record NewNetworkInterface(string? SubnetId, string? Description, string? InstanceId = null);

/// <summary>Type is <c>network</c> or <c>gateway</c>; listeners as "UDP 4789"; appliances are instance ids of the same VPC.</summary>
public sealed record NewLoadBalancer(string? SubnetId, string? Name, string? Type, IReadOnlyList<string>? Listeners, IReadOnlyList<string>? ApplianceInstanceIds);

public sealed record LoadBalancerChange(IReadOnlyList<string>? Listeners, IReadOnlyList<string>? ApplianceInstanceIds, IReadOnlyList<string>? UnhealthyInstanceIds);

public sealed record NewGatewayLoadBalancerEndpoint(string? SubnetId, string? ServiceLoadBalancerArn);

public sealed record NewVpcPeering(string? RequesterVpcId, string? AccepterVpcId);

public sealed record NewTransitGatewayAttachment(string? TransitGatewayId, string? VpcId);
