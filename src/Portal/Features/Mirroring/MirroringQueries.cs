using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Mirroring.Network;
using MirrorTower.Portal.Features.Mirroring.Model;
using MirrorTower.Portal.Features.Organization;

namespace MirrorTower.Portal.Features.Mirroring;

/// <summary>
/// The read side of mirroring: every filter, target and session with the warnings AWS never shows, each ENI's
/// sessions in priority order, coverage and blind spots, quota headroom and the monthly cost.
/// </summary>
public sealed class MirroringQueries(IDbContextFactory<PortalDbContext> dbFactory, IOptions<MirroringLimits> options)
{
    public async Task<MirroringOverview> OverviewAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        var network = await NetworkSnapshot.LoadAsync(db, cancellationToken);
        return Build(org, network, options.Value);
    }

    /// <summary>Each filter's name as the pages show it: its description, or its id when it has none.</summary>
    public async Task<Dictionary<string, string>> FilterNamesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.TrafficMirrorFilters.AsNoTracking()
            .ToDictionaryAsync(f => f.Id, f => f.Description.Length > 0 ? f.Description : f.Id, cancellationToken);
    }

    private static IReadOnlyList<MirroringProblem> FilterWarnings(NetworkSnapshot network, TrafficMirrorFilterEntity filter)
    {
        var engine = network.ToEngine(filter);
        var sources = network.Sessions.Values.Where(s => s.FilterId == filter.Id).Select(s => network.Enis.GetValueOrDefault(s.NetworkInterfaceId)).OfType<NetworkInterface>().ToList();
        return [.. FilterRules.Warnings(engine), .. new[] { FilterRules.UnreachableIpv6Rules(engine, sources.Count, sources.Count(e => e.Ipv6Addresses.Count > 0)) }.OfType<MirroringProblem>()];
    }

    public static MirroringOverview Build(OrganizationSnapshot org, NetworkSnapshot network, MirroringLimits limits)
    {
        string AccountName(string id) => org.Account(id)?.Name ?? id;
        var targets = network.Targets.Values.OrderBy(t => t.Id).Select(t => TargetViewOf(t, network, limits, AccountName(t.AccountId))).ToDictionary(t => t.Target.Id);
        var sessions = network.Sessions.Values.OrderBy(s => s.NetworkInterfaceId).ThenBy(s => s.SessionNumber)
            .Select(s => SessionViewOf(s, network, targets, AccountName(s.AccountId))).ToList();
        var enis = network.Enis.Values.Select(e => EniViewOf(e, network, sessions, AccountName)).OfType<EniView>()
            .OrderBy(e => e.AccountName).ThenBy(e => e.VpcName).ThenBy(e => e.Label).ToList();
        var filters = network.Filters.Values.OrderBy(f => f.Id).Select(f => new FilterView(TrafficMirrorFilter.From(f), AccountName(f.AccountId),
            f.Rules.Where(r => r.Direction == "ingress").OrderBy(r => r.RuleNumber).Select(TrafficMirrorFilterRule.From).ToList(),
            f.Rules.Where(r => r.Direction == "egress").OrderBy(r => r.RuleNumber).Select(TrafficMirrorFilterRule.From).ToList(),
            FilterWarnings(network, f), network.Sessions.Values.Count(s => s.FilterId == f.Id))).ToList();
        var active = enis.Count(e => e.Sessions.Count > 0);
        return new MirroringOverview(filters, targets.Values.ToList(), sessions, enis, Coverage(enis), Quotas(org, network, filters, targets.Values, limits),
            active, MirroringCost.MonthlyUsd(active));
    }

    private static TargetView TargetViewOf(TrafficMirrorTargetEntity target, NetworkSnapshot network, MirroringLimits limits, string accountName)
    {
        var facts = network.FactsOf(target);
        var sources = network.Sessions.Values.Where(s => s.TargetId == target.Id).Select(s => s.NetworkInterfaceId).Distinct().Count();
        var resource = target.NetworkInterfaceId ?? (target.NetworkLoadBalancerArn is { } arn ? network.LoadBalancers.GetValueOrDefault(arn)?.Name ?? arn : target.GatewayLoadBalancerEndpointId) ?? "";
        return new TargetView(TrafficMirrorTarget.From(target), accountName, resource, network.VpcOfTarget(target), sources,
            facts.Type == TargetType.NetworkInterface ? limits.SourcesPerEniTarget : null, TargetChecks.Warnings(facts), facts.Appliances, MirroringCost.MonthlyUsd(sources));
    }

    private static SessionView SessionViewOf(TrafficMirrorSessionEntity session, NetworkSnapshot network, IReadOnlyDictionary<string, TargetView> targets, string accountName)
    {
        var eni = network.Enis.GetValueOrDefault(session.NetworkInterfaceId);
        var instance = eni?.InstanceId is { } id ? network.Instances.GetValueOrDefault(id) : null;
        var target = targets.GetValueOrDefault(session.TargetId);
        var filter = network.Filters.GetValueOrDefault(session.FilterId);
        return new SessionView(TrafficMirrorSession.From(session), accountName, instance?.Name ?? session.NetworkInterfaceId, eni is null ? null : network.VpcOfEni(eni)?.Id,
            // Names where people read; the ids stay on the session (TargetId, FilterId) and in the pages' tooltips.
            target is null ? session.TargetId : target.Resource,
            filter is null ? session.FilterId : filter.Description.Length > 0 ? filter.Description : filter.Id,
            target?.Warnings ?? [new MirroringProblem("Target", "The target no longer exists.")]);
    }

    private static EniView? EniViewOf(NetworkInterface eni, NetworkSnapshot network, IReadOnlyList<SessionView> sessions, Func<string, string> accountName)
    {
        if (network.VpcOfEni(eni) is not { } vpc)
        {
            return null;
        }
        var instance = eni.InstanceId is { } id ? network.Instances.GetValueOrDefault(id) : null;
        var (eligible, why) = InstanceEligibility.Check(instance?.InstanceType);
        return new EniView(eni.Id, vpc.AccountId, accountName(vpc.AccountId), vpc.Region, vpc.Id, vpc.Name, eni.SubnetId, eni.PrivateIpAddress,
            instance?.Id, instance?.Name, instance?.InstanceType, eligible, instance is null ? "Not attached to an instance: it cannot be a source." : why,
            InstanceBandwidth.BitsPerSecond(instance?.InstanceType), network.Targets.Values.Any(t => t.NetworkInterfaceId == eni.Id),
            sessions.Where(s => s.Session.NetworkInterfaceId == eni.Id).OrderBy(s => s.Session.SessionNumber).ToList())
        {
            IsAppliance = instance is not null && network.LoadBalancers.Values.Any(l => l.Appliances.Any(a => a.InstanceId == instance.Id)),
            Ipv6Addresses = [.. eni.Ipv6Addresses.Select(a => a.Address).Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>Per account and VPC: how many ENIs are mirrored; the unmirrored ones (targets and appliances excluded) are the blind spots.</summary>
    private static List<CoverageRow> Coverage(IReadOnlyList<EniView> enis) =>
        enis.Where(e => !e.IsTarget && !e.IsAppliance).GroupBy(e => (e.AccountId, e.AccountName, e.VpcId, e.VpcName, e.Region))
            .Select(g => new CoverageRow(g.Key.AccountId, g.Key.AccountName, g.Key.VpcId, g.Key.VpcName, g.Key.Region, g.Count(),
                g.Count(e => e.Sessions.Count > 0), g.Where(e => e.Sessions.Count == 0).ToList(), MirroringCost.MonthlyUsd(g.Count(e => e.Sessions.Count > 0))))
            .OrderBy(r => r.AccountName).ThenBy(r => r.VpcName).ToList();

    /// <summary>The quotas that bite late, fullest first: sessions per ENI, rules per filter direction, sources per ENI target, per-account totals.</summary>
    private static List<QuotaRow> Quotas(OrganizationSnapshot org, NetworkSnapshot network, IReadOnlyList<FilterView> filters, IEnumerable<TargetView> targets, MirroringLimits limits)
    {
        var rows = new List<QuotaRow>();
        rows.AddRange(network.Sessions.Values.GroupBy(s => s.NetworkInterfaceId).Select(g => new QuotaRow("Sessions per source ENI", g.Key, g.Count(), limits.SessionsPerSourceEni)));
        rows.AddRange(filters.SelectMany(f => new[]
        {
            new QuotaRow("Ingress rules per filter", f.Filter.Id, f.Ingress.Count, limits.RulesPerDirection),
            new QuotaRow("Egress rules per filter", f.Filter.Id, f.Egress.Count, limits.RulesPerDirection),
        }));
        rows.AddRange(targets.Where(t => t.SourceLimit is not null).Select(t => new QuotaRow("Sources per ENI target", t.Target.Id, t.SourceCount, t.SourceLimit!.Value)));
        foreach (var account in network.Sessions.Values.Select(s => (s.AccountId, s.Region)).Concat(network.Filters.Values.Select(f => (f.AccountId, f.Region))).Distinct())
        {
            var scope = $"{org.Account(account.AccountId)?.Name ?? account.AccountId} · {account.Region}";
            rows.Add(new("Sessions per account", scope, network.Sessions.Values.Count(s => (s.AccountId, s.Region) == account), limits.ResourcesPerAccount));
            rows.Add(new("Filters per account", scope, network.Filters.Values.Count(f => (f.AccountId, f.Region) == account), limits.ResourcesPerAccount));
        }
        return rows.OrderByDescending(r => r.Percent).ThenBy(r => r.Quota).ToList();
    }
}
