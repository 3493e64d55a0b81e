using System.Text.Json;
using System.Text.Json.Serialization;

namespace MirrorTower.Portal.Features.Mirroring;

// The JSON the AWS CLI prints for describe-traffic-mirror-filters, -targets and -sessions (PascalCase, as in
// shared/reference/examples), which MirrorTower exports and imports.

public sealed record AwsTag(string Key, string Value);

public sealed record AwsPortRange(int? FromPort, int? ToPort);

public sealed record AwsFilterRule(string? TrafficMirrorFilterRuleId, string? TrafficMirrorFilterId, string? TrafficDirection, int? RuleNumber, string? RuleAction,
    int? Protocol, AwsPortRange? DestinationPortRange, AwsPortRange? SourcePortRange, string? DestinationCidrBlock, string? SourceCidrBlock, string? Description);

public sealed record AwsFilter(string? TrafficMirrorFilterId, List<AwsFilterRule>? IngressFilterRules, List<AwsFilterRule>? EgressFilterRules,
    List<string>? NetworkServices, string? Description, List<AwsTag>? Tags);

public sealed record AwsTarget(string? TrafficMirrorTargetId, string? NetworkInterfaceId, string? NetworkLoadBalancerArn, string? GatewayLoadBalancerEndpointId,
    string? Type, string? Description, string? OwnerId, List<AwsTag>? Tags);

public sealed record AwsSession(string? TrafficMirrorSessionId, string? TrafficMirrorTargetId, string? TrafficMirrorFilterId, string? NetworkInterfaceId,
    string? OwnerId, int? PacketLength, int? SessionNumber, int? VirtualNetworkId, string? Description, List<AwsTag>? Tags);

/// <summary>Any of the three describe outputs, or all three in one document.</summary>
public sealed record MirroringDocument(List<AwsFilter>? TrafficMirrorFilters, List<AwsTarget>? TrafficMirrorTargets, List<AwsSession>? TrafficMirrorSessions)
{
    /// <summary>AWS's spelling: PascalCase names, absent values left out.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = null,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };
}

/// <summary>What an import created: AWS assigns ids, so every imported id maps to a new one.</summary>
public sealed record ImportResult(IReadOnlyDictionary<string, string> Ids, int Filters, int Rules, int Targets, int Sessions);
