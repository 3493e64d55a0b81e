using MirrorTower.Engine.Mirroring;
using MirrorTower.Engine.Packets;

namespace MirrorTower.Engine.Simulation;

/// <summary>
/// Runs packets through the mirroring of their source ENI: judgment (<see cref="MirrorTable"/>), the source instance's
/// bandwidth (<see cref="TokenBucket"/>; production first, a copy without tokens is a skip), the copy's size after
/// PacketLength and the target's MTU, the appliance a load-balanced target picks by flow hash, and every counter.
/// Deterministic: the same packets at the same times give the same counters and the same copies.
/// </summary>
public sealed class MirrorSimulator
{
    private readonly SimulationSetup _setup;
    private readonly MirrorTable _table;
    private readonly TokenBucket[] _bucketOfEni;
    private readonly int[] _targetOfSession;
    private readonly int[][] _healthyAppliances;

    public MirrorSimulator(SimulationSetup setup)
    {
        _setup = setup;
        var sessionsPerEni = setup.Enis.Select(e => (IReadOnlyList<MirrorSession>)setup.Sessions.Where(s => s.SourceEniId == e.Id).ToList()).ToList();
        _table = new MirrorTable(sessionsPerEni, setup.Filters);
        var buckets = new Dictionary<string, TokenBucket>();
        _bucketOfEni = setup.Enis.Select(e =>
        {
            var key = e.InstanceId ?? e.Id;
            if (!buckets.TryGetValue(key, out var bucket))
            {
                buckets[key] = bucket = TokenBucket.ForBandwidth(e.BandwidthBitsPerSecond, setup.BurstMilliseconds);
            }
            return bucket;
        }).ToArray();
        var targetIndex = setup.Targets.Select((t, i) => (t.Id, i)).ToDictionary(p => p.Id, p => p.i);
        _targetOfSession = _table.Sessions.Select(s => targetIndex.GetValueOrDefault(s.TargetId, -1)).ToArray();
        // Healthy appliances in a stable order, so that a flow keeps its appliance while the fleet is unchanged.
        _healthyAppliances = setup.Targets.Select(t => t.Appliances.Select((a, i) => (a, i)).Where(p => p.a.Healthy)
            .OrderBy(p => p.a.InstanceId, StringComparer.Ordinal).Select(p => p.i).ToArray()).ToArray();
        Counters = new SimulationCounters(setup.Enis.Count, _table.Sessions.Count, _table.Rules.Count, setup.Targets.Count,
            setup.Targets.Select(t => t.Appliances.Count).ToArray());
    }

    public SimulationSetup Setup => _setup;

    public MirrorTable Table => _table;

    public SimulationCounters Counters { get; }

    public PacketResult Process(int eni, in PacketFacts packet, int frameLength, long nowNanoseconds)
    {
        var counters = Counters;
        counters.ProductionPackets++;
        counters.EniProductionPackets[eni]++;
        counters.ProductionBytes += frameLength;
        var bucket = _bucketOfEni[eni];
        bucket.Production(nowNanoseconds, frameLength);

        var verdict = _table.Judge(eni, packet, counters.RuleHits);
        if (verdict.Outcome != Outcome.Mirrored)
        {
            var outcome = verdict.Outcome switch
            {
                Outcome.RejectedByRule => SimOutcome.RejectedByRule,
                Outcome.NoRuleMatched => SimOutcome.NoRuleMatched,
                Outcome.NeverMirrored => SimOutcome.NeverMirrored,
                _ => SimOutcome.NoSession,
            };
            counters.ByOutcome[(int)outcome]++;
            return new PacketResult(outcome, verdict, -1, -1, 0, 0);
        }

        var session = _table.Sessions[verdict.SessionSlot];
        var target = _targetOfSession[verdict.SessionSlot];
        var mtu = target >= 0 ? _setup.Targets[target].Mtu : 9001;
        var inner = Vxlan.InnerLength(frameLength, session.PacketLength, mtu, packet.IsV6);
        var copyBytes = inner + Vxlan.Overhead(packet.IsV6);
        var ingress = packet.Direction == TrafficDirection.Ingress;
        if (!bucket.TryCopy(nowNanoseconds, copyBytes))
        {
            counters.ByOutcome[(int)SimOutcome.SkippedForBandwidth]++;
            counters.Eni[eni, (int)(ingress ? EniMetric.NetworkSkipMirrorIn : EniMetric.NetworkSkipMirrorOut)] += inner;
            counters.Eni[eni, (int)(ingress ? EniMetric.NetworkPacketsSkipMirrorIn : EniMetric.NetworkPacketsSkipMirrorOut)]++;
            return new PacketResult(SimOutcome.SkippedForBandwidth, verdict, target, -1, 0, 0);
        }

        counters.ByOutcome[(int)SimOutcome.Mirrored]++;
        counters.Eni[eni, (int)(ingress ? EniMetric.NetworkMirrorIn : EniMetric.NetworkMirrorOut)] += inner;
        counters.Eni[eni, (int)(ingress ? EniMetric.NetworkPacketsMirrorIn : EniMetric.NetworkPacketsMirrorOut)]++;
        counters.SessionPackets[verdict.SessionSlot]++;
        counters.SessionBytes[verdict.SessionSlot] += inner;
        var hash = FlowHash.Of(packet);
        var appliance = -1;
        if (target >= 0)
        {
            counters.TargetPackets[target]++;
            counters.TargetBytes[target] += inner;
            var spec = _setup.Targets[target];
            var healthy = _healthyAppliances[target];
            if (!spec.AcceptsVxlan || (spec.Type != TargetType.NetworkInterface && healthy.Length == 0))
            {
                counters.TargetUndelivered[target]++;
            }
            else if (healthy.Length > 0)
            {
                appliance = healthy[(int)(hash % (uint)healthy.Length)];
                counters.AppliancePackets[target][appliance]++;
            }
        }
        return new PacketResult(SimOutcome.Mirrored, verdict, target, appliance, inner, hash);
    }

    /// <summary>
    /// Writes the mirrored copy of a frame, as its target receives it, and returns its length; the inner frame is
    /// truncated to the result's copy size.
    /// </summary>
    public int WriteCopy(Span<byte> destination, ReadOnlySpan<byte> frame, int eni, in PacketResult result)
    {
        var session = _table.Sessions[result.Verdict.SessionSlot];
        var target = result.TargetIndex >= 0 ? _setup.Targets[result.TargetIndex] : null;
        var inner = frame[..Math.Min(result.CopyBytes, frame.Length)];
        var port = FlowHash.SourcePort(result.FlowHash);
        if (target is not { Type: TargetType.GatewayLoadBalancerEndpoint })
        {
            return Vxlan.Encapsulate(destination, inner, _setup.Enis[eni].Address, target?.Address ?? 0, port, session.VirtualNetworkId);
        }
        // A GWLB endpoint: the VXLAN copy, then GENEVE from the load balancer to the appliance the flow hash chose.
        var vxlan = Vxlan.Encapsulate(destination[Geneve.HeaderBytes..], inner, _setup.Enis[eni].Address, target.Address, port, session.VirtualNetworkId);
        var appliance = result.ApplianceIndex >= 0 ? target.Appliances[result.ApplianceIndex].Address : 0;
        return Geneve.Wrap(destination, vxlan, target.Address, appliance, port, session.VirtualNetworkId);
    }

    /// <summary>
    /// The copy's headers only, when the target takes plain VXLAN: the caller appends the inner frame's first
    /// <see cref="PacketResult.CopyBytes"/> bytes from where they are. Null for a GWLB endpoint (use <see cref="WriteCopy"/>).
    /// </summary>
    public int? WriteCopyHeaders(Span<byte> destination, int eni, in PacketResult result, int innerLength)
    {
        var target = result.TargetIndex >= 0 ? _setup.Targets[result.TargetIndex] : null;
        if (target is { Type: TargetType.GatewayLoadBalancerEndpoint })
        {
            return null;
        }
        return Vxlan.WriteHeaders(destination, innerLength, _setup.Enis[eni].Address, target?.Address ?? 0, FlowHash.SourcePort(result.FlowHash),
            _table.Sessions[result.Verdict.SessionSlot].VirtualNetworkId);
    }

    /// <summary>The judgment told session by session, for a packet someone opens in the log.</summary>
    public IReadOnlyList<SessionStep> Explain(int eni, in PacketFacts packet) => _table.Explain(eni, packet);
}
