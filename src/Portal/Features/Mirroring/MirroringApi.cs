using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Mirroring.Network;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.AccessKeys;
using MirrorTower.Portal.Features.Mirroring;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.Mirroring;

internal static class MirroringApi
{
    public static void MapMirroringApi(this RouteGroupBuilder api)
    {
        api.MapGet("/traffic-mirroring", async (MirroringQueries queries, CancellationToken ct) => await queries.OverviewAsync(ct))
            .WithTags("Traffic Mirroring").WithSummary("Filters with warnings, targets with warnings, sessions, each ENI's sessions in priority order, coverage and blind spots, quota headroom, monthly cost.");

        api.MapPost("/traffic-mirroring/enis/{eniId}/packet-tests", async (string eniId, PacketTestRequest request, PacketTester tester, CancellationToken ct) =>
                (await tester.TestAsync(eniId, request, ct)).ToHttp(TypedResults.Ok))
            .WithTags("Traffic Mirroring")
            .WithSummary("Would this packet be mirrored? direction (ingress/egress), protocol, peerAddress, peerPort, eniPort: the outcome, the session and rule that decided, the target, each session's verdict.");

        var scoped = api.MapGroup("/accounts/{accountId}/regions/{region}").WithTags("Traffic Mirroring");
        scoped.MapGet("/traffic-mirroring/export", async (string accountId, string region, MirroringTransfer transfer, CancellationToken ct) =>
                TypedResults.Json(await transfer.ExportAsync(accountId, region, ct), MirroringDocument.Json))
            .WithSummary("The account's filters, targets and sessions in the AWS CLI's describe-traffic-mirror-* JSON.");
        scoped.MapPost("/traffic-mirroring/import", async (string accountId, string region, HttpContext context, MirroringTransfer transfer) =>
            {
                if (!context.Request.HasJsonContentType())
                {
                    return TypedResults.Problem("Send the document as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
                }
                MirroringDocument? document;
                try
                {
                    document = await context.Request.ReadFromJsonAsync<MirroringDocument>(MirroringDocument.Json);
                }
                catch (System.Text.Json.JsonException exception)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["document"] = [$"Not the JSON of describe-traffic-mirror-*: {exception.Message}"] });
                }
                return (await transfer.ImportAsync(context.Caller(accountId, region), document ?? new(null, null, null))).ToHttp(TypedResults.Ok);
            })
            .RequireAuthorization(Policies.Builder).WithBodyLimit(1 << 20)
            .WithSummary("Import describe-traffic-mirror-* JSON: all or nothing, a message per broken element; returns the new ids.");

        scoped.MapPost("/traffic-mirror-filters", async (string accountId, string region, NewMirrorFilter request, HttpContext context, MirroringService mirroring) =>
            (await mirroring.CreateFilterAsync(context.Caller(accountId, region), request)).ToHttp(f => TypedResults.Created($"/api/v1/traffic-mirroring#{f.Id}", TrafficMirrorFilter.From(f))))
            .RequireAuthorization(Policies.Builder).WithSummary("Create a filter (description, amazonDns, tags).");
        scoped.MapDelete("/traffic-mirror-filters/{id}", async (string accountId, string region, string id, HttpContext context, MirroringService mirroring) =>
            (await mirroring.DeleteFilterAsync(context.Caller(accountId, region), id)).ToHttp(_ => TypedResults.NoContent()))
            .RequireAuthorization(Policies.Builder).WithSummary("Delete a filter no session uses.");
        scoped.MapPost("/traffic-mirror-filters/{id}/rules", async (string accountId, string region, string id, FilterRuleInput request, HttpContext context, MirroringService mirroring) =>
            (await mirroring.CreateRuleAsync(context.Caller(accountId, region), id, request)).ToHttp(r => TypedResults.Created($"/api/v1/traffic-mirroring#{r.Id}", TrafficMirrorFilterRule.From(r))))
            .RequireAuthorization(Policies.Builder).WithSummary("Add a rule (trafficDirection, ruleNumber, ruleAction, protocol by name or number, CIDRs, port ranges).");
        scoped.MapPatch("/traffic-mirror-filter-rules/{id}", async (string accountId, string region, string id, FilterRuleChange change, HttpContext context, MirroringService mirroring) =>
            (await mirroring.ModifyRuleAsync(context.Caller(accountId, region), id, change)).ToHttp(r => TypedResults.Ok(TrafficMirrorFilterRule.From(r))))
            .RequireAuthorization(Policies.Builder).WithSummary("Modify a rule: fields replace, removeFields clear.");
        scoped.MapDelete("/traffic-mirror-filter-rules/{id}", async (string accountId, string region, string id, HttpContext context, MirroringService mirroring) =>
            (await mirroring.DeleteRuleAsync(context.Caller(accountId, region), id)).ToHttp(_ => TypedResults.NoContent()))
            .RequireAuthorization(Policies.Builder).WithSummary("Delete a rule.");
        scoped.MapPost("/traffic-mirror-targets", async (string accountId, string region, NewMirrorTarget request, HttpContext context, MirroringService mirroring) =>
            (await mirroring.CreateTargetAsync(context.Caller(accountId, region), request)).ToHttp(t => TypedResults.Created($"/api/v1/traffic-mirroring#{t.Id}", TrafficMirrorTarget.From(t))))
            .RequireAuthorization(Policies.Builder).WithSummary("Create a target from exactly one of networkInterfaceId, networkLoadBalancerArn, gatewayLoadBalancerEndpointId.");
        scoped.MapDelete("/traffic-mirror-targets/{id}", async (string accountId, string region, string id, HttpContext context, MirroringService mirroring) =>
            (await mirroring.DeleteTargetAsync(context.Caller(accountId, region), id)).ToHttp(_ => TypedResults.NoContent()))
            .RequireAuthorization(Policies.Builder).WithSummary("Delete a target no session uses.");
        scoped.MapPost("/traffic-mirror-sessions", async (string accountId, string region, NewMirrorSession request, HttpContext context, MirroringService mirroring) =>
            (await mirroring.CreateSessionAsync(context.Caller(accountId, region), request)).ToHttp(s => TypedResults.Created($"/api/v1/traffic-mirroring#{s.Id}", TrafficMirrorSession.From(s))))
            .RequireAuthorization(Policies.Builder).WithSummary("Create a session (networkInterfaceId, trafficMirrorTargetId, trafficMirrorFilterId, sessionNumber, packetLength, virtualNetworkId).");
        scoped.MapPatch("/traffic-mirror-sessions/{id}", async (string accountId, string region, string id, MirrorSessionChange change, HttpContext context, MirroringService mirroring) =>
            (await mirroring.ModifySessionAsync(context.Caller(accountId, region), id, change)).ToHttp(s => TypedResults.Ok(TrafficMirrorSession.From(s))))
            .RequireAuthorization(Policies.Builder).WithSummary("Modify a session: fields replace, removeFields clear.");
        scoped.MapDelete("/traffic-mirror-sessions/{id}", async (string accountId, string region, string id, HttpContext context, MirroringService mirroring) =>
            (await mirroring.DeleteSessionAsync(context.Caller(accountId, region), id)).ToHttp(_ => TypedResults.NoContent()))
            .RequireAuthorization(Policies.Builder).WithSummary("Delete a session.");

        var keys = api.MapGroup("/access-keys").WithTags("Access keys");
        keys.MapGet("/", async (HttpContext context, AccessKeyService service, CancellationToken ct) => await service.ListAsync(context.ApiActor().UserId ?? "", ct))
            .WithSummary("Your access keys for the AWS-compatible API at /aws (never their secrets).");
        keys.MapPost("/", async (NewAccessKey request, HttpContext context, AccessKeyService service) =>
                (await service.CreateAsync(context.ApiActor(), request)).ToHttp(k => TypedResults.Created($"/api/v1/access-keys/{k.AccessKeyId}", k)))
            .WithSummary("Create an access key acting in one account (accountId, description); the secret is in this answer only.");
        keys.MapDelete("/{id}", async (string id, HttpContext context, AccessKeyService service) =>
                (await service.RevokeAsync(context.ApiActor(), id)).ToHttp(_ => TypedResults.NoContent()))
            .WithSummary("Revoke one of your access keys; requests signed with it are refused at once.");
    }
}
