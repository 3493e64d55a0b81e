namespace MirrorTower.Portal.Features.Mirroring.Model;

public enum LoadBalancerType
{
    Network,
    Gateway,
}

/// <summary>A Network or Gateway Load Balancer with its listeners ("UDP 4789") and the appliances behind it.</summary>
public sealed class LoadBalancer
{
    public required string Arn { get; init; }
    public required string Name { get; init; }
    public required string VpcId { get; init; }
    public LoadBalancerType Type { get; init; }

    /// <summary>The load balancer's address in its VPC, where mirrored copies are sent.</summary>
    public required string PrivateIpAddress { get; init; }

    public List<string> Listeners { get; set; } = [];
    public List<LoadBalancerAppliance> Appliances { get; set; } = [];
}

public sealed class LoadBalancerAppliance
{
    public long Id { get; init; }
    public required string LoadBalancerArn { get; init; }
    public required string InstanceId { get; init; }
    public bool Healthy { get; set; } = true;
}

/// <summary>A Gateway Load Balancer endpoint (<c>vpce-…</c>) in a subnet, sending to a Gateway Load Balancer's fleet.</summary>
public sealed class GatewayLoadBalancerEndpoint
{
    public required string Id { get; init; }
    public required string VpcId { get; init; }
    public required string SubnetId { get; init; }
    public required string ServiceLoadBalancerArn { get; init; }
    public required string PrivateIpAddress { get; init; }
}
