using MirrorTower.Engine.Mirroring;
using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Features.Mirroring;

// What the REST API and the pages are given: records, never the EF entities (whose shape is the database's and may
// change with a migration). Each maps from its entity in one place.

public sealed record TrafficMirrorTag(string Key, string Value)
{
    public static IReadOnlyList<TrafficMirrorTag> From(IEnumerable<ResourceTag> tags) => [.. tags.Select(t => new TrafficMirrorTag(t.Key, t.Value))];
}

public sealed record TrafficMirrorFilterRule(string Id, string FilterId, string Direction, int RuleNumber, string Action, int? Protocol,
    string SourceCidrBlock, string DestinationCidrBlock, int? SourceFromPort, int? SourceToPort, int? DestinationFromPort, int? DestinationToPort,
    string Description)
{
    public static TrafficMirrorFilterRule From(TrafficMirrorFilterRuleEntity rule) => new(rule.Id, rule.FilterId, rule.Direction, rule.RuleNumber, rule.Action,
        rule.Protocol, rule.SourceCidrBlock, rule.DestinationCidrBlock, rule.SourceFromPort, rule.SourceToPort, rule.DestinationFromPort,
        rule.DestinationToPort, rule.Description);

    /// <summary>One line for pages and the audit trail: direction, number, action, protocol, CIDRs and destination ports.</summary>
    public string Summary()
    {
        var ports = DestinationFromPort is { } from ? $" port {(from == DestinationToPort ? $"{from}" : $"{from}-{DestinationToPort}")}" : "";
        return $"{Direction} {RuleNumber} {Action} {Protocols.Name(Protocol)} {SourceCidrBlock} → {DestinationCidrBlock}{ports}";
    }
}

public sealed record TrafficMirrorFilter(string Id, string AccountId, string Region, string Description, bool AmazonDns, IReadOnlyList<TrafficMirrorTag> Tags,
    IReadOnlyList<TrafficMirrorFilterRule> Rules)
{
    public static TrafficMirrorFilter From(TrafficMirrorFilterEntity filter) => new(filter.Id, filter.AccountId, filter.Region, filter.Description,
        filter.AmazonDns, TrafficMirrorTag.From(filter.Tags), [.. filter.Rules.OrderBy(r => r.Direction, StringComparer.Ordinal).ThenBy(r => r.RuleNumber).Select(TrafficMirrorFilterRule.From)]);
}

public sealed record TrafficMirrorTarget(string Id, string AccountId, string Region, string Type, string? NetworkInterfaceId, string? NetworkLoadBalancerArn,
    string? GatewayLoadBalancerEndpointId, string Description, IReadOnlyList<TrafficMirrorTag> Tags)
{
    public static TrafficMirrorTarget From(TrafficMirrorTargetEntity target) => new(target.Id, target.AccountId, target.Region, target.Type,
        target.NetworkInterfaceId, target.NetworkLoadBalancerArn, target.GatewayLoadBalancerEndpointId, target.Description, TrafficMirrorTag.From(target.Tags));
}

public sealed record TrafficMirrorSession(string Id, string AccountId, string Region, string NetworkInterfaceId, string TargetId, string FilterId,
    int SessionNumber, int? PacketLength, int VirtualNetworkId, string Description, IReadOnlyList<TrafficMirrorTag> Tags)
{
    public static TrafficMirrorSession From(TrafficMirrorSessionEntity session) => new(session.Id, session.AccountId, session.Region, session.NetworkInterfaceId,
        session.TargetId, session.FilterId, session.SessionNumber, session.PacketLength, session.VirtualNetworkId, session.Description, TrafficMirrorTag.From(session.Tags));
}
