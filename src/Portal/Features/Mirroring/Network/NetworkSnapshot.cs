using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Features.Mirroring.Network;

/// <summary>
/// Every network and mirroring object of the organization, read at once and indexed by id: validation, views and
/// the engine's topology all work from one consistent read (the model is small: thousands of rows, not millions).
/// </summary>
public sealed class NetworkSnapshot
{
    public required IReadOnlyDictionary<string, Vpc> Vpcs { get; init; }
    public required IReadOnlyDictionary<string, Subnet> Subnets { get; init; }
    public required IReadOnlyDictionary<string, Instance> Instances { get; init; }
    public required IReadOnlyDictionary<string, NetworkInterface> Enis { get; init; }
    public required IReadOnlyDictionary<string, LoadBalancer> LoadBalancers { get; init; }
    public required IReadOnlyDictionary<string, GatewayLoadBalancerEndpoint> Endpoints { get; init; }
    public required IReadOnlyList<VpcPeering> Peerings { get; init; }
    public required IReadOnlyList<TransitGatewayAttachment> Attachments { get; init; }
    public required IReadOnlyDictionary<string, TrafficMirrorFilterEntity> Filters { get; init; }
    public required IReadOnlyDictionary<string, TrafficMirrorTargetEntity> Targets { get; init; }
    public required IReadOnlyDictionary<string, TrafficMirrorSessionEntity> Sessions { get; init; }

    /// <summary>
    /// Makes an object created earlier in the same batch (an import) visible to the validation of the next ones. The
    /// dictionaries are the ones <see cref="LoadAsync"/> built.
    /// </summary>
    internal void Remember(TrafficMirrorFilterEntity filter) => ((Dictionary<string, TrafficMirrorFilterEntity>)Filters)[filter.Id] = filter;

    internal void Remember(TrafficMirrorTargetEntity target) => ((Dictionary<string, TrafficMirrorTargetEntity>)Targets)[target.Id] = target;

    internal void Remember(TrafficMirrorSessionEntity session) => ((Dictionary<string, TrafficMirrorSessionEntity>)Sessions)[session.Id] = session;

    public static async Task<NetworkSnapshot> LoadAsync(PortalDbContext db, CancellationToken cancellationToken = default) => new()
    {
        Vpcs = await db.Vpcs.AsNoTracking().ToDictionaryAsync(v => v.Id, cancellationToken),
        Subnets = await db.Subnets.AsNoTracking().ToDictionaryAsync(s => s.Id, cancellationToken),
        Instances = await db.Instances.AsNoTracking().ToDictionaryAsync(i => i.Id, cancellationToken),
        Enis = await db.NetworkInterfaces.AsNoTracking().Include(e => e.Ipv6Addresses).ToDictionaryAsync(e => e.Id, cancellationToken),
        LoadBalancers = await db.LoadBalancers.AsNoTracking().Include(l => l.Appliances).ToDictionaryAsync(l => l.Arn, cancellationToken),
        Endpoints = await db.GatewayLoadBalancerEndpoints.AsNoTracking().ToDictionaryAsync(e => e.Id, cancellationToken),
        Peerings = await db.VpcPeerings.AsNoTracking().ToListAsync(cancellationToken),
        Attachments = await db.TransitGatewayAttachments.AsNoTracking().ToListAsync(cancellationToken),
        Filters = await db.TrafficMirrorFilters.AsNoTracking().Include(f => f.Rules).ToDictionaryAsync(f => f.Id, cancellationToken),
        Targets = await db.TrafficMirrorTargets.AsNoTracking().ToDictionaryAsync(t => t.Id, cancellationToken),
        Sessions = await db.TrafficMirrorSessions.AsNoTracking().ToDictionaryAsync(s => s.Id, cancellationToken),
    };

    public Vpc? VpcOfSubnet(string subnetId) => Subnets.TryGetValue(subnetId, out var subnet) ? Vpcs.GetValueOrDefault(subnet.VpcId) : null;

    public Vpc? VpcOfEni(NetworkInterface eni) => VpcOfSubnet(eni.SubnetId);

    public string? InstanceTypeOf(NetworkInterface eni) => eni.InstanceId is { } id && Instances.TryGetValue(id, out var instance) ? instance.InstanceType : null;

    public IEnumerable<NetworkInterface> EnisIn(string accountId, string region) =>
        Enis.Values.Where(e => VpcOfEni(e) is { } vpc && vpc.AccountId == accountId && vpc.Region == region);

    /// <summary>The VPC a target sends into: its ENI's, its load balancer's or its endpoint's; null when that resource is gone.</summary>
    public string? VpcOfTarget(TrafficMirrorTargetEntity target) =>
        target.NetworkInterfaceId is { } eni ? (Enis.TryGetValue(eni, out var e) ? VpcOfEni(e)?.Id : null)
        : target.NetworkLoadBalancerArn is { } arn ? LoadBalancers.GetValueOrDefault(arn)?.VpcId
        : target.GatewayLoadBalancerEndpointId is { } id ? Endpoints.GetValueOrDefault(id)?.VpcId
        : null;

    public NetworkTopology Topology() => new(
        Enis.Values.Select(e => VpcOfEni(e) is { } vpc ? new EniInfo(e.Id, vpc.AccountId, vpc.Id, InstanceTypeOf(e), e.PrivateIpAddress) : null).OfType<EniInfo>(),
        Targets.Values.Select(t => new TargetInfo(t.Id, TargetTypes.Parse(t.Type), VpcOfTarget(t) ?? "(deleted)", t.AccountId, t.NetworkInterfaceId)),
        Peerings.Select(p => (p.RequesterVpcId, p.AccepterVpcId)),
        Attachments.Select(a => (a.TransitGatewayId, a.VpcId)));

    /// <summary>The facts the target checks need: listeners and fleet for load balancers, whether the resource still exists.</summary>
    public TargetFacts FactsOf(TrafficMirrorTargetEntity target)
    {
        var type = TargetTypes.Parse(target.Type);
        var balancer = target.NetworkLoadBalancerArn is { } arn ? LoadBalancers.GetValueOrDefault(arn)
            : target.GatewayLoadBalancerEndpointId is { } id && Endpoints.TryGetValue(id, out var endpoint) ? LoadBalancers.GetValueOrDefault(endpoint.ServiceLoadBalancerArn)
            : null;
        var listeners = balancer?.Listeners.Select(ListenerText.Parse).OfType<Listener>().ToList() ?? [];
        var appliances = balancer?.Appliances.Select(a => new Appliance(a.InstanceId, a.Healthy)).ToList() ?? [];
        return new TargetFacts(type, listeners, appliances, VpcOfTarget(target) is not null);
    }

    public MirrorFilter ToEngine(TrafficMirrorFilterEntity filter) =>
        new(filter.Id, filter.Rules.Select(RuleMapping.ToEngine).ToList(), filter.AmazonDns, filter.Description);

    public static MirrorSession ToEngine(TrafficMirrorSessionEntity session) =>
        new(session.Id, session.NetworkInterfaceId, session.TargetId, session.FilterId, session.SessionNumber, session.VirtualNetworkId, session.PacketLength);
}
