using System.Net;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Engine.Simulation;
using MirrorTower.Portal.Features.Mirroring.Network;
using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Features.Simulation;

/// <summary>The simulator's view of the organization's mirroring: the chosen source ENIs, every session, filter and target.</summary>
public static class SimulationSetupFactory
{
    /// <summary>Instances whose type gives no bandwidth (none in practice: types are validated) get 1 Gbps.</summary>
    private const long DefaultBandwidth = 1_000_000_000;

    public static SimulationSetup Build(NetworkSnapshot network, IReadOnlyList<string> sourceEniIds)
    {
        var enis = sourceEniIds.Select(id => network.Enis[id]).Select(e =>
        {
            var vpc = network.VpcOfEni(e)!;
            var instance = e.InstanceId is { } i ? network.Instances.GetValueOrDefault(i) : null;
            return new SimEni(e.Id, instance?.Name ?? e.Id, Ipv4(e.PrivateIpAddress), e.InstanceId,
                InstanceBandwidth.BitsPerSecond(instance?.InstanceType) ?? DefaultBandwidth, (uint)Cidr.Parse(vpc.CidrBlock).Network + 2,
                e.Ipv6Addresses.Count == 0 ? null : [.. e.Ipv6Addresses.Select(a => Cidr.ToNumber(IPAddress.Parse(a.Address)))]);
        }).ToList();
        var targets = network.Targets.Values.OrderBy(t => t.Id).Select(t => Target(network, t)).ToList();
        var filters = network.Filters.Values.ToDictionary(f => f.Id, network.ToEngine);
        return new SimulationSetup(enis, network.Sessions.Values.Select(NetworkSnapshot.ToEngine).ToList(), filters, targets);
    }

    private static SimTarget Target(NetworkSnapshot network, Mirroring.Model.TrafficMirrorTargetEntity target)
    {
        var facts = network.FactsOf(target);
        var balancer = target.NetworkLoadBalancerArn is { } arn ? network.LoadBalancers.GetValueOrDefault(arn)
            : target.GatewayLoadBalancerEndpointId is { } id && network.Endpoints.TryGetValue(id, out var endpoint) ? network.LoadBalancers.GetValueOrDefault(endpoint.ServiceLoadBalancerArn)
            : null;
        var address = target.NetworkInterfaceId is { } eni ? network.Enis.GetValueOrDefault(eni)?.PrivateIpAddress
            : target.GatewayLoadBalancerEndpointId is { } endpointId ? network.Endpoints.GetValueOrDefault(endpointId)?.PrivateIpAddress
            : balancer?.PrivateIpAddress;
        var appliances = balancer?.Appliances.Select(a => new SimAppliance(a.InstanceId, network.Instances.GetValueOrDefault(a.InstanceId)?.Name ?? a.InstanceId,
            Ipv4(network.Enis.Values.FirstOrDefault(e => e.InstanceId == a.InstanceId && e.DeviceIndex == 0)?.PrivateIpAddress), a.Healthy)).ToList() ?? [];
        var accepts = TargetChecks.DeliversVxlan(facts);
        var label = target.NetworkInterfaceId ?? balancer?.Name ?? target.GatewayLoadBalancerEndpointId ?? target.Id;
        return new SimTarget(target.Id, label, facts.Type, Ipv4(address), appliances, accepts);
    }

    private static uint Ipv4(string? address) =>
        address is not null && IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? (uint)Cidr.ToNumber(ip) : 0;
}
