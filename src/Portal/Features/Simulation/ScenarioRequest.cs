namespace MirrorTower.Portal.Features.Simulation;

/// <summary>The body of <c>POST /api/v1/simulations</c> and of the simulation page's form.</summary>
public sealed record ScenarioRequest(string? Scenario, int? PacketsPerSecond, double? DurationSeconds, int? Seed,
    IReadOnlyList<string>? SourceEniIds = null, double? Speed = null);
