using MirrorTower.Engine.Simulation;

namespace MirrorTower.Portal.Features.Simulation;

/// <summary>A finished (or interrupted) run, kept for later review and comparison: what was asked, the report and the time series.</summary>
public sealed class SimulationRunRecord
{
    public required string Id { get; init; }
    public RunKind Kind { get; init; }
    public required string Name { get; init; }
    public required string SpecJson { get; init; }
    public string? CreatedBy { get; init; }

    /// <summary>The portal instance running it: while that instance lives, only it can steer the run or end it.</summary>
    public string? Instance { get; init; }
    public DateTime StartedUtc { get; init; }
    public DateTime? EndedUtc { get; set; }
    public RunStatus Status { get; set; }
    public string? Message { get; set; }
    public string ReportJson { get; set; } = "{}";
    public string TimeSeriesJson { get; set; } = "[]";
}
