using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Features.Mirroring.Network;

// What the REST API and the pages are given about the network: records, never the EF entities. The entities hold
// AWS's own names (Vpc, Subnet, ...), so the records are their summaries.

public sealed record VpcSummary(string Id, string AccountId, string Region, string CidrBlock, string? Ipv6CidrBlock, string Name)
{
    public static VpcSummary From(Vpc vpc) => new(vpc.Id, vpc.AccountId, vpc.Region, vpc.CidrBlock, vpc.Ipv6CidrBlock, vpc.Name);
}

public sealed record SubnetSummary(string Id, string VpcId, string AvailabilityZone, string CidrBlock, string? Ipv6CidrBlock, string Name)
{
    public static SubnetSummary From(Subnet subnet) => new(subnet.Id, subnet.VpcId, subnet.AvailabilityZone, subnet.CidrBlock, subnet.Ipv6CidrBlock, subnet.Name);
}

public sealed record VpcPeeringSummary(string Id, string RequesterVpcId, string AccepterVpcId)
{
    public static VpcPeeringSummary From(VpcPeering peering) => new(peering.Id, peering.RequesterVpcId, peering.AccepterVpcId);
}

public sealed record TransitGatewayAttachmentSummary(string Id, string TransitGatewayId, string VpcId)
{
    public static TransitGatewayAttachmentSummary From(TransitGatewayAttachment attachment) => new(attachment.Id, attachment.TransitGatewayId, attachment.VpcId);
}

public sealed record InstanceSummary(string Id, string SubnetId, string InstanceType, string Name)
{
    public static InstanceSummary From(Instance instance) => new(instance.Id, instance.SubnetId, instance.InstanceType, instance.Name);
}

public sealed record NetworkInterfaceSummary(string Id, string SubnetId, string PrivateIpAddress, IReadOnlyList<string> Ipv6Addresses, string? InstanceId, int DeviceIndex, string Description)
{
    public static NetworkInterfaceSummary From(NetworkInterface eni) =>
        new(eni.Id, eni.SubnetId, eni.PrivateIpAddress, [.. eni.Ipv6Addresses.Select(a => a.Address).Order(StringComparer.Ordinal)], eni.InstanceId, eni.DeviceIndex, eni.Description);
}

public sealed record ApplianceSummary(string InstanceId, bool Healthy);

public sealed record LoadBalancerSummary(string Arn, string Name, string VpcId, LoadBalancerType Type, string PrivateIpAddress,
    IReadOnlyList<string> Listeners, IReadOnlyList<ApplianceSummary> Appliances)
{
    public static LoadBalancerSummary From(LoadBalancer balancer) => new(balancer.Arn, balancer.Name, balancer.VpcId, balancer.Type,
        balancer.PrivateIpAddress, [.. balancer.Listeners], [.. balancer.Appliances.Select(a => new ApplianceSummary(a.InstanceId, a.Healthy))]);
}

public sealed record GatewayLoadBalancerEndpointSummary(string Id, string VpcId, string SubnetId, string ServiceLoadBalancerArn, string PrivateIpAddress)
{
    public static GatewayLoadBalancerEndpointSummary From(GatewayLoadBalancerEndpoint endpoint) =>
        new(endpoint.Id, endpoint.VpcId, endpoint.SubnetId, endpoint.ServiceLoadBalancerArn, endpoint.PrivateIpAddress);
}
