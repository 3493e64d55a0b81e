using MirrorTower.Portal.Features.Mirroring.Ec2;
using Microsoft.Extensions.Options;
using MirrorTower.Engine;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Mirroring.Network;
using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Features.Mirroring;

/// <summary>
/// Filters and their network services here; rules in <c>.Rules.cs</c>; targets and sessions in <c>.Sessions.cs</c>.
/// Every rule and limit of the reference is checked by the engine's validators, every change is an
/// <c>ec2:*TrafficMirror*</c> call decided by the account's SCPs and audited (see <see cref="Ec2Changes"/>).
/// </summary>
public sealed partial class MirroringService(Ec2Changes changes, AwsIdentifiers ids, IOptions<MirroringLimits> options)
{
    public const string AmazonDns = "amazon-dns";

    private MirroringLimits Limits => options.Value;

    public Task<OperationResult<TrafficMirrorFilterEntity>> CreateFilterAsync(Ec2Caller caller, NewMirrorFilter request) =>
        changes.RunAsync(caller, "ec2:CreateTrafficMirrorFilter", context => Task.FromResult(PlanCreateFilter(context, request)));

    /// <summary>The ec2:CreateTrafficMirrorFilter change, for a single call and for imports alike.</summary>
    internal PlannedChange<TrafficMirrorFilterEntity> PlanCreateFilter(ChangeContext context, NewMirrorFilter request)
    {
        var caller = context.Caller;
        CheckDescription(context.Errors, request.Description);
        var tags = CheckTags(context.Errors, request.Tags);
        if (context.Network.Filters.Values.Count(f => f.AccountId == caller.AccountId && f.Region == caller.Region) >= Limits.ResourcesPerAccount)
        {
            context.Errors.Add("trafficMirrorFilterId", $"The account already has {Limits.ResourcesPerAccount} filters in {caller.Region}: the quota (TrafficMirrorFilterLimitExceeded).");
        }
        var filter = new TrafficMirrorFilterEntity
        {
            Id = ids.ResourceId("tmf"), AccountId = caller.AccountId, Region = caller.Region,
            Description = request.Description?.Trim() ?? "", AmazonDns = request.AmazonDns, Tags = tags,
        };
        return context.Plan(Ec2Arns.Of(caller, "traffic-mirror-filter", filter.Id), $"Filter {filter.Id} ({filter.Description}) created.", () =>
        {
            context.Db.TrafficMirrorFilters.Add(filter);
            return filter;
        });
    }

    public Task<OperationResult<string>> DeleteFilterAsync(Ec2Caller caller, string filterId) =>
        changes.RunAsync(caller, "ec2:DeleteTrafficMirrorFilter", context =>
        {
            if (OwnFilter(context, filterId) is not { } filter)
            {
                return Task.FromResult(context.NotFound<string>($"No traffic mirror filter '{filterId}' in account {caller.AccountId}, {caller.Region}.", Ec2ErrorCodes.FilterNotFound));
            }
            if (context.Network.Sessions.Values.Where(s => s.FilterId == filter.Id).Select(s => s.Id).ToList() is { Count: > 0 } users)
            {
                context.Errors.Add("trafficMirrorFilterId", $"{filter.Id} is used by session(s) {string.Join(", ", users)}: delete or change them first.");
            }
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "traffic-mirror-filter", filter.Id), $"Filter {filter.Id} and its {filter.Rules.Count} rule(s) deleted.", () =>
            {
                context.Db.TrafficMirrorFilters.Remove(context.Db.TrafficMirrorFilters.Find(filter.Id)!);
                return filter.Id;
            }));
        });

    /// <summary>ModifyTrafficMirrorFilterNetworkServices: only <c>amazon-dns</c> exists.</summary>
    public Task<OperationResult<TrafficMirrorFilterEntity>> ChangeNetworkServicesAsync(Ec2Caller caller, string filterId, IReadOnlyList<string> add, IReadOnlyList<string> remove) =>
        changes.RunAsync(caller, "ec2:ModifyTrafficMirrorFilterNetworkServices", context =>
        {
            if (OwnFilter(context, filterId) is not { } filter)
            {
                return Task.FromResult(context.NotFound<TrafficMirrorFilterEntity>($"No traffic mirror filter '{filterId}' in account {caller.AccountId}, {caller.Region}.", Ec2ErrorCodes.FilterNotFound));
            }
            foreach (var (field, names) in new[] { ("addNetworkServices", add), ("removeNetworkServices", remove) })
            {
                foreach (var name in names.Where(n => n != AmazonDns))
                {
                    context.Errors.Add(field, $"'{name}' is not a network service: the only one is {AmazonDns}.");
                }
            }
            var enabled = add.Contains(AmazonDns) || (filter.AmazonDns && !remove.Contains(AmazonDns));
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "traffic-mirror-filter", filter.Id), $"Filter {filter.Id}: {AmazonDns} {(enabled ? "on" : "off")}.", () =>
            {
                var tracked = context.Db.TrafficMirrorFilters.Find(filter.Id)!;
                context.Db.Entry(tracked).Collection(f => f.Rules).Load();
                tracked.AmazonDns = enabled;
                return tracked;
            }));
        });

    private static TrafficMirrorFilterEntity? OwnFilter(ChangeContext context, string? id) =>
        id is not null && context.Network.Filters.TryGetValue(id.Trim(), out var filter) && filter.AccountId == context.Caller.AccountId && filter.Region == context.Caller.Region ? filter : null;

    private static void CheckDescription(FieldErrors errors, string? description)
    {
        errors.CheckText("description", description);
        if (description?.Length > 255)
        {
            errors.Add("description", "The description is at most 255 characters.");
        }
    }

    private static List<ResourceTag> CheckTags(FieldErrors errors, IReadOnlyList<ResourceTag>? tags)
    {
        var list = tags?.ToList() ?? [];
        if (list.Count > 50)
        {
            errors.Add("tags", "A resource has at most 50 tags.");
        }
        foreach (var tag in list)
        {
            if (string.IsNullOrWhiteSpace(tag.Key) || tag.Key.Length > 128 || tag.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) || (tag.Value?.Length ?? 0) > 256)
            {
                errors.Add("tags", $"Tag '{tag.Key}': keys have 1-128 characters and do not start with aws:, values at most 256.");
            }
        }
        if (list.Select(t => t.Key).Distinct().Count() != list.Count)
        {
            errors.Add("tags", "Each tag key appears once.");
        }
        return list.Select(t => new ResourceTag(t.Key.Trim(), t.Value ?? "")).ToList();
    }
}
