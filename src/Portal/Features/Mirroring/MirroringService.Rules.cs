using MirrorTower.Portal.Features.Mirroring.Ec2;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Mirroring.Network;
using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Features.Mirroring;

public sealed partial class MirroringService
{
    public Task<OperationResult<TrafficMirrorFilterRuleEntity>> CreateRuleAsync(Ec2Caller caller, string filterId, FilterRuleInput input) =>
        changes.RunAsync(caller, "ec2:CreateTrafficMirrorFilterRule", context => Task.FromResult(PlanCreateRule(context, filterId, input)));

    /// <summary>The ec2:CreateTrafficMirrorFilterRule change, for a single call and for imports alike.</summary>
    internal PlannedChange<TrafficMirrorFilterRuleEntity> PlanCreateRule(ChangeContext context, string filterId, FilterRuleInput input)
    {
        var caller = context.Caller;
        if (OwnFilter(context, filterId) is not { } filter)
        {
            return context.NotFound<TrafficMirrorFilterRuleEntity>($"No traffic mirror filter '{filterId}' in account {caller.AccountId}, {caller.Region}.", Ec2ErrorCodes.FilterNotFound);
        }
        var entity = new TrafficMirrorFilterRuleEntity { Id = ids.ResourceId("tmfr"), FilterId = filter.Id, Direction = "", Action = "", SourceCidrBlock = "", DestinationCidrBlock = "" };
        Validate(context.Errors, filter, entity, input, []);
        return context.Plan(Ec2Arns.Of(caller, "traffic-mirror-filter-rule", entity.Id), $"Rule {Describe(entity)} added to {filter.Id}.", () =>
        {
            context.Db.TrafficMirrorFilterRules.Add(entity);
            return entity;
        });
    }

    public Task<OperationResult<TrafficMirrorFilterRuleEntity>> ModifyRuleAsync(Ec2Caller caller, string ruleId, FilterRuleChange change) =>
        changes.RunAsync(caller, "ec2:ModifyTrafficMirrorFilterRule", context =>
        {
            var filter = context.Network.Filters.Values.FirstOrDefault(f => f.Rules.Any(r => r.Id == ruleId));
            if (filter is null || OwnFilter(context, filter.Id) is null)
            {
                return Task.FromResult(context.NotFound<TrafficMirrorFilterRuleEntity>($"No traffic mirror filter rule '{ruleId}' in account {caller.AccountId}, {caller.Region}.", Ec2ErrorCodes.RuleNotFound));
            }
            var current = filter.Rules.Single(r => r.Id == ruleId);
            var merged = Merge(context.Errors, current, change);
            var updated = new TrafficMirrorFilterRuleEntity { Id = current.Id, FilterId = filter.Id, Direction = "", Action = "", SourceCidrBlock = "", DestinationCidrBlock = "" };
            Validate(context.Errors, filter, updated, merged, [current.Id]);
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "traffic-mirror-filter-rule", current.Id), $"Rule {current.Id} of {filter.Id} is now {Describe(updated)}.", () =>
            {
                var tracked = context.Db.TrafficMirrorFilterRules.Find(current.Id)!;
                context.Db.Entry(tracked).CurrentValues.SetValues(updated);
                return tracked;
            }));
        });

    public Task<OperationResult<string>> DeleteRuleAsync(Ec2Caller caller, string ruleId) =>
        changes.RunAsync(caller, "ec2:DeleteTrafficMirrorFilterRule", context =>
        {
            var filter = context.Network.Filters.Values.FirstOrDefault(f => f.Rules.Any(r => r.Id == ruleId));
            if (filter is null || OwnFilter(context, filter.Id) is null)
            {
                return Task.FromResult(context.NotFound<string>($"No traffic mirror filter rule '{ruleId}' in account {caller.AccountId}, {caller.Region}.", Ec2ErrorCodes.RuleNotFound));
            }
            var rule = filter.Rules.Single(r => r.Id == ruleId);
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "traffic-mirror-filter-rule", rule.Id), $"Rule {Describe(rule)} removed from {filter.Id}.", () =>
            {
                context.Db.TrafficMirrorFilterRules.Remove(context.Db.TrafficMirrorFilterRules.Find(rule.Id)!);
                return rule.Id;
            }));
        });

    /// <summary>Parses the input into <paramref name="entity"/> and adds every problem: the wire values, then the engine's rules.</summary>
    private void Validate(FieldErrors errors, TrafficMirrorFilterEntity filter, TrafficMirrorFilterRuleEntity entity, FilterRuleInput input, IReadOnlyList<string> replacing)
    {
        var parsed = RuleMapping.TryDirection(input.TrafficDirection, out var direction);
        if (!parsed)
        {
            errors.Add("trafficDirection", $"The traffic direction is 'ingress' or 'egress', not '{input.TrafficDirection}'.");
        }
        if (!RuleMapping.TryAction(input.RuleAction, out var action))
        {
            errors.Add("ruleAction", $"The rule action is 'accept' or 'reject', not '{input.RuleAction}'.");
        }
        if (input.RuleNumber is null)
        {
            errors.Add("ruleNumber", "The rule number is required.");
        }
        if (!Protocols.TryParse(input.Protocol, out var protocol))
        {
            parsed = false;
            errors.Add("protocol", $"'{input.Protocol}' is not a protocol: give a name (tcp, udp, icmp, ...) or an IANA number from 0 to 255.");
        }
        foreach (var (field, value) in new[] { ("sourceCidrBlock", input.SourceCidrBlock), ("destinationCidrBlock", input.DestinationCidrBlock) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(field, $"The {field} is required (0.0.0.0/0 for any IPv4 address).");
            }
        }
        var sourcePorts = Range(errors, "sourcePortRange", input.SourcePortRange);
        var destinationPorts = Range(errors, "destinationPortRange", input.DestinationPortRange);
        CheckDescription(errors, input.Description);
        var rule = new FilterRule(direction, input.RuleNumber ?? 0, action, protocol, input.SourceCidrBlock?.Trim() ?? "", input.DestinationCidrBlock?.Trim() ?? "",
            sourcePorts, destinationPorts, entity.Id, input.Description);
        if (parsed)
        {
            // The engine's rules (numbers, limits, ports only with TCP/UDP, CIDR families); one message per field is enough
            // where the wire value was already refused above.
            var others = filter.Rules.Where(r => !replacing.Contains(r.Id)).Select(RuleMapping.ToEngine);
            var refusedAlready = new[] { "ruleNumber", "sourceCidrBlock", "destinationCidrBlock", "sourcePortRange", "destinationPortRange" }.Where(f => errors.For(f).Count > 0).ToHashSet();
            foreach (var problem in FilterRules.Validate(rule, others, Limits))
            {
                var field = char.ToLowerInvariant(problem.Field[0]) + problem.Field[1..];
                if (!refusedAlready.Contains(field))
                {
                    errors.Add(field, problem.Message);
                }
            }
        }
        entity.Direction = RuleMapping.Wire(direction);
        entity.Action = RuleMapping.Wire(action);
        entity.RuleNumber = rule.RuleNumber;
        entity.Protocol = protocol;
        entity.SourceCidrBlock = rule.SourceCidrBlock;
        entity.DestinationCidrBlock = rule.DestinationCidrBlock;
        (entity.SourceFromPort, entity.SourceToPort) = (sourcePorts?.FromPort, sourcePorts?.ToPort);
        (entity.DestinationFromPort, entity.DestinationToPort) = (destinationPorts?.FromPort, destinationPorts?.ToPort);
        entity.Description = input.Description?.Trim() ?? "";
    }

    private static PortRange? Range(FieldErrors errors, string field, PortRangeInput? input)
    {
        if (input is null || (input.FromPort is null && input.ToPort is null))
        {
            return null;
        }
        if (input.FromPort is null || input.ToPort is null)
        {
            errors.Add(field, "A port range needs both FromPort and ToPort.");
            return null;
        }
        return new PortRange(input.FromPort.Value, input.ToPort.Value);
    }

    private static FilterRuleInput Merge(FieldErrors errors, TrafficMirrorFilterRuleEntity current, FilterRuleChange change)
    {
        var remove = change.RemoveFields ?? [];
        foreach (var unknown in remove.Except(["destination-port-range", "source-port-range", "protocol", "description"]))
        {
            errors.Add("removeFields", $"'{unknown}' cannot be removed: only destination-port-range, source-port-range, protocol and description can.");
        }
        var f = change.Fields ?? new FilterRuleInput(null, null, null, null, null, null);
        PortRangeInput? Keep(string name, PortRangeInput? given, int? from, int? to) =>
            remove.Contains(name) ? null : given ?? (from is null ? null : new PortRangeInput(from, to));
        return new FilterRuleInput(
            f.TrafficDirection ?? current.Direction,
            f.RuleNumber ?? current.RuleNumber,
            f.RuleAction ?? current.Action,
            remove.Contains("protocol") ? null : f.Protocol ?? current.Protocol?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            f.SourceCidrBlock ?? current.SourceCidrBlock,
            f.DestinationCidrBlock ?? current.DestinationCidrBlock,
            Keep("source-port-range", f.SourcePortRange, current.SourceFromPort, current.SourceToPort),
            Keep("destination-port-range", f.DestinationPortRange, current.DestinationFromPort, current.DestinationToPort),
            remove.Contains("description") ? null : f.Description ?? current.Description);
    }

    private static string Describe(TrafficMirrorFilterRuleEntity rule) => TrafficMirrorFilterRule.From(rule).Summary();
}
