namespace MirrorTower.Engine.Simulation;

/// <summary>The per-ENI metrics of the reference, with AWS/EC2's CloudWatch names.</summary>
public enum EniMetric
{
    NetworkMirrorIn,
    NetworkMirrorOut,
    NetworkPacketsMirrorIn,
    NetworkPacketsMirrorOut,
    NetworkSkipMirrorIn,
    NetworkSkipMirrorOut,
    NetworkPacketsSkipMirrorIn,
    NetworkPacketsSkipMirrorOut,
}

/// <summary>
/// Every counter of a run, in arrays indexed like the setup (ENIs, session slots, rule slots, targets, appliances), so
/// that counting allocates nothing; readers copy them into a report.
/// </summary>
public sealed class SimulationCounters(int enis, int sessions, int rules, int targets, int[] appliancesPerTarget)
{
    public long[] ByOutcome { get; } = new long[Enum.GetValues<SimOutcome>().Length];
    public long[,] Eni { get; } = new long[enis, Enum.GetValues<EniMetric>().Length];
    public long[] SessionPackets { get; } = new long[sessions];
    public long[] SessionBytes { get; } = new long[sessions];
    public long[] RuleHits { get; } = new long[rules];
    public long[] TargetPackets { get; } = new long[targets];
    public long[] TargetBytes { get; } = new long[targets];

    /// <summary>Copies sent to a target that delivers nothing (no UDP 4789 listener, no healthy appliance, deleted).</summary>
    public long[] TargetUndelivered { get; } = new long[targets];

    public long[][] AppliancePackets { get; } = appliancesPerTarget.Select(n => new long[n]).ToArray();
    public long[] EniProductionPackets { get; } = new long[enis];
    public long ProductionPackets { get; set; }
    public long ProductionBytes { get; set; }
}
