using System.ComponentModel.DataAnnotations;

namespace MirrorTower.Portal.Features.Simulation;

/// <summary>The <c>MirrorTower:Simulation</c> settings.</summary>
public sealed class SimulationOptions
{
    public const string Section = "MirrorTower:Simulation";

    [Range(1, 100_000_000)]
    public int MaxPacketsPerSecond { get; set; } = 5_000_000;

    [Range(0.1, 7 * 24 * 3600)]
    public double MaxDurationSeconds { get; set; } = 3600;

    [Range(1, 64)]
    public int MaxConcurrentRuns { get; set; } = 4;

    /// <summary>How many mirrored copies a scenario run writes to each target's capture (replays write them all).</summary>
    [Range(0, 100_000_000)]
    public int CapturedPacketsPerTarget { get; set; } = 200_000;

    /// <summary>How many finished runs keep their captures on disk; older runs keep their report only.</summary>
    [Range(0, 100_000)]
    public int RetainedCaptures { get; set; } = 50;
}
