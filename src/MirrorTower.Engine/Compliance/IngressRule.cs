using System.Net;

namespace MirrorTower.Engine.Compliance;

/// <summary>One security group ingress permission: protocol, port range and source CIDR.</summary>
public readonly record struct IngressRule(string Protocol, int FromPort, int ToPort, string Cidr)
{
    public bool OpenToTheWorld => Cidr is "0.0.0.0/0" or "::/0";

    public bool Covers(int port) => Protocol is "tcp" or "-1" or "all" && port >= FromPort && port <= ToPort;

    public override string ToString() => FromPort == ToPort ? $"{Protocol}:{FromPort}:{Cidr}" : $"{Protocol}:{FromPort}-{ToPort}:{Cidr}";

    /// <summary>Parses <c>tcp:22:0.0.0.0/0;tcp:1000-2000:10.0.0.0/8;-1:all:0.0.0.0/0</c>; malformed entries are reported.</summary>
    public static IReadOnlyList<IngressRule> ParseList(string? text, out IReadOnlyList<string> errors)
    {
        var rules = new List<IngressRule>();
        var problems = new List<string>();
        foreach (var entry in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (TryParse(entry, out var rule))
            {
                rules.Add(rule);
            }
            else
            {
                problems.Add($"'{entry}' is not protocol:port[-port]:cidr (e.g. tcp:443:0.0.0.0/0).");
            }
        }
        errors = problems;
        return rules;
    }

    private static bool TryParse(string entry, out IngressRule rule)
    {
        rule = default;
        var parts = entry.Split(':', 3);
        if (parts.Length != 3 || parts[0] is not ("tcp" or "udp" or "icmp" or "-1" or "all") || !IPNetwork.TryParse(parts[2], out _))
        {
            return false;
        }
        if (parts[1] == "all")
        {
            rule = new IngressRule(parts[0], 0, 65535, parts[2]);
            return true;
        }
        var ports = parts[1].Split('-');
        if (!int.TryParse(ports[0], out var from) || !int.TryParse(ports[^1], out var to) || ports.Length > 2 || from < 0 || to > 65535 || from > to)
        {
            return false;
        }
        rule = new IngressRule(parts[0], from, to, parts[2]);
        return true;
    }
}
