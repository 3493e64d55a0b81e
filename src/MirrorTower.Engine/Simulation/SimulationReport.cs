using MirrorTower.Engine.Simulation;

namespace MirrorTower.Engine.Simulation;

public sealed record EniReport(string EniId, string Label, long ProductionPackets, IReadOnlyDictionary<string, long> Metrics);

public sealed record SessionReport(string SessionId, int SessionNumber, string EniId, long Packets, long Bytes);

public sealed record ApplianceReport(string InstanceId, string Label, bool Healthy, long Packets);

public sealed record TargetReport(string TargetId, string Label, string Type, long Packets, long Bytes, long Undelivered, IReadOnlyList<ApplianceReport> Appliances, long CapturedPackets);

public sealed record RuleReport(string FilterId, string? RuleId, string Direction, int RuleNumber, string Action, long Hits);

/// <summary>
/// Every counter of a run, as the JSON report and the pages show it: per outcome, per ENI with the CloudWatch names
/// of the reference, per session, per target and appliance, per filter rule; how long it took and how fast it went;
/// for a replay, how much of the capture has been read.
/// </summary>
public sealed record SimulationReport(
    long Packets,
    long ProductionBytes,
    IReadOnlyDictionary<string, long> ByOutcome,
    long FramesNotOfTheEni,
    double SimulatedSeconds,
    IReadOnlyList<EniReport> Enis,
    IReadOnlyList<SessionReport> Sessions,
    IReadOnlyList<TargetReport> Targets,
    IReadOnlyList<RuleReport> Rules,
    double DurationSeconds = 0,
    double PacketsPerSecond = 0,
    long CaptureBytesRead = 0,
    long? CaptureBytesTotal = null)
{
    public static SimulationReport From(MirrorSimulator simulator, double simulatedSeconds, long framesNotOfTheEni = 0, IReadOnlyList<long>? captured = null,
        double durationSeconds = 0, long captureBytesRead = 0, long? captureBytesTotal = null)
    {
        var counters = simulator.Counters;
        var setup = simulator.Setup;
        var metrics = Enum.GetValues<EniMetric>();
        var enis = setup.Enis.Select((e, i) => new EniReport(e.Id, e.Label, counters.EniProductionPackets[i], metrics.ToDictionary(m => m.ToString(), m => counters.Eni[i, (int)m]))).ToList();
        var sessions = simulator.Table.Sessions.Select((s, i) => (s, i)).Where(p => setup.Enis.Any(e => e.Id == p.s.SourceEniId))
            .Select(p => new SessionReport(p.s.Id, p.s.SessionNumber, p.s.SourceEniId, counters.SessionPackets[p.i], counters.SessionBytes[p.i])).ToList();
        var targets = setup.Targets.Select((t, i) => new TargetReport(t.Id, t.Label, t.Type.ToString(), counters.TargetPackets[i], counters.TargetBytes[i], counters.TargetUndelivered[i],
            t.Appliances.Select((a, j) => new ApplianceReport(a.InstanceId, a.Label, a.Healthy, counters.AppliancePackets[i][j])).ToList(),
            captured is null ? 0 : captured[i])).ToList();
        var rules = simulator.Table.Rules.Select((r, i) => (r, i)).GroupBy(p => p.r.Id ?? $"{p.i}").Select(g => g.First())
            .Select(p => new RuleReport(FilterOf(simulator, p.i), p.r.Id, p.r.Direction.ToString().ToLowerInvariant(), p.r.RuleNumber, p.r.Action.ToString().ToLowerInvariant(), counters.RuleHits[p.i]))
            .ToList();
        return new SimulationReport(counters.ProductionPackets, counters.ProductionBytes,
            Enum.GetValues<SimOutcome>().ToDictionary(o => o.ToString(), o => counters.ByOutcome[(int)o]), framesNotOfTheEni, simulatedSeconds, enis, sessions, targets, rules,
            Math.Round(durationSeconds, 3), durationSeconds > 0 ? Math.Round(counters.ProductionPackets / durationSeconds) : 0, captureBytesRead, captureBytesTotal);
    }

    private static string FilterOf(MirrorSimulator simulator, int ruleSlot) =>
        simulator.Setup.Filters.Values.FirstOrDefault(f => f.Rules.Contains(simulator.Table.Rules[ruleSlot]))?.Id ?? "";
}
