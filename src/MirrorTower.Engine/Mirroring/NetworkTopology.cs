namespace MirrorTower.Engine.Mirroring;

public enum TargetType
{
    NetworkInterface,
    NetworkLoadBalancer,
    GatewayLoadBalancerEndpoint,
}

/// <summary>An elastic network interface: where it lives and what it is attached to.</summary>
public sealed record EniInfo(string EniId, string AccountId, string VpcId, string? InstanceType, string PrimaryIp);

/// <summary>A TrafficMirrorTarget: its kind, the ENI it is (for ENI targets), and the VPC it sits in.</summary>
public sealed record TargetInfo(string TargetId, TargetType Type, string VpcId, string AccountId, string? EniId = null);

/// <summary>
/// VPCs and how they are joined: intra-Region peerings (not transitive) and transit gateway attachments (every VPC
/// attached to one gateway reaches every other).
/// </summary>
public sealed class NetworkTopology(
    IEnumerable<EniInfo> enis,
    IEnumerable<TargetInfo> targets,
    IEnumerable<(string VpcA, string VpcB)> peerings,
    IEnumerable<(string TransitGatewayId, string VpcId)> attachments)
{
    private readonly Dictionary<string, EniInfo> _enis = enis.ToDictionary(e => e.EniId);
    private readonly Dictionary<string, TargetInfo> _targets = targets.ToDictionary(t => t.TargetId);
    private readonly HashSet<(string, string)> _peerings = peerings.SelectMany(p => new[] { (p.VpcA, p.VpcB), (p.VpcB, p.VpcA) }).ToHashSet();
    private readonly ILookup<string, string> _gatewaysOfVpc = attachments.ToLookup(a => a.VpcId, a => a.TransitGatewayId);

    public EniInfo? Eni(string id) => _enis.GetValueOrDefault(id);

    public TargetInfo? Target(string id) => _targets.GetValueOrDefault(id);

    public IEnumerable<TargetInfo> Targets => _targets.Values;

    /// <summary>How traffic gets from one VPC to another, or null when it cannot.</summary>
    public string? Path(string fromVpc, string toVpc) =>
        fromVpc == toVpc ? "the same VPC"
        : _peerings.Contains((fromVpc, toVpc)) ? "a VPC peering"
        : _gatewaysOfVpc[fromVpc].Intersect(_gatewaysOfVpc[toVpc]).FirstOrDefault() is { } gateway ? $"transit gateway {gateway}"
        : null;
}
