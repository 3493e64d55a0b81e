using MirrorTower.Engine.Simulation;
namespace MirrorTower.Portal.Features.Simulation;

// What the REST API answers about runs: records, not the stored entity or the live snapshot (whose time series and
// packet log are for the pages).

/// <summary>A run in progress, or the run a command was sent to.</summary>
public sealed record RunSummary(string Id, string Name, RunKind Kind, RunStatus Status, double Speed, double SimulatedSeconds, double DurationSeconds,
    DateTime StartedUtc, string? Message)
{
    public static RunSummary From(RunSnapshot run) =>
        new(run.Id, run.Name, run.Kind, run.Status, run.Speed, run.SimulatedSeconds, run.DurationSeconds, run.StartedUtc, run.Message);
}

/// <summary>A run with its report: counters by outcome, per ENI, session, target, appliance and filter rule.</summary>
public sealed record RunReport(string Id, string Name, RunKind Kind, RunStatus Status, double SimulatedSeconds, DateTime StartedUtc, string? Message,
    SimulationReport Report)
{
    public static RunReport From(RunSnapshot run) =>
        new(run.Id, run.Name, run.Kind, run.Status, run.SimulatedSeconds, run.StartedUtc, run.Message, run.Report);
}

/// <summary>A finished run kept for review.</summary>
public sealed record StoredRun(string Id, RunKind Kind, string Name, RunStatus Status, DateTime StartedUtc, DateTime? EndedUtc, string? CreatedBy)
{
    public static StoredRun From(SimulationRunRecord run) => new(run.Id, run.Kind, run.Name, run.Status, run.StartedUtc, run.EndedUtc, run.CreatedBy);
}

/// <summary>The answer of <c>GET /api/v1/simulations</c>.</summary>
public sealed record RunList(IReadOnlyList<RunSummary> Live, IReadOnlyList<StoredRun> Stored);
