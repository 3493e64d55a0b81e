namespace MirrorTower.Engine.Mirroring;

/// <summary>The rules and limits a TrafficMirrorSession must obey (shared/reference/traffic-mirroring.md).</summary>
public static class SessionRules
{
    /// <summary>Every reason the session cannot exist beside the account's other sessions.</summary>
    public static IReadOnlyList<MirroringProblem> Validate(MirrorSession session, NetworkTopology network, IEnumerable<MirrorSession> others, MirroringLimits? limits = null)
    {
        limits ??= MirroringLimits.Default;
        var problems = new List<MirroringProblem>();
        var rest = others.Where(o => o.Id != session.Id).ToList();
        var onSource = rest.Where(o => o.SourceEniId == session.SourceEniId).ToList();

        if (session.SessionNumber < 1 || session.SessionNumber > limits.MaxNumber)
        {
            problems.Add(new("SessionNumber", $"The session number must be between 1 and {limits.MaxNumber}."));
        }
        else if (onSource.Any(o => o.SessionNumber == session.SessionNumber))
        {
            problems.Add(new("SessionNumber", $"Session number {session.SessionNumber} is already used on {session.SourceEniId}: numbers are unique per source ENI."));
        }
        if (onSource.Count >= limits.SessionsPerSourceEni)
        {
            problems.Add(new("NetworkInterfaceId", $"{session.SourceEniId} already has {onSource.Count} sessions: at most {limits.SessionsPerSourceEni} per source ENI."));
        }
        if (session.VirtualNetworkId < 0 || session.VirtualNetworkId > limits.MaxVirtualNetworkId)
        {
            problems.Add(new("VirtualNetworkId", $"The VXLAN id is a 24-bit number from 0 to {limits.MaxVirtualNetworkId}."));
        }
        if (session.PacketLength is < 1 || session.PacketLength > limits.MaxPacketLength)
        {
            problems.Add(new("PacketLength", $"The packet length runs from 1 to {limits.MaxPacketLength} bytes, or is absent for whole packets."));
        }

        var source = network.Eni(session.SourceEniId);
        var target = network.Target(session.TargetId);
        if (source is null)
        {
            problems.Add(new("NetworkInterfaceId", $"No network interface has the id '{session.SourceEniId}'."));
        }
        if (target is null)
        {
            problems.Add(new("TrafficMirrorTargetId", $"No traffic mirror target has the id '{session.TargetId}'."));
        }
        if (source is null || target is null)
        {
            return problems;
        }

        if (network.Targets.Any(t => t.EniId == source.EniId))
        {
            problems.Add(new("NetworkInterfaceId", $"{source.EniId} is a traffic mirror target: an ENI is never both a source and a target."));
        }
        if (target.EniId == source.EniId)
        {
            problems.Add(new("TrafficMirrorTargetId", "A session cannot mirror an ENI to itself."));
        }
        var (eligible, why) = InstanceEligibility.Check(source.InstanceType);
        if (!eligible)
        {
            problems.Add(new("NetworkInterfaceId", $"{source.EniId} cannot be a source: {why}"));
        }
        if (target.Type == TargetType.NetworkInterface)
        {
            var sources = rest.Where(o => o.TargetId == target.TargetId).Select(o => o.SourceEniId).Append(source.EniId).Distinct().Count();
            if (sources > limits.SourcesPerEniTarget)
            {
                problems.Add(new("TrafficMirrorTargetId", $"ENI target {target.TargetId} would have {sources} sources: at most {limits.SourcesPerEniTarget}."));
            }
        }
        if (network.Path(source.VpcId, target.VpcId) is null)
        {
            problems.Add(new("TrafficMirrorTargetId",
                $"The target in {target.VpcId} cannot be reached from {source.VpcId}: it must be in the same VPC, a peered VPC, or a VPC on the same transit gateway."));
        }
        return problems;
    }
}
