using MirrorTower.Engine.Simulation;
using MirrorTower.Portal.Common;

namespace MirrorTower.Portal.Features.Simulation;

/// <summary>
/// Tells open pages about runs: every snapshot a run publishes (a few times a second) and the start and end of runs.
/// Subscribers render from the snapshot they get.
/// </summary>
public sealed class SimulationFeed : Feed<RunSnapshot>;
