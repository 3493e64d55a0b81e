using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Mirroring.Ec2;
using MirrorTower.Portal.Features.Mirroring.Network;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.Mirroring.Network;

internal static class NetworkApi
{
    /// <summary>The network model, per account and Region; every change is an SCP-checked, audited AWS call.</summary>
    public static void MapNetworkApi(this RouteGroupBuilder api)
    {
        api.MapGet("/network", async (NetworkQueries queries, CancellationToken ct) => await queries.ModelAsync(ct))
            .WithTags("Network").WithSummary("Every VPC, subnet, instance (type, bandwidth, eligibility), ENI, load balancer (listeners, appliances), endpoint, peering and transit gateway attachment.");

        var scoped = api.MapGroup("/accounts/{accountId}/regions/{region}").WithTags("Network").RequireAuthorization(Policies.Builder);
        scoped.MapPost("/vpcs", async (string accountId, string region, NewVpc request, HttpContext context, NetworkService network) =>
            (await network.CreateVpcAsync(context.Caller(accountId, region), request)).ToHttp(v => TypedResults.Created($"/api/v1/network#{v.Id}", VpcSummary.From(v)))).WithSummary("Create a VPC (name, cidrBlock /16-/28).");
        scoped.MapDelete("/vpcs/{id}", async (string accountId, string region, string id, HttpContext context, NetworkService network) =>
            (await network.DeleteVpcAsync(context.Caller(accountId, region), id)).ToHttp(_ => TypedResults.NoContent())).WithSummary("Delete an empty VPC.");
        scoped.MapPost("/subnets", async (string accountId, string region, NewSubnet request, HttpContext context, NetworkService network) =>
            (await network.CreateSubnetAsync(context.Caller(accountId, region), request)).ToHttp(s => TypedResults.Created($"/api/v1/network#{s.Id}", SubnetSummary.From(s)))).WithSummary("Create a subnet (vpcId, name, cidrBlock inside the VPC's, availabilityZone).");
        scoped.MapDelete("/subnets/{id}", async (string accountId, string region, string id, HttpContext context, NetworkService network) =>
            (await network.DeleteSubnetAsync(context.Caller(accountId, region), id)).ToHttp(_ => TypedResults.NoContent())).WithSummary("Delete an empty subnet.");
        scoped.MapPost("/instances", async (string accountId, string region, NewInstance request, HttpContext context, NetworkService network) =>
            (await network.RunInstanceAsync(context.Caller(accountId, region), request)).ToHttp(i => TypedResults.Created($"/api/v1/network#{i.Id}", InstanceSummary.From(i)))).WithSummary("Launch an instance (subnetId, name, instanceType) with its primary ENI.");
        scoped.MapDelete("/instances/{id}", async (string accountId, string region, string id, HttpContext context, NetworkService network) =>
            (await network.TerminateInstanceAsync(context.Caller(accountId, region), id)).ToHttp(_ => TypedResults.NoContent())).WithSummary("Terminate an instance; its ENIs and their mirror sessions go with it.");
        scoped.MapPost("/network-interfaces", async (string accountId, string region, NewNetworkInterface request, HttpContext context, NetworkService network) =>
            (await network.CreateNetworkInterfaceAsync(context.Caller(accountId, region), request)).ToHttp(e => TypedResults.Created($"/api/v1/network#{e.Id}", NetworkInterfaceSummary.From(e)))).WithSummary("Create an ENI (subnetId, description, optional instanceId to attach).");
        scoped.MapDelete("/network-interfaces/{id}", async (string accountId, string region, string id, HttpContext context, NetworkService network) =>
            (await network.DeleteNetworkInterfaceAsync(context.Caller(accountId, region), id)).ToHttp(_ => TypedResults.NoContent())).WithSummary("Delete an ENI and its mirror sessions.");
        scoped.MapPost("/load-balancers", async (string accountId, string region, NewLoadBalancer request, HttpContext context, NetworkService network) =>
            (await network.CreateLoadBalancerAsync(context.Caller(accountId, region), request)).ToHttp(l => TypedResults.Created($"/api/v1/network#{l.Name}", LoadBalancerSummary.From(l)))).WithSummary("Create an NLB or GWLB (subnetId, name, type network|gateway, listeners such as \"UDP 4789\", applianceInstanceIds).");
        scoped.MapPatch("/load-balancers", async (string accountId, string region, string arn, LoadBalancerChange change, HttpContext context, NetworkService network) =>
            (await network.ChangeLoadBalancerAsync(context.Caller(accountId, region), arn, change)).ToHttp(l => TypedResults.Ok(LoadBalancerSummary.From(l)))).WithSummary("Replace listeners, appliances or the unhealthy ones (?arn=...).");
        scoped.MapDelete("/load-balancers", async (string accountId, string region, string arn, HttpContext context, NetworkService network) =>
            (await network.DeleteLoadBalancerAsync(context.Caller(accountId, region), arn)).ToHttp(_ => TypedResults.NoContent())).WithSummary("Delete a load balancer (?arn=...).");
        scoped.MapPost("/gateway-load-balancer-endpoints", async (string accountId, string region, NewGatewayLoadBalancerEndpoint request, HttpContext context, NetworkService network) =>
            (await network.CreateGatewayLoadBalancerEndpointAsync(context.Caller(accountId, region), request)).ToHttp(e => TypedResults.Created($"/api/v1/network#{e.Id}", GatewayLoadBalancerEndpointSummary.From(e)))).WithSummary("Create a GWLB endpoint (subnetId, serviceLoadBalancerArn).");
        scoped.MapDelete("/gateway-load-balancer-endpoints/{id}", async (string accountId, string region, string id, HttpContext context, NetworkService network) =>
            (await network.DeleteGatewayLoadBalancerEndpointAsync(context.Caller(accountId, region), id)).ToHttp(_ => TypedResults.NoContent())).WithSummary("Delete a GWLB endpoint.");
        scoped.MapPost("/vpc-peerings", async (string accountId, string region, NewVpcPeering request, HttpContext context, NetworkService network) =>
            (await network.CreateVpcPeeringAsync(context.Caller(accountId, region), request)).ToHttp(p => TypedResults.Created($"/api/v1/network#{p.Id}", VpcPeeringSummary.From(p)))).WithSummary("Peer one of the account's VPCs with another VPC of the Region.");
        scoped.MapDelete("/vpc-peerings/{id}", async (string accountId, string region, string id, HttpContext context, NetworkService network) =>
            (await network.DeleteVpcPeeringAsync(context.Caller(accountId, region), id)).ToHttp(_ => TypedResults.NoContent())).WithSummary("Delete a peering.");
        scoped.MapPost("/transit-gateway-attachments", async (string accountId, string region, NewTransitGatewayAttachment request, HttpContext context, NetworkService network) =>
            (await network.AttachToTransitGatewayAsync(context.Caller(accountId, region), request)).ToHttp(a => TypedResults.Created($"/api/v1/network#{a.Id}", TransitGatewayAttachmentSummary.From(a)))).WithSummary("Attach a VPC to a transit gateway (empty transitGatewayId creates one).");
        scoped.MapDelete("/transit-gateway-attachments/{id}", async (string accountId, string region, string id, HttpContext context, NetworkService network) =>
            (await network.DetachFromTransitGatewayAsync(context.Caller(accountId, region), id)).ToHttp(_ => TypedResults.NoContent())).WithSummary("Detach a VPC from its transit gateway.");
    }

    /// <summary>The REST caller acts as the account's administrator role; only Admins and Members reach the changing endpoints.</summary>
    public static Ec2Caller Caller(this HttpContext context, string accountId, string region) =>
        Ec2Caller.ForUser(context.ApiActor(), accountId, region, canWrite: true);
}
