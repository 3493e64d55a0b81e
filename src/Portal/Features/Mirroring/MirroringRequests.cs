using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Features.Mirroring;

// The fields of AWS's requests, in AWS's names, shared by the pages, the REST API, imports and the EC2 Query API.
// Everything is optional here so that the server names what is missing.

public sealed record NewMirrorFilter(string? Description, bool AmazonDns = false, IReadOnlyList<ResourceTag>? Tags = null);

public sealed record PortRangeInput(int? FromPort, int? ToPort);

/// <summary>Protocol by name ("tcp") or IANA number ("6"); empty for all protocols.</summary>
public sealed record FilterRuleInput(
    string? TrafficDirection,
    int? RuleNumber,
    string? RuleAction,
    string? Protocol,
    string? SourceCidrBlock,
    string? DestinationCidrBlock,
    PortRangeInput? SourcePortRange = null,
    PortRangeInput? DestinationPortRange = null,
    string? Description = null);

/// <summary>ModifyTrafficMirrorFilterRule: given fields replace; RemoveFields (destination-port-range, source-port-range, protocol, description) clear.</summary>
/// <param name="Fields">The fields to replace; absent (a body of <c>{}</c>) replaces none.</param>
public sealed record FilterRuleChange(FilterRuleInput? Fields, IReadOnlyList<string>? RemoveFields = null);

public sealed record NewMirrorTarget(string? NetworkInterfaceId, string? NetworkLoadBalancerArn, string? GatewayLoadBalancerEndpointId,
    string? Description = null, IReadOnlyList<ResourceTag>? Tags = null);

public sealed record NewMirrorSession(string? NetworkInterfaceId, string? TrafficMirrorTargetId, string? TrafficMirrorFilterId, int? SessionNumber,
    int? PacketLength = null, int? VirtualNetworkId = null, string? Description = null, IReadOnlyList<ResourceTag>? Tags = null);

/// <summary>ModifyTrafficMirrorSession: given fields replace; RemoveFields (packet-length, description, virtual-network-id) clear.</summary>
public sealed record MirrorSessionChange(string? TrafficMirrorTargetId, string? TrafficMirrorFilterId, int? SessionNumber, int? PacketLength,
    int? VirtualNetworkId, string? Description, IReadOnlyList<string>? RemoveFields = null);

/// <summary>AWS's error codes for the refusals that have one; plain validation failures are InvalidParameterValue.</summary>
public static class Ec2ErrorCodes
{
    public const string FilterNotFound = "InvalidTrafficMirrorFilterNotFound";
    public const string RuleNotFound = "InvalidTrafficMirrorFilterRuleNotFound";
    public const string SessionNotFound = "InvalidTrafficMirrorSessionNotFound";

    // Sic: AWS's documented code for a missing target reads "NoFound".
    public const string TargetNotFound = "InvalidTrafficMirrorTargetNoFound";
    public const string NetworkInterfaceNotFound = "InvalidNetworkInterfaceID.NotFound";
}
