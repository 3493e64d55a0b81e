namespace MirrorTower.Engine.Mirroring;

/// <summary>The rules a filter rule must obey, and the warnings AWS never gives about a filter.</summary>
public static class FilterRules
{
    /// <summary>Every reason the rule cannot join its filter, beside the filter's other rules.</summary>
    public static IReadOnlyList<MirroringProblem> Validate(FilterRule rule, IEnumerable<FilterRule> others, MirroringLimits? limits = null)
    {
        limits ??= MirroringLimits.Default;
        var problems = new List<MirroringProblem>();
        // The filter's other rules of this direction; a rule being edited does not clash with itself.
        var sameDirection = others.Where(o => o.Direction == rule.Direction && !ReferenceEquals(o, rule) && (rule.Id is null || o.Id != rule.Id)).ToList();
        if (rule.RuleNumber < 1 || rule.RuleNumber > limits.MaxNumber)
        {
            problems.Add(new("RuleNumber", $"The rule number must be between 1 and {limits.MaxNumber}."));
        }
        else if (sameDirection.Any(o => o.RuleNumber == rule.RuleNumber))
        {
            problems.Add(new("RuleNumber", $"Rule number {rule.RuleNumber} is already used by another {Name(rule.Direction)} rule of this filter: rule numbers are unique per direction."));
        }
        if (sameDirection.Count >= limits.RulesPerDirection)
        {
            problems.Add(new("RuleNumber", $"A filter holds at most {limits.RulesPerDirection} {Name(rule.Direction)} rules."));
        }
        if (rule.Protocol is < 0 or > 255)
        {
            problems.Add(new("Protocol", "The protocol is an IANA number from 0 to 255, or absent for all protocols."));
        }
        if ((rule.SourcePortRange is not null || rule.DestinationPortRange is not null) && rule.Protocol is not (Protocols.Tcp or Protocols.Udp))
        {
            problems.Add(new(rule.SourcePortRange is not null ? "SourcePortRange" : "DestinationPortRange",
                $"Port ranges apply only to TCP (6) and UDP (17); this rule's protocol is {Protocols.Name(rule.Protocol)}."));
        }
        CheckPorts(problems, "SourcePortRange", rule.SourcePortRange);
        CheckPorts(problems, "DestinationPortRange", rule.DestinationPortRange);
        var source = Cidr.TryParse(rule.SourceCidrBlock, out var s);
        var destination = Cidr.TryParse(rule.DestinationCidrBlock, out var d);
        if (!source)
        {
            problems.Add(new("SourceCidrBlock", $"'{rule.SourceCidrBlock}' is not a CIDR block such as 10.0.0.0/16."));
        }
        if (!destination)
        {
            problems.Add(new("DestinationCidrBlock", $"'{rule.DestinationCidrBlock}' is not a CIDR block such as 0.0.0.0/0."));
        }
        if (source && destination && s.IsV6 != d.IsV6)
        {
            problems.Add(new("DestinationCidrBlock", "The source and destination CIDR blocks must be of the same IP family (both IPv4 or both IPv6)."));
        }
        return problems;
    }

    /// <summary>What a filter will silently do wrong: a direction that mirrors nothing, rules that can never match.</summary>
    public static IReadOnlyList<MirroringProblem> Warnings(MirrorFilter filter)
    {
        var warnings = new List<MirroringProblem>();
        foreach (var direction in new[] { TrafficDirection.Ingress, TrafficDirection.Egress })
        {
            var rules = filter.RulesFor(direction).ToList();
            if (rules.Count == 0)
            {
                warnings.Add(new($"{direction}FilterRules", $"No {Name(direction)} rule: this filter mirrors no {Name(direction)} traffic."));
            }
            else if (rules.All(r => r.Action == RuleAction.Reject))
            {
                warnings.Add(new($"{direction}FilterRules", $"Every {Name(direction)} rule rejects: this filter mirrors no {Name(direction)} traffic."));
            }
            for (var i = 1; i < rules.Count; i++)
            {
                if (rules.Take(i).FirstOrDefault(earlier => Covers(earlier, rules[i])) is { } shadow)
                {
                    warnings.Add(new($"{direction}FilterRules",
                        $"{Capital(Name(direction))} rule {rules[i].RuleNumber} can never match: rule {shadow.RuleNumber} ({shadow.Action.ToString().ToLowerInvariant()}) matches everything it would."));
                }
            }
        }
        return warnings;
    }

    /// <summary>
    /// A filter's IPv6 rules match only IPv6 packets, and a source without an IPv6 address has none: when every source
    /// of the filter's sessions is IPv4-only, those rules can never match (AWS accepts them without a word).
    /// </summary>
    public static MirroringProblem? UnreachableIpv6Rules(MirrorFilter filter, int sources, int sourcesWithIpv6)
    {
        var ipv6Rules = filter.Rules.Where(r => Cidr.TryParse(r.SourceCidrBlock, out var block) && block.IsV6).Select(r => r.RuleNumber).ToList();
        return ipv6Rules.Count == 0 || sources == 0 || sourcesWithIpv6 > 0 ? null
            : new MirroringProblem("FilterRules", $"IPv6 rule{(ipv6Rules.Count == 1 ? "" : "s")} {string.Join(", ", ipv6Rules)} can never match: "
                + $"no source of this filter's sessions has an IPv6 address, so none sends or receives IPv6.");
    }

    /// <summary>Whether every packet that <paramref name="later"/> matches is matched by <paramref name="earlier"/>.</summary>
    public static bool Covers(FilterRule earlier, FilterRule later)
    {
        if (!Cidr.TryParse(earlier.SourceCidrBlock, out var es) || !Cidr.TryParse(later.SourceCidrBlock, out var ls)
            || !Cidr.TryParse(earlier.DestinationCidrBlock, out var ed) || !Cidr.TryParse(later.DestinationCidrBlock, out var ld))
        {
            return false;
        }
        return (earlier.Protocol is null || earlier.Protocol == later.Protocol)
            && Contains(es, ls) && Contains(ed, ld)
            && Contains(earlier.SourcePortRange, later.SourcePortRange)
            && Contains(earlier.DestinationPortRange, later.DestinationPortRange);
    }

    private static bool Contains(Cidr outer, Cidr inner) =>
        outer.IsV6 == inner.IsV6 && outer.PrefixLength <= inner.PrefixLength && (inner.Network & outer.Mask) == outer.Network;

    private static bool Contains(PortRange? outer, PortRange? inner) =>
        outer is null || (inner is not null && inner.FromPort >= outer.FromPort && inner.ToPort <= outer.ToPort);

    private static void CheckPorts(List<MirroringProblem> problems, string field, PortRange? range)
    {
        if (range is not null && (range.FromPort < 0 || range.ToPort > 65535 || range.FromPort > range.ToPort))
        {
            problems.Add(new(field, $"A port range runs from FromPort to ToPort with 0 ≤ FromPort ≤ ToPort ≤ 65535 (got {range.FromPort}-{range.ToPort})."));
        }
    }

    private static string Name(TrafficDirection direction) => direction == TrafficDirection.Ingress ? "ingress" : "egress";

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
