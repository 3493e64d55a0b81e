using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.ServiceControlPolicies;
using MirrorTower.Portal.Features.Workbench;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.Workbench;

internal static class WorkbenchApi
{
    public static void MapWorkbenchApi(this RouteGroupBuilder api)
    {
        api.MapPost("/policy-simulations/custom", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                return CustomSimulation.Run(await reader.ReadToEndAsync()).ToHttp(TypedResults.Ok);
            })
            .Accepts<object>("application/json")
            .Produces<SimulationResult>()
            .ProducesValidationProblem()
            .WithTags("SCP workbench")
            .WithBodyLimit(512 * 1024)
            .WithSummary("Decide a request against levels of policies you give: {levels:[{name,policies}], managementAccount, request}.");

        var suites = api.MapGroup("/policy-test-suites").WithTags("SCP workbench");
        suites.MapGet("/", async (PolicyTestSuites tests, CancellationToken ct) => await tests.ListAsync(ct))
            .WithSummary("Every policy test suite with its scope, enforcement and number of cases.");
        suites.MapPost("/", async (SuiteDocument document, HttpContext context, PolicyTestSuites tests) =>
                (await tests.ImportAsync(context.ApiActor(), document)).ToHttp(s => TypedResults.Created($"/api/v1/policy-test-suites/{s.Id}", s)))
            .RequireAuthorization(Policies.Admin)
            .WithBodyLimit(1 << 20)
            .WithSummary("Save (import) a suite: name, scope (an OU id or null), enforcement (Confirm or Refuse), cases [{name, accountId, request, expected}].");
        suites.MapGet("/{suiteId}", async (string suiteId, PolicyTestSuites tests, CancellationToken ct) =>
                await tests.ExportAsync(suiteId, ct) is { } suite ? Results.Ok(suite) : TypedResults.Problem($"No policy test suite has the id '{suiteId}'.", statusCode: 404))
            .WithSummary("Export a suite as JSON, in the shape that imports it.");
        suites.MapDelete("/{suiteId}", async (string suiteId, HttpContext context, PolicyTestSuites tests) =>
                (await tests.DeleteAsync(context.ApiActor(), suiteId)).ToHttp(_ => TypedResults.NoContent()))
            .RequireAuthorization(Policies.Admin).WithSummary("Delete a suite.");
        suites.MapPost("/{suiteId}/runs", async (string suiteId, HttpContext context, PolicyTestSuites tests) =>
                (await tests.RunAsync(context.ApiActor(), suiteId)).ToHttp(TypedResults.Ok))
            .WithSummary("Run a suite against the organization now: pass or fail per case and account.");
    }
}
