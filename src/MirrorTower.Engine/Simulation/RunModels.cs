using MirrorTower.Engine.Mirroring;

namespace MirrorTower.Engine.Simulation;

public enum RunKind
{
    Scenario,
    Replay,
}

public enum RunStatus
{
    Running,
    Paused,
    Completed,
    Stopped,
    Failed,
}

/// <summary>Packets per simulated second over one interval, by outcome and by target (and appliance).</summary>
public sealed record TimePoint(double Seconds, IReadOnlyDictionary<string, double> ByOutcome, IReadOnlyDictionary<string, double> ByTarget);

/// <summary>A packet of the sampled log; the explanation is computed when someone opens it.</summary>
public sealed record LoggedPacket(long Sequence, double Seconds, int EniIndex, string Eni, string Direction, string Flow, string Outcome,
    int? SessionNumber, int? RuleNumber, string? Target, string? Appliance, int CopyBytes, PacketFacts Facts);

/// <summary>What a viewer sees of a run at one moment; immutable, published a few times a second.</summary>
public sealed record RunSnapshot(
    string Id,
    string Name,
    RunKind Kind,
    RunStatus Status,
    double Speed,
    double SimulatedSeconds,
    double DurationSeconds,
    SimulationReport Report,
    IReadOnlyList<TimePoint> Series,
    IReadOnlyList<LoggedPacket> Log,
    DateTime StartedUtc,
    string? Message);

/// <summary>One session's part in a packet's explanation, and the packet's fate.</summary>
public sealed record PacketExplanation(LoggedPacket Packet, IReadOnlyList<SessionStep> Steps);
