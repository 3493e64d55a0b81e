namespace MirrorTower.Engine.Mirroring;

/// <summary>Ingress arrives at the source ENI; egress leaves it.</summary>
public enum TrafficDirection
{
    Ingress,
    Egress,
}

public enum RuleAction
{
    Accept,
    Reject,
}

public sealed record PortRange(int FromPort, int ToPort)
{
    public bool Contains(int port) => port >= FromPort && port <= ToPort;

    public override string ToString() => FromPort == ToPort ? $"{FromPort}" : $"{FromPort}-{ToPort}";
}

/// <summary>A TrafficMirrorFilterRule, in AWS's terms; <see cref="Protocol"/> null means all protocols.</summary>
public sealed record FilterRule(
    TrafficDirection Direction,
    int RuleNumber,
    RuleAction Action,
    int? Protocol,
    string SourceCidrBlock,
    string DestinationCidrBlock,
    PortRange? SourcePortRange = null,
    PortRange? DestinationPortRange = null,
    string? Id = null,
    string? Description = null);

/// <summary>A TrafficMirrorFilter: ordered rules per direction and, optionally, the amazon-dns network service.</summary>
public sealed record MirrorFilter(string Id, IReadOnlyList<FilterRule> Rules, bool AmazonDns = false, string? Description = null)
{
    public IEnumerable<FilterRule> RulesFor(TrafficDirection direction) =>
        Rules.Where(r => r.Direction == direction).OrderBy(r => r.RuleNumber);
}

/// <summary>A TrafficMirrorSession: which ENI is mirrored, with which filter, to which target, in which order.</summary>
public sealed record MirrorSession(
    string Id,
    string SourceEniId,
    string TargetId,
    string FilterId,
    int SessionNumber,
    int VirtualNetworkId,
    int? PacketLength = null);

/// <summary>Well-known protocol numbers (IANA) and the names the rule editor accepts.</summary>
public static class Protocols
{
    public const int Icmp = 1;
    public const int Tcp = 6;
    public const int Udp = 17;
    public const int Icmpv6 = 58;

    private static readonly Dictionary<string, int> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["icmp"] = Icmp, ["tcp"] = Tcp, ["udp"] = Udp, ["icmpv6"] = Icmpv6, ["gre"] = 47, ["esp"] = 50, ["ah"] = 51, ["sctp"] = 132,
    };

    /// <summary>The protocols a rule can name, by their name, for pickers.</summary>
    public static IReadOnlyDictionary<string, int> Named => ByName;

    /// <summary>A protocol by name ("tcp") or number ("6"); null for "all" or an empty value; false when unknown.</summary>
    public static bool TryParse(string? text, out int? protocol)
    {
        protocol = null;
        if (string.IsNullOrWhiteSpace(text) || text.Trim() is "all" or "-1")
        {
            return true;
        }
        if (ByName.TryGetValue(text.Trim(), out var known))
        {
            protocol = known;
            return true;
        }
        if (int.TryParse(text.Trim(), out var number) && number is >= 0 and <= 255)
        {
            protocol = number;
            return true;
        }
        return false;
    }

    public static string Name(int? protocol) =>
        protocol is null ? "all" : ByName.FirstOrDefault(p => p.Value == protocol).Key ?? protocol.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
