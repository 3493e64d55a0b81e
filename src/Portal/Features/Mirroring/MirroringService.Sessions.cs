using MirrorTower.Portal.Features.Mirroring.Ec2;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Mirroring.Network;
using MirrorTower.Portal.Features.Mirroring.Model;

namespace MirrorTower.Portal.Features.Mirroring;

public sealed partial class MirroringService
{
    public Task<OperationResult<TrafficMirrorTargetEntity>> CreateTargetAsync(Ec2Caller caller, NewMirrorTarget request) =>
        changes.RunAsync(caller, "ec2:CreateTrafficMirrorTarget", context => Task.FromResult(PlanCreateTarget(context, request)));

    /// <summary>The ec2:CreateTrafficMirrorTarget change, for a single call and for imports alike.</summary>
    internal PlannedChange<TrafficMirrorTargetEntity> PlanCreateTarget(ChangeContext context, NewMirrorTarget request)
    {
        var caller = context.Caller;
        var given = new[] { request.NetworkInterfaceId, request.NetworkLoadBalancerArn, request.GatewayLoadBalancerEndpointId }.Count(v => !string.IsNullOrWhiteSpace(v));
        if (given != 1)
        {
            context.Errors.Add("networkInterfaceId", "Give exactly one of NetworkInterfaceId, NetworkLoadBalancerArn and GatewayLoadBalancerEndpointId.");
        }
        var type = TargetTypes.NetworkInterface;
        if (!string.IsNullOrWhiteSpace(request.NetworkInterfaceId))
        {
            var eni = OwnEni(context, request.NetworkInterfaceId);
            if (eni is null)
            {
                context.Errors.Add("networkInterfaceId", $"No network interface '{request.NetworkInterfaceId}' in account {caller.AccountId}, {caller.Region}.");
            }
            else if (context.Network.Sessions.Values.Any(s => s.NetworkInterfaceId == eni.Id))
            {
                context.Errors.Add("networkInterfaceId", $"{eni.Id} is the source of a mirror session: an ENI is never both a source and a target.");
            }
            else if (context.Network.Targets.Values.FirstOrDefault(t => t.NetworkInterfaceId == eni.Id) is { } existing)
            {
                context.Errors.Add("networkInterfaceId", $"{eni.Id} is already target {existing.Id}.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(request.NetworkLoadBalancerArn))
        {
            type = TargetTypes.NetworkLoadBalancer;
            if (!context.Network.LoadBalancers.TryGetValue(request.NetworkLoadBalancerArn.Trim(), out var balancer) || balancer.Type != LoadBalancerType.Network
                || context.Network.Vpcs.GetValueOrDefault(balancer.VpcId) is not { } vpc || vpc.AccountId != caller.AccountId || vpc.Region != caller.Region)
            {
                context.Errors.Add("networkLoadBalancerArn", $"'{request.NetworkLoadBalancerArn}' is not a Network Load Balancer of account {caller.AccountId} in {caller.Region}.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(request.GatewayLoadBalancerEndpointId))
        {
            type = TargetTypes.GatewayLoadBalancerEndpoint;
            if (!context.Network.Endpoints.TryGetValue(request.GatewayLoadBalancerEndpointId.Trim(), out var endpoint)
                || context.Network.Vpcs.GetValueOrDefault(endpoint.VpcId) is not { } vpc || vpc.AccountId != caller.AccountId || vpc.Region != caller.Region)
            {
                context.Errors.Add("gatewayLoadBalancerEndpointId", $"'{request.GatewayLoadBalancerEndpointId}' is not a Gateway Load Balancer endpoint of account {caller.AccountId} in {caller.Region}.");
            }
        }
        CheckDescription(context.Errors, request.Description);
        var tags = CheckTags(context.Errors, request.Tags);
        if (context.Network.Targets.Values.Count(t => t.AccountId == caller.AccountId && t.Region == caller.Region) >= Limits.ResourcesPerAccount)
        {
            context.Errors.Add("trafficMirrorTargetId", $"The account already has {Limits.ResourcesPerAccount} targets in {caller.Region} (TrafficMirrorTargetLimitExceeded).");
        }
        var target = new TrafficMirrorTargetEntity
        {
            Id = ids.ResourceId("tmt"), AccountId = caller.AccountId, Region = caller.Region, Type = type,
            NetworkInterfaceId = type == TargetTypes.NetworkInterface ? request.NetworkInterfaceId?.Trim() : null,
            NetworkLoadBalancerArn = type == TargetTypes.NetworkLoadBalancer ? request.NetworkLoadBalancerArn?.Trim() : null,
            GatewayLoadBalancerEndpointId = type == TargetTypes.GatewayLoadBalancerEndpoint ? request.GatewayLoadBalancerEndpointId?.Trim() : null,
            Description = request.Description?.Trim() ?? "", Tags = tags,
        };
        return context.Plan(Ec2Arns.Of(caller, "traffic-mirror-target", target.Id), $"Target {target.Id} ({type}) created.", () =>
        {
            context.Db.TrafficMirrorTargets.Add(target);
            return target;
        });
    }

    public Task<OperationResult<string>> DeleteTargetAsync(Ec2Caller caller, string targetId) =>
        changes.RunAsync(caller, "ec2:DeleteTrafficMirrorTarget", context =>
        {
            if (!context.Network.Targets.TryGetValue(targetId, out var target) || target.AccountId != caller.AccountId || target.Region != caller.Region)
            {
                return Task.FromResult(context.NotFound<string>($"No traffic mirror target '{targetId}' in account {caller.AccountId}, {caller.Region}.", Ec2ErrorCodes.TargetNotFound));
            }
            if (context.Network.Sessions.Values.Where(s => s.TargetId == target.Id).Select(s => s.Id).ToList() is { Count: > 0 } users)
            {
                context.Errors.Add("trafficMirrorTargetId", $"{target.Id} is used by session(s) {string.Join(", ", users)}: delete them first.");
            }
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "traffic-mirror-target", target.Id), $"Target {target.Id} deleted.", () =>
            {
                context.Db.TrafficMirrorTargets.Remove(context.Db.TrafficMirrorTargets.Find(target.Id)!);
                return target.Id;
            }));
        });

    public Task<OperationResult<TrafficMirrorSessionEntity>> CreateSessionAsync(Ec2Caller caller, NewMirrorSession request) =>
        changes.RunAsync(caller, "ec2:CreateTrafficMirrorSession", context => Task.FromResult(PlanCreateSession(context, request)));

    /// <summary>The ec2:CreateTrafficMirrorSession change, for a single call and for imports alike.</summary>
    internal PlannedChange<TrafficMirrorSessionEntity> PlanCreateSession(ChangeContext context, NewMirrorSession request)
    {
        var caller = context.Caller;
        if (OwnEni(context, request.NetworkInterfaceId) is null)
        {
            return context.NotFound<TrafficMirrorSessionEntity>($"No network interface '{request.NetworkInterfaceId}' in account {caller.AccountId}, {caller.Region}.", Ec2ErrorCodes.NetworkInterfaceNotFound);
        }
        var session = new TrafficMirrorSessionEntity
        {
            Id = ids.ResourceId("tms"), AccountId = caller.AccountId, Region = caller.Region, NetworkInterfaceId = request.NetworkInterfaceId!.Trim(),
            TargetId = request.TrafficMirrorTargetId?.Trim() ?? "", FilterId = request.TrafficMirrorFilterId?.Trim() ?? "",
            SessionNumber = request.SessionNumber ?? 0, PacketLength = request.PacketLength,
            VirtualNetworkId = request.VirtualNetworkId ?? UnusedVirtualNetworkId(context), Description = request.Description?.Trim() ?? "",
            Tags = CheckTags(context.Errors, request.Tags),
        };
        if (request.SessionNumber is null)
        {
            context.Errors.Add("sessionNumber", "The session number is required (1-32766; lower numbers are tried first).");
        }
        if (context.Network.Sessions.Values.Count(s => s.AccountId == caller.AccountId && s.Region == caller.Region) >= Limits.ResourcesPerAccount)
        {
            context.Errors.Add("trafficMirrorSessionId", $"The account already has {Limits.ResourcesPerAccount} sessions in {caller.Region} (TrafficMirrorSessionLimitExceeded).");
        }
        CheckDescription(context.Errors, request.Description);
        ValidateSession(context, session, request.SessionNumber is null);
        return context.Plan(Ec2Arns.Of(caller, "traffic-mirror-session", session.Id),
            $"Session {session.Id}: {session.NetworkInterfaceId} number {session.SessionNumber} → {session.TargetId} with {session.FilterId}, VNI {session.VirtualNetworkId}.", () =>
            {
                context.Db.TrafficMirrorSessions.Add(session);
                return session;
            });
    }

    public Task<OperationResult<TrafficMirrorSessionEntity>> ModifySessionAsync(Ec2Caller caller, string sessionId, MirrorSessionChange change) =>
        changes.RunAsync(caller, "ec2:ModifyTrafficMirrorSession", context =>
        {
            if (!context.Network.Sessions.TryGetValue(sessionId, out var current) || current.AccountId != caller.AccountId || current.Region != caller.Region)
            {
                return Task.FromResult(context.NotFound<TrafficMirrorSessionEntity>($"No traffic mirror session '{sessionId}' in account {caller.AccountId}, {caller.Region}.", Ec2ErrorCodes.SessionNotFound));
            }
            var remove = change.RemoveFields ?? [];
            foreach (var unknown in remove.Except(["packet-length", "description", "virtual-network-id"]))
            {
                context.Errors.Add("removeFields", $"'{unknown}' cannot be removed: only packet-length, description and virtual-network-id can.");
            }
            var updated = new TrafficMirrorSessionEntity
            {
                Id = current.Id, AccountId = current.AccountId, Region = current.Region, NetworkInterfaceId = current.NetworkInterfaceId,
                TargetId = change.TrafficMirrorTargetId?.Trim() ?? current.TargetId, FilterId = change.TrafficMirrorFilterId?.Trim() ?? current.FilterId,
                SessionNumber = change.SessionNumber ?? current.SessionNumber,
                PacketLength = remove.Contains("packet-length") ? null : change.PacketLength ?? current.PacketLength,
                VirtualNetworkId = remove.Contains("virtual-network-id") ? UnusedVirtualNetworkId(context) : change.VirtualNetworkId ?? current.VirtualNetworkId,
                Description = remove.Contains("description") ? "" : change.Description?.Trim() ?? current.Description, Tags = current.Tags,
            };
            CheckDescription(context.Errors, change.Description);
            ValidateSession(context, updated, false);
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "traffic-mirror-session", current.Id),
                $"Session {current.Id}: number {updated.SessionNumber} → {updated.TargetId} with {updated.FilterId}, VNI {updated.VirtualNetworkId}, packet length {updated.PacketLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "whole"}.", () =>
                {
                    var tracked = context.Db.TrafficMirrorSessions.Find(current.Id)!;
                    context.Db.Entry(tracked).CurrentValues.SetValues(updated);
                    return tracked;
                }));
        });

    public Task<OperationResult<string>> DeleteSessionAsync(Ec2Caller caller, string sessionId) =>
        changes.RunAsync(caller, "ec2:DeleteTrafficMirrorSession", context =>
        {
            if (!context.Network.Sessions.TryGetValue(sessionId, out var session) || session.AccountId != caller.AccountId || session.Region != caller.Region)
            {
                return Task.FromResult(context.NotFound<string>($"No traffic mirror session '{sessionId}' in account {caller.AccountId}, {caller.Region}.", Ec2ErrorCodes.SessionNotFound));
            }
            return Task.FromResult(context.Plan(Ec2Arns.Of(caller, "traffic-mirror-session", session.Id), $"Session {session.Id} on {session.NetworkInterfaceId} deleted.", () =>
            {
                context.Db.TrafficMirrorSessions.Remove(context.Db.TrafficMirrorSessions.Find(session.Id)!);
                return session.Id;
            }));
        });

    /// <summary>
    /// The filter must be the caller's; the target may be any of the organization's in the Region (MirrorTower treats
    /// targets as shared across the organization, as a RAM share to the organization would); the rest is the engine's.
    /// </summary>
    private void ValidateSession(ChangeContext context, TrafficMirrorSessionEntity session, bool numberMissing)
    {
        if (OwnFilter(context, session.FilterId) is null)
        {
            context.Errors.Add("trafficMirrorFilterId", $"No traffic mirror filter '{session.FilterId}' in account {context.Caller.AccountId}, {context.Caller.Region}.");
        }
        if (!context.Network.Targets.TryGetValue(session.TargetId, out var target) || target.Region != context.Caller.Region)
        {
            context.Errors.Add("trafficMirrorTargetId", $"No traffic mirror target '{session.TargetId}' shared with account {context.Caller.AccountId} in {context.Caller.Region}.");
            return;
        }
        var others = context.Network.Sessions.Values.Where(s => s.Id != session.Id).Select(NetworkSnapshot.ToEngine);
        foreach (var problem in SessionRules.Validate(NetworkSnapshot.ToEngine(session), context.Network.Topology(), others, Limits))
        {
            var field = char.ToLowerInvariant(problem.Field[0]) + problem.Field[1..];
            if (!(numberMissing && field == "sessionNumber"))
            {
                context.Errors.Add(field, problem.Message);
            }
        }
    }

    /// <summary>A random 24-bit VXLAN id that no session of the account uses yet (the reference's rule for an absent id).</summary>
    private int UnusedVirtualNetworkId(ChangeContext context)
    {
        var used = context.Network.Sessions.Values.Where(s => s.AccountId == context.Caller.AccountId).Select(s => s.VirtualNetworkId).ToHashSet();
        int candidate;
        do
        {
            candidate = ids.VirtualNetworkId();
        }
        while (used.Contains(candidate));
        return candidate;
    }

    private static NetworkInterface? OwnEni(ChangeContext context, string? id) =>
        id is not null && context.Network.Enis.TryGetValue(id.Trim(), out var eni) && context.Network.VpcOfEni(eni) is { } vpc
        && vpc.AccountId == context.Caller.AccountId && vpc.Region == context.Caller.Region ? eni : null;
}
