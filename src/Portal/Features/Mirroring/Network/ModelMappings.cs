using System.Globalization;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Features.Mirroring.Network;

/// <summary>AWS's wire names of target types: <c>network-interface</c>, <c>network-load-balancer</c>, <c>gateway-load-balancer-endpoint</c>.</summary>
public static class TargetTypes
{
    public const string NetworkInterface = "network-interface";
    public const string NetworkLoadBalancer = "network-load-balancer";
    public const string GatewayLoadBalancerEndpoint = "gateway-load-balancer-endpoint";

    public static TargetType Parse(string type) => type switch
    {
        NetworkLoadBalancer => TargetType.NetworkLoadBalancer,
        GatewayLoadBalancerEndpoint => TargetType.GatewayLoadBalancerEndpoint,
        _ => TargetType.NetworkInterface,
    };
}

/// <summary>Listeners are stored as "UDP 4789".</summary>
public static class ListenerText
{
    public static readonly string[] Protocols = ["TCP", "UDP", "TCP_UDP", "TLS", "GENEVE"];

    public static Listener? Parse(string text)
    {
        var parts = text.Trim().Split([' ', ':', '/'], 2, StringSplitOptions.RemoveEmptyEntries);
        return parts is [var protocol, var port]
            && Protocols.Contains(protocol.ToUpperInvariant())
            && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535
            ? new Listener(protocol.ToUpperInvariant(), number) : null;
    }
}

/// <summary>Between the stored rule, the engine's rule and AWS's lowercase wire values.</summary>
public static class RuleMapping
{
    public static string Wire(TrafficDirection direction) => direction == TrafficDirection.Ingress ? "ingress" : "egress";

    public static string Wire(RuleAction action) => action == RuleAction.Accept ? "accept" : "reject";

    public static bool TryDirection(string? text, out TrafficDirection direction)
    {
        direction = text?.Trim().ToLowerInvariant() == "egress" ? TrafficDirection.Egress : TrafficDirection.Ingress;
        return text?.Trim().ToLowerInvariant() is "ingress" or "egress";
    }

    public static bool TryAction(string? text, out RuleAction action)
    {
        action = text?.Trim().ToLowerInvariant() == "reject" ? RuleAction.Reject : RuleAction.Accept;
        return text?.Trim().ToLowerInvariant() is "accept" or "reject";
    }

    public static FilterRule ToEngine(TrafficMirrorFilterRuleEntity rule) => new(
        rule.Direction == "egress" ? TrafficDirection.Egress : TrafficDirection.Ingress,
        rule.RuleNumber,
        rule.Action == "reject" ? RuleAction.Reject : RuleAction.Accept,
        rule.Protocol,
        rule.SourceCidrBlock,
        rule.DestinationCidrBlock,
        rule.SourceFromPort is { } sf && rule.SourceToPort is { } st ? new PortRange(sf, st) : null,
        rule.DestinationFromPort is { } df && rule.DestinationToPort is { } dt ? new PortRange(df, dt) : null,
        rule.Id,
        rule.Description);
}
