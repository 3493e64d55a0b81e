using MirrorTower.Portal.Features.Mirroring.Ec2;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Mirroring.Network;
using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Features.Mirroring;

/// <summary>
/// Export and import in the AWS CLI's shapes. An import validates every element with the same rules and SCP checks
/// as one call would, in document order (filters and their rules, then targets, then sessions), and saves all of it
/// in one transaction or nothing, with one message per broken element named by its path in the document.
/// References between imported objects follow their new ids; other references must name MirrorTower objects.
/// </summary>
public sealed class MirroringTransfer(Ec2Changes changes, MirroringService mirroring, IDbContextFactory<PortalDbContext> dbFactory)
{
    private const string Action = "mirrortower:ImportTrafficMirroring";

    public async Task<MirroringDocument> ExportAsync(string accountId, string region, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var network = await NetworkSnapshot.LoadAsync(db, cancellationToken);
        static List<AwsTag> Tags(IEnumerable<ResourceTag> tags) => tags.Select(t => new AwsTag(t.Key, t.Value)).ToList();
        static AwsFilterRule Rule(TrafficMirrorFilterRuleEntity r) => new(r.Id, r.FilterId, r.Direction, r.RuleNumber, r.Action, r.Protocol,
            r.DestinationFromPort is null ? null : new AwsPortRange(r.DestinationFromPort, r.DestinationToPort),
            r.SourceFromPort is null ? null : new AwsPortRange(r.SourceFromPort, r.SourceToPort), r.DestinationCidrBlock, r.SourceCidrBlock, r.Description);
        bool Mine(string account, string inRegion) => account == accountId && inRegion == region;
        return new MirroringDocument(
            network.Filters.Values.Where(f => Mine(f.AccountId, f.Region)).OrderBy(f => f.Id).Select(f => new AwsFilter(f.Id,
                f.Rules.Where(r => r.Direction == "ingress").OrderBy(r => r.RuleNumber).Select(Rule).ToList(),
                f.Rules.Where(r => r.Direction == "egress").OrderBy(r => r.RuleNumber).Select(Rule).ToList(),
                f.AmazonDns ? [MirroringService.AmazonDns] : [], f.Description, Tags(f.Tags))).ToList(),
            network.Targets.Values.Where(t => Mine(t.AccountId, t.Region)).OrderBy(t => t.Id).Select(t => new AwsTarget(t.Id, t.NetworkInterfaceId, t.NetworkLoadBalancerArn,
                t.GatewayLoadBalancerEndpointId, t.Type, t.Description, t.AccountId, Tags(t.Tags))).ToList(),
            network.Sessions.Values.Where(s => Mine(s.AccountId, s.Region)).OrderBy(s => s.NetworkInterfaceId).ThenBy(s => s.SessionNumber).Select(s => new AwsSession(s.Id,
                s.TargetId, s.FilterId, s.NetworkInterfaceId, s.AccountId, s.PacketLength, s.SessionNumber, s.VirtualNetworkId, s.Description, Tags(s.Tags))).ToList());
    }

    public Task<OperationResult<ImportResult>> ImportAsync(Ec2Caller caller, MirroringDocument document) =>
        changes.RunInAccountAsync(caller, Action, context => Task.FromResult(Import(context, document)));

    /// <summary>Plans every element; applies them all, each audited, or none when any is refused.</summary>
    private OperationResult<ImportResult> Import(ChangeContext context, MirroringDocument document)
    {
        var caller = context.Caller;
        var errors = new FieldErrors();
        var ids = new Dictionary<string, string>();
        var counts = new int[4];

        // One element: plan it, report its problems under its path, or ask the SCPs, apply it and remember it.
        T? Step<T>(string path, string action, Func<PlannedChange<T>> plan) where T : class
        {
            var planned = plan();
            var missed = context.Missing;
            var problems = context.TakeErrors();
            if (missed is { } missing)
            {
                errors.Add(path, missing.Message);
                return null;
            }
            foreach (var (field, messages) in problems.ToDictionary())
            {
                foreach (var message in messages)
                {
                    errors.Add($"{path}.{field}", message);
                }
            }
            if (!problems.IsEmpty)
            {
                return null;
            }
            if (Ec2Changes.Decide(context, action, planned.ResourceArn) is { } denial)
            {
                errors.Add(path, $"{action} is denied by the account's SCPs: {denial}");
                return null;
            }
            var value = planned.Apply();
            context.Db.AuditEvents.Add(caller.Actor.Record(action, planned.ResourceArn, AuditOutcome.Succeeded, planned.Summary + " (import)", caller.AccountId, caller.PrincipalArn, caller.Region));
            return value;
        }

        string Mapped(string? id) => id is not null && ids.TryGetValue(id, out var created) ? created : id ?? "";

        foreach (var (filter, i) in (document.TrafficMirrorFilters ?? []).Select((f, i) => (f, i)))
        {
            var path = $"TrafficMirrorFilters[{i}]";
            foreach (var service in (filter.NetworkServices ?? []).Where(s => s != MirroringService.AmazonDns))
            {
                errors.Add($"{path}.NetworkServices", $"'{service}' is not a network service: the only one is {MirroringService.AmazonDns}.");
            }
            var created = Step(path, "ec2:CreateTrafficMirrorFilter", () => mirroring.PlanCreateFilter(context, new NewMirrorFilter(filter.Description,
                filter.NetworkServices?.Contains(MirroringService.AmazonDns) == true, filter.Tags?.Select(t => new ResourceTag(t.Key, t.Value)).ToList())));
            if (created is null)
            {
                continue;
            }
            counts[0]++;
            context.Network.Remember(created);
            if (filter.TrafficMirrorFilterId is { } oldId)
            {
                ids[oldId] = created.Id;
            }
            var rules = (filter.IngressFilterRules ?? []).Select((r, j) => (Rule: r, Path: $"{path}.IngressFilterRules[{j}]", Direction: "ingress"))
                .Concat((filter.EgressFilterRules ?? []).Select((r, j) => (Rule: r, Path: $"{path}.EgressFilterRules[{j}]", Direction: "egress")));
            foreach (var (rule, rulePath, direction) in rules)
            {
                var input = new FilterRuleInput(rule.TrafficDirection ?? direction, rule.RuleNumber, rule.RuleAction, rule.Protocol?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    rule.SourceCidrBlock, rule.DestinationCidrBlock, Range(rule.SourcePortRange), Range(rule.DestinationPortRange), rule.Description);
                if (Step(rulePath, "ec2:CreateTrafficMirrorFilterRule", () => mirroring.PlanCreateRule(context, created.Id, input)) is { } added)
                {
                    counts[1]++;
                    if (rule.TrafficMirrorFilterRuleId is { } oldRule)
                    {
                        ids[oldRule] = added.Id;
                    }
                }
            }
        }
        foreach (var (target, i) in (document.TrafficMirrorTargets ?? []).Select((t, i) => (t, i)))
        {
            var created = Step($"TrafficMirrorTargets[{i}]", "ec2:CreateTrafficMirrorTarget", () => mirroring.PlanCreateTarget(context, new NewMirrorTarget(
                target.NetworkInterfaceId, target.NetworkLoadBalancerArn, target.GatewayLoadBalancerEndpointId, target.Description, target.Tags?.Select(t => new ResourceTag(t.Key, t.Value)).ToList())));
            if (created is not null)
            {
                counts[2]++;
                context.Network.Remember(created);
                if (target.TrafficMirrorTargetId is { } oldId)
                {
                    ids[oldId] = created.Id;
                }
            }
        }
        foreach (var (session, i) in (document.TrafficMirrorSessions ?? []).Select((s, i) => (s, i)))
        {
            var created = Step($"TrafficMirrorSessions[{i}]", "ec2:CreateTrafficMirrorSession", () => mirroring.PlanCreateSession(context, new NewMirrorSession(
                session.NetworkInterfaceId, Mapped(session.TrafficMirrorTargetId), Mapped(session.TrafficMirrorFilterId), session.SessionNumber, session.PacketLength,
                session.VirtualNetworkId, session.Description, session.Tags?.Select(t => new ResourceTag(t.Key, t.Value)).ToList())));
            if (created is not null)
            {
                counts[3]++;
                context.Network.Remember(created);
                if (session.TrafficMirrorSessionId is { } oldId)
                {
                    ids[oldId] = created.Id;
                }
            }
        }

        if (counts.Sum() == 0 && errors.IsEmpty)
        {
            errors.Add("document", "The document holds no TrafficMirrorFilters, TrafficMirrorTargets or TrafficMirrorSessions.");
        }
        if (!errors.IsEmpty)
        {
            return OperationResult<ImportResult>.Invalid(errors) with { Message = $"Nothing imported: {errors}" };
        }
        if (caller.DryRun)
        {
            return Ec2Changes.DryRun<ImportResult>();
        }
        return context.Change.SucceedWithOwnAudit(new ImportResult(ids, counts[0], counts[1], counts[2], counts[3]));
    }

    private static PortRangeInput? Range(AwsPortRange? range) => range is null ? null : new PortRangeInput(range.FromPort, range.ToPort);
}
