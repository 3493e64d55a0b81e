using MirrorTower.Engine.Mirroring;
using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Features.Mirroring;

public sealed record FilterView(TrafficMirrorFilter Filter, string AccountName, IReadOnlyList<TrafficMirrorFilterRule> Ingress,
    IReadOnlyList<TrafficMirrorFilterRule> Egress, IReadOnlyList<MirroringProblem> Warnings, int SessionCount);

public sealed record TargetView(TrafficMirrorTarget Target, string AccountName, string Resource, string? VpcId, int SourceCount,
    int? SourceLimit, IReadOnlyList<MirroringProblem> Warnings, IReadOnlyList<Appliance> Appliances, decimal MonthlyUsd);

public sealed record SessionView(TrafficMirrorSession Session, string AccountName, string SourceName, string? VpcId, string TargetLabel,
    string FilterLabel, IReadOnlyList<MirroringProblem> TargetWarnings);

/// <summary>An ENI with its sessions in the order AWS tries them (ascending session number).</summary>
public sealed record EniView(string EniId, string AccountId, string AccountName, string Region, string VpcId, string VpcName, string SubnetId,
    string PrivateIp, string? InstanceId, string? InstanceName, string? InstanceType, bool EligibleSource, string Eligibility, long? BandwidthBitsPerSecond,
    bool IsTarget, IReadOnlyList<SessionView> Sessions)
{
    /// <summary>The interface's IPv6 addresses; none when its subnet is IPv4-only.</summary>
    public IReadOnlyList<string> Ipv6Addresses { get; init; } = [];

    /// <summary>An appliance behind a load balancer target: part of the inspection fleet, not a workload to mirror.</summary>
    public bool IsAppliance { get; init; }

    public string Label => InstanceName is null ? EniId : $"{InstanceName} ({EniId})";
}

public sealed record CoverageRow(string AccountId, string AccountName, string VpcId, string VpcName, string Region, int Enis, int Mirrored,
    IReadOnlyList<EniView> BlindSpots, decimal MonthlyUsd)
{
    public double Percent => Enis == 0 ? 0 : 100.0 * Mirrored / Enis;
}

public sealed record QuotaRow(string Quota, string Scope, int Used, int Limit)
{
    public double Percent => Limit == 0 ? 0 : 100.0 * Used / Limit;
}

public sealed record MirroringOverview(
    IReadOnlyList<FilterView> Filters,
    IReadOnlyList<TargetView> Targets,
    IReadOnlyList<SessionView> Sessions,
    IReadOnlyList<EniView> Enis,
    IReadOnlyList<CoverageRow> Coverage,
    IReadOnlyList<QuotaRow> Quotas,
    int ActiveEnis,
    decimal MonthlyUsd);

/// <summary>An account to pick in a form.</summary>
public sealed record AccountChoice(string Id, string Name);
