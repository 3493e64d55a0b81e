using MirrorTower.Engine.Mirroring;

namespace MirrorTower.Engine.Simulation;

/// <summary>
/// A source ENI: its primary IPv4 address, the instance whose bandwidth it shares, its VPC's DNS address (base + 2),
/// and its IPv6 addresses (none when its subnet has no IPv6 block).
/// </summary>
public sealed record SimEni(string Id, string Label, uint Address, string? InstanceId, long BandwidthBitsPerSecond, uint VpcDnsAddress, UInt128[]? Ipv6Addresses = null)
{
    public ReadOnlySpan<UInt128> Ipv6 => Ipv6Addresses;
}

public sealed record SimAppliance(string InstanceId, string Label, uint Address, bool Healthy);

/// <summary>
/// A target as the copies meet it: its address, MTU, and for load balancers the appliances and whether it accepts
/// VXLAN at all (an NLB without a UDP 4789 listener, a fleet without a healthy appliance, a deleted resource deliver nothing).
/// </summary>
public sealed record SimTarget(string Id, string Label, TargetType Type, uint Address, IReadOnlyList<SimAppliance> Appliances, bool AcceptsVxlan = true, int Mtu = 9001);

public sealed record SimulationSetup(
    IReadOnlyList<SimEni> Enis,
    IReadOnlyList<MirrorSession> Sessions,
    IReadOnlyDictionary<string, MirrorFilter> Filters,
    IReadOnlyList<SimTarget> Targets,
    double BurstMilliseconds = 10);

public enum SimOutcome : byte
{
    Mirrored,
    RejectedByRule,
    NoRuleMatched,
    NeverMirrored,
    NoSession,
    SkippedForBandwidth,
}

/// <summary>What became of one packet: the outcome, the deciding session and rule slots, where the copy went and its size.</summary>
public readonly record struct PacketResult(SimOutcome Outcome, Verdict Verdict, int TargetIndex, int ApplianceIndex, int CopyBytes, uint FlowHash);
