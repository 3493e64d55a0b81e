namespace MirrorTower.Portal.Features.Mirroring.Model;

/// <summary>A tag as AWS stores it.</summary>
public sealed record ResourceTag(string Key, string Value);

/// <summary>A TrafficMirrorFilter of one account in one Region.</summary>
public sealed class TrafficMirrorFilterEntity
{
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string Region { get; init; }
    public string Description { get; set; } = "";
    public bool AmazonDns { get; set; }
    public List<ResourceTag> Tags { get; set; } = [];
    public List<TrafficMirrorFilterRuleEntity> Rules { get; set; } = [];
}

public sealed class TrafficMirrorFilterRuleEntity
{
    public required string Id { get; init; }
    public required string FilterId { get; init; }
    public required string Direction { get; set; }
    public int RuleNumber { get; set; }
    public required string Action { get; set; }
    public int? Protocol { get; set; }
    public required string SourceCidrBlock { get; set; }
    public required string DestinationCidrBlock { get; set; }
    public int? SourceFromPort { get; set; }
    public int? SourceToPort { get; set; }
    public int? DestinationFromPort { get; set; }
    public int? DestinationToPort { get; set; }
    public string Description { get; set; } = "";
}

/// <summary>A TrafficMirrorTarget: exactly one of an ENI, an NLB or a GWLB endpoint.</summary>
public sealed class TrafficMirrorTargetEntity
{
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string Region { get; init; }
    public required string Type { get; init; }
    public string? NetworkInterfaceId { get; init; }
    public string? NetworkLoadBalancerArn { get; init; }
    public string? GatewayLoadBalancerEndpointId { get; init; }
    public string Description { get; set; } = "";
    public List<ResourceTag> Tags { get; set; } = [];
}

public sealed class TrafficMirrorSessionEntity
{
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string Region { get; init; }
    public required string NetworkInterfaceId { get; init; }
    public required string TargetId { get; set; }
    public required string FilterId { get; set; }
    public int SessionNumber { get; set; }
    public int? PacketLength { get; set; }
    public int VirtualNetworkId { get; set; }
    public string Description { get; set; } = "";
    public List<ResourceTag> Tags { get; set; } = [];
}
