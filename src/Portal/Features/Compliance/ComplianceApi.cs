using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Common;
using System.Text;
using MirrorTower.Portal.Features.Compliance;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.Compliance;

internal static class ComplianceApi
{
    public static void MapComplianceApi(this RouteGroupBuilder api)
    {
        var compliance = api.MapGroup("/compliance").WithTags("Compliance");
        compliance.MapGet("/dashboard", async (ComplianceQueries queries, CancellationToken ct) => await queries.DashboardAsync(ct))
            .WithSummary("The compliance dashboard's figures: accounts, OUs, controls, noncompliant resources, by OU, most violated.");

        compliance.MapGet("/violations", async (ComplianceQueries queries, CancellationToken ct,
                string? accountId = null, string? ouId = null, string? control = null, string? resourceType = null,
                string? region = null, string? service = null, string? search = null, string? sort = null, string? order = null,
                int page = 1, int pageSize = 50, string? format = null) =>
            {
                var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
                var filter = new ViolationFilter
                {
                    AccountId = accountId, OuId = ouId, Control = control, ResourceType = resourceType, Region = region, Service = service, Search = search,
                    Sort = sort, Order = order, Page = csv ? 1 : page, PageSize = csv ? 10_000 : pageSize,
                };
                return (await queries.ViolationsAsync(filter, ct)).ToHttp<ViolationPage, IResult>(result => csv
                    ? TypedResults.File(Encoding.UTF8.GetBytes(ViolationsCsv.Write(result.Items)), "text/csv", "violations.csv")
                    : TypedResults.Ok(result));
            })
            .WithSummary("Noncompliant resources with account, OU, control, Region, resource, type, service and annotation, filtered by any of them, sorted by sort (account, control, region, resource, type, evaluated) and order (asc, desc); format=csv exports them.");

        compliance.MapPost("/evaluations", async (ComplianceEvaluation evaluation, CancellationToken ct) =>
                TypedResults.Ok(new EvaluationRun(await evaluation.EvaluateAsync(ComplianceScope.All, ct))))
            .RequireAuthorization(Policies.Admin).WithSummary("Re-evaluate every resource now (the periodic trigger does it too).");

        compliance.MapPost("/results/{resultId:long}/remediation", async (long resultId, HttpContext context, ResourceService resources) =>
                (await resources.RemediateAsync(context.ApiActor(), resultId)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Policies.Admin).WithSummary("Apply the one-action fix of a violation (checked by the SCPs and audited).");

        api.MapGet("/accounts/{accountId}/compliance", async (string accountId, ComplianceQueries queries, CancellationToken ct) =>
                await queries.AccountAsync(accountId, ct) is { } result ? Results.Ok(result) : TypedResults.Problem($"No account has the id '{accountId}'.", statusCode: 404))
            .WithTags("Compliance").WithSummary("An account's compliance: Compliant, Noncompliant or Unknown, and Clear or In violation per control.");

        var resources = api.MapGroup("/accounts/{accountId}/resources").WithTags("Resources");
        resources.MapGet("/", async (string accountId, ResourceService service, CancellationToken ct) =>
                await service.ListAsync(accountId, ct) is { } list ? Results.Ok(list) : TypedResults.Problem($"No account has the id '{accountId}'.", statusCode: 404))
            .WithSummary("The account's resources with their configuration and compliance findings.");
        resources.MapPost("/", async (string accountId, NewResource request, HttpContext context, ResourceService service) =>
                (await service.CreateAsync(context.ApiActor(), accountId, request)).ToHttp(r => TypedResults.Created($"/api/v1/accounts/{accountId}/resources/{r.Id}", r)))
            .RequireAuthorization(Policies.Admin).WithSummary("Create a resource (type, name, region, properties); the SCPs decide the create call first.");
        resources.MapPatch("/{resourceId:long}", async (string accountId, long resourceId, ResourceChange change, HttpContext context, ResourceService service) =>
                (await service.UpdateAsync(context.ApiActor(), accountId, resourceId, change)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Policies.Admin).WithSummary("Change settings of a resource; one SCP-checked call per setting, all or nothing.");
        resources.MapDelete("/{resourceId:long}", async (string accountId, long resourceId, HttpContext context, ResourceService service, string? principalArn = null) =>
                (await service.DeleteAsync(context.ApiActor(), accountId, resourceId, principalArn)).ToHttp(_ => TypedResults.NoContent()))
            .RequireAuthorization(Policies.Admin).WithSummary("Delete a resource; the SCPs decide the delete call first.");
    }
}

/// <summary>The answer of a full evaluation: how many resources were evaluated.</summary>
public sealed record EvaluationRun(int Evaluated);
