using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Mirroring.Model;
using MirrorTower.Portal.Features.Organization;

namespace MirrorTower.Portal.Features.Mirroring.Network;

public sealed record InstanceView(InstanceSummary Instance, string VpcId, string AccountId, string Region, long? BandwidthBitsPerSecond, string Bandwidth, bool EligibleSource, string Eligibility);

public sealed record LoadBalancerView(LoadBalancerSummary LoadBalancer, string AccountId, string Region, IReadOnlyList<MirroringProblem> Warnings);

public sealed record VpcView(VpcSummary Vpc, string AccountName, IReadOnlyList<SubnetSummary> Subnets, IReadOnlyList<string> PeeredWith, IReadOnlyList<string> TransitGateways);

/// <summary>The whole network model as the network page and <c>GET /api/v1/network</c> show it.</summary>
public sealed record NetworkModelView(
    IReadOnlyList<VpcView> Vpcs,
    IReadOnlyList<InstanceView> Instances,
    IReadOnlyList<NetworkInterfaceSummary> NetworkInterfaces,
    IReadOnlyList<LoadBalancerView> LoadBalancers,
    IReadOnlyList<GatewayLoadBalancerEndpointSummary> GatewayLoadBalancerEndpoints,
    IReadOnlyList<VpcPeeringSummary> VpcPeerings,
    IReadOnlyList<TransitGatewayAttachmentSummary> TransitGatewayAttachments);

public sealed class NetworkQueries(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<NetworkModelView> ModelAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        var network = await NetworkSnapshot.LoadAsync(db, cancellationToken);
        return Build(org, network);
    }

    public static NetworkModelView Build(OrganizationSnapshot org, NetworkSnapshot network)
    {
        var vpcs = network.Vpcs.Values.OrderBy(v => org.Account(v.AccountId)?.Name).ThenBy(v => v.Name).Select(v => new VpcView(VpcSummary.From(v), org.Account(v.AccountId)?.Name ?? v.AccountId,
            network.Subnets.Values.Where(s => s.VpcId == v.Id).OrderBy(s => s.Name).Select(SubnetSummary.From).ToList(),
            network.Peerings.Where(p => p.RequesterVpcId == v.Id || p.AccepterVpcId == v.Id).Select(p => p.RequesterVpcId == v.Id ? p.AccepterVpcId : p.RequesterVpcId).ToList(),
            network.Attachments.Where(a => a.VpcId == v.Id).Select(a => a.TransitGatewayId).ToList())).ToList();
        var instances = network.Instances.Values.OrderBy(i => i.Name).Select(i =>
        {
            var vpc = network.VpcOfSubnet(i.SubnetId)!;
            var bandwidth = InstanceBandwidth.BitsPerSecond(i.InstanceType);
            var (eligible, why) = InstanceEligibility.Check(i.InstanceType);
            return new InstanceView(InstanceSummary.From(i), vpc.Id, vpc.AccountId, vpc.Region, bandwidth, InstanceBandwidth.Describe(bandwidth), eligible, why);
        }).ToList();
        var balancers = network.LoadBalancers.Values.OrderBy(l => l.Name).Select(l =>
        {
            var vpc = network.Vpcs[l.VpcId];
            var facts = new TargetFacts(l.Type == LoadBalancerType.Network ? TargetType.NetworkLoadBalancer : TargetType.GatewayLoadBalancerEndpoint,
                l.Listeners.Select(ListenerText.Parse).OfType<Listener>().ToList(), l.Appliances.Select(a => new Appliance(a.InstanceId, a.Healthy)).ToList());
            return new LoadBalancerView(LoadBalancerSummary.From(l), vpc.AccountId, vpc.Region, TargetChecks.Warnings(facts));
        }).ToList();
        return new NetworkModelView(vpcs, instances, [.. network.Enis.Values.OrderBy(e => e.Id).Select(NetworkInterfaceSummary.From)], balancers,
            [.. network.Endpoints.Values.Select(GatewayLoadBalancerEndpointSummary.From)], [.. network.Peerings.Select(VpcPeeringSummary.From)],
            [.. network.Attachments.Select(TransitGatewayAttachmentSummary.From)]);
    }
}
