using MirrorTower.Engine.Simulation;
using Microsoft.AspNetCore.Http.HttpResults;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Simulation;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.Simulation;

/// <summary>The form of <c>POST /api/v1/replays</c>, for the API reference; the endpoint reads it as a stream.</summary>
public sealed record ReplayForm(string SourceEniId, IFormFile Capture);

internal static class SimulationApi
{
    /// <summary>Replays of captures can be large: a million frames is some 100 MB.</summary>
    public const long MaxCaptureBytes = 1L << 30;

    public static void MapSimulationApi(this RouteGroupBuilder api)
    {
        var simulations = api.MapGroup("/simulations").WithTags("Simulation");
        simulations.MapGet("/", async (HttpContext context, SimulationRunner runner, CancellationToken ct) =>
                TypedResults.Ok(new RunList([.. runner.LiveFor(context.ApiActor()).Select(RunSummary.From)],
                    [.. (await runner.StoredForAsync(context.ApiActor(), ct)).Select(StoredRun.From)])))
            .WithSummary("Runs in progress and stored runs (scenarios and replays).");
        simulations.MapPost("/", async (ScenarioRequest request, HttpContext context, SimulationRunner runner) =>
                (await runner.StartAsync(context.ApiActor(), request)).ToHttp(run => TypedResults.Accepted($"/api/v1/simulations/{run.Id}", RunSummary.From(run))))
            .RequireAuthorization(Policies.Builder)
            .WithSummary("Start a scenario (WebTier, SshAdmin, DnsAndInstanceServices, Database, PortScan, Exfiltration) with packetsPerSecond, durationSeconds, seed, sourceEniIds, speed (0 = as fast as possible).");
        simulations.MapGet("/{id}", async Task<Results<Ok<RunReport>, ProblemHttpResult>> (string id, HttpContext context, SimulationRunner runner, CancellationToken ct) =>
                await runner.SnapshotAsync(context.ApiActor(), id, ct) is { } run ? TypedResults.Ok(RunReport.From(run)) : TypedResults.Problem($"No run has the id '{id}'.", statusCode: 404))
            .WithSummary("A run's status and its JSON report: counters by outcome, per ENI (CloudWatch names), session, target, appliance and filter rule.");
        simulations.MapPost("/{id}/{command}", async (string id, string command, HttpContext context, SimulationRunner runner, double? speed) =>
                (await runner.SteerAsync(context.ApiActor(), id, command, speed)).ToHttp(run => TypedResults.Ok(RunSummary.From(run))))
            .RequireAuthorization(Policies.Builder).WithSummary("Steer a run in progress: pause, resume, stop, or speed?speed=N.");
        simulations.MapGet("/{id}/targets/{targetId}/pcap", (string id, string targetId, HttpContext context, SimulationRunner runner) => PcapAsync(runner, context, id, targetId))
            .WithSummary("What a target received during a finished run, as a pcap of VXLAN-encapsulated copies.");

        var replays = api.MapGroup("/replays").WithTags("Simulation");
        replays.MapPost("/", async (HttpContext context, SimulationRunner runner, string? sourceEniId, string? fileName) =>
                (await ReplayUpload.ReplayAsync(context, runner, sourceEniId, fileName)).ToHttp(run => TypedResults.Created($"/api/v1/replays/{run.Id}", RunReport.From(run))))
            .RequireAuthorization(Policies.Builder).DisableAntiforgery()
            .WithBodyLimit(MaxCaptureBytes)
            .Accepts<ReplayForm>("multipart/form-data", ReplayUpload.CaptureMediaTypes)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // A body that is the capture is bytes, not the form the other media types share the schema of.
                foreach (var type in ReplayUpload.CaptureMediaTypes)
                {
                    operation.RequestBody?.Content?[type] = new Microsoft.OpenApi.OpenApiMediaType
                    {
                        Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, Format = "binary" },
                    };
                }
                return Task.CompletedTask;
            })
            .WithSummary("Replay a capture through the ENI's sessions as it uploads: the body is the pcap or pcapng (?sourceEniId=&fileName=), or multipart " +
                "(sourceEniId first, then capture); the run is live on its page from the first bytes and can be stopped; answers with the id and the report.");
        replays.MapGet("/{id}", async Task<Results<Ok<RunReport>, ProblemHttpResult>> (string id, HttpContext context, SimulationRunner runner, CancellationToken ct) =>
                await runner.SnapshotAsync(context.ApiActor(), id, ct) is { Kind: RunKind.Replay } run ? TypedResults.Ok(RunReport.From(run)) : TypedResults.Problem($"No replay has the id '{id}'.", statusCode: 404))
            .WithSummary("A replay's JSON report.");
        replays.MapGet("/{id}/targets/{targetId}/pcap", (string id, string targetId, HttpContext context, SimulationRunner runner) => PcapAsync(runner, context, id, targetId))
            .WithSummary("What a target received from the replay, as a pcap of VXLAN-encapsulated copies.");
    }

    private static async Task<IResult> PcapAsync(SimulationRunner runner, HttpContext context, string id, string targetId) =>
        await runner.CapturePathAsync(context.ApiActor(), id, targetId) is { } path
            ? TypedResults.PhysicalFile(path, "application/vnd.tcpdump.pcap", $"{id}-{targetId}.pcap")
            : TypedResults.Problem($"Run '{id}' has no finished capture for target '{targetId}' (the run is in progress, or nothing reached that target).", statusCode: 404);
}
