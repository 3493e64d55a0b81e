using System.Globalization;
using System.Xml.Linq;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Mirroring.Network;
using MirrorTower.Portal.Features.Mirroring.Model;
using MirrorTower.Portal.Features.Mirroring;
using static MirrorTower.Portal.Features.Mirroring.Ec2.Ec2Xml;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.Mirroring.Ec2;

/// <summary>One EC2 Query request being served: its parameters, its caller, the services it may use, and what a Describe reads (after the SCP decision).</summary>
public sealed record Ec2Call(Ec2Parameters Parameters, Ec2Caller Caller, MirroringService Mirroring, NetworkService Changes, Func<Task<NetworkSnapshot>> Network);

/// <summary>
/// The traffic-mirroring actions of the EC2 API here, the network ones (VPCs, subnets, interfaces) in
/// <c>Ec2Actions.Network.cs</c>: each reads AWS's parameters, calls the same service as the pages, and answers with the
/// elements of AWS's response.
/// </summary>
public static partial class Ec2Actions
{
    private delegate Task<object?[]> Handler(Ec2Call call);

    private static readonly Dictionary<string, Handler> Handlers = new(StringComparer.Ordinal)
    {
        ["CreateTrafficMirrorFilter"] = async call => Created(await call.Mirroring.CreateFilterAsync(call.Caller,
            new NewMirrorFilter(call.Parameters.String("Description"), false, call.Parameters.Tags())), "trafficMirrorFilter", f => Filter(f), call),
        ["DeleteTrafficMirrorFilter"] = async call => [Optional("trafficMirrorFilterId", Value(await call.Mirroring.DeleteFilterAsync(call.Caller, call.Parameters.Required("TrafficMirrorFilterId"))))],
        ["ModifyTrafficMirrorFilterNetworkServices"] = async call => [Renamed(Filter(Value(await call.Mirroring.ChangeNetworkServicesAsync(call.Caller,
            call.Parameters.Required("TrafficMirrorFilterId"), call.Parameters.List("AddNetworkService"), call.Parameters.List("RemoveNetworkService")))), "trafficMirrorFilter")],
        ["DescribeTrafficMirrorFilters"] = async call => Page(call, "trafficMirrorFilterSet", Ec2Describe.Run(call.Parameters, "TrafficMirrorFilterId",
            Owned((await call.Network()).Filters.Values, call, f => (f.AccountId, f.Region)), f => f.Id,
            new Dictionary<string, Func<TrafficMirrorFilterEntity, IEnumerable<string?>>>
            {
                ["description"] = f => [f.Description],
                ["traffic-mirror-filter-id"] = f => [f.Id],
            }, Filter)),

        ["CreateTrafficMirrorFilterRule"] = async call => Created(await call.Mirroring.CreateRuleAsync(call.Caller, call.Parameters.Required("TrafficMirrorFilterId"), RuleInput(call.Parameters)),
            "trafficMirrorFilterRule", r => Rule(r), call),
        ["ModifyTrafficMirrorFilterRule"] = async call => [Renamed(Rule(Value(await call.Mirroring.ModifyRuleAsync(call.Caller, call.Parameters.Required("TrafficMirrorFilterRuleId"),
            new FilterRuleChange(RuleInput(call.Parameters), call.Parameters.List("RemoveField"))))), "trafficMirrorFilterRule")],
        ["DeleteTrafficMirrorFilterRule"] = async call => [Optional("trafficMirrorFilterRuleId", Value(await call.Mirroring.DeleteRuleAsync(call.Caller, call.Parameters.Required("TrafficMirrorFilterRuleId"))))],

        ["CreateTrafficMirrorTarget"] = async call => Created(await call.Mirroring.CreateTargetAsync(call.Caller, new NewMirrorTarget(
            call.Parameters.String("NetworkInterfaceId"), call.Parameters.String("NetworkLoadBalancerArn"), call.Parameters.String("GatewayLoadBalancerEndpointId"),
            call.Parameters.String("Description"), call.Parameters.Tags())), "trafficMirrorTarget", t => Target(t), call),
        ["DeleteTrafficMirrorTarget"] = async call => [Optional("trafficMirrorTargetId", Value(await call.Mirroring.DeleteTargetAsync(call.Caller, call.Parameters.Required("TrafficMirrorTargetId"))))],
        // Targets of other accounts in the Region are listed too: MirrorTower shares targets across the organization.
        ["DescribeTrafficMirrorTargets"] = async call => Page(call, "trafficMirrorTargetSet", Ec2Describe.Run(call.Parameters, "TrafficMirrorTargetId",
            (await call.Network()).Targets.Values.Where(t => t.Region == call.Caller.Region).OrderBy(t => t.Id), t => t.Id,
            new Dictionary<string, Func<TrafficMirrorTargetEntity, IEnumerable<string?>>>
            {
                ["description"] = t => [t.Description],
                ["network-interface-id"] = t => [t.NetworkInterfaceId],
                ["network-load-balancer-arn"] = t => [t.NetworkLoadBalancerArn],
                ["owner-id"] = t => [t.AccountId],
                ["traffic-mirror-target-id"] = t => [t.Id],
            }, Target)),

        ["CreateTrafficMirrorSession"] = async call => Created(await call.Mirroring.CreateSessionAsync(call.Caller, new NewMirrorSession(
            call.Parameters.String("NetworkInterfaceId"), call.Parameters.String("TrafficMirrorTargetId"), call.Parameters.String("TrafficMirrorFilterId"),
            call.Parameters.Int("SessionNumber"), call.Parameters.Int("PacketLength"), call.Parameters.Int("VirtualNetworkId"),
            call.Parameters.String("Description"), call.Parameters.Tags())), "trafficMirrorSession", s => Session(s), call),
        ["ModifyTrafficMirrorSession"] = async call => [Renamed(Session(Value(await call.Mirroring.ModifySessionAsync(call.Caller, call.Parameters.Required("TrafficMirrorSessionId"),
            new MirrorSessionChange(call.Parameters.String("TrafficMirrorTargetId"), call.Parameters.String("TrafficMirrorFilterId"), call.Parameters.Int("SessionNumber"),
                call.Parameters.Int("PacketLength"), call.Parameters.Int("VirtualNetworkId"), call.Parameters.String("Description"), call.Parameters.List("RemoveField"))))), "trafficMirrorSession")],
        ["DeleteTrafficMirrorSession"] = async call => [Optional("trafficMirrorSessionId", Value(await call.Mirroring.DeleteSessionAsync(call.Caller, call.Parameters.Required("TrafficMirrorSessionId"))))],
        ["DescribeTrafficMirrorSessions"] = async call => Page(call, "trafficMirrorSessionSet", Ec2Describe.Run(call.Parameters, "TrafficMirrorSessionId",
            Owned((await call.Network()).Sessions.Values, call, s => (s.AccountId, s.Region)), s => s.Id,
            new Dictionary<string, Func<TrafficMirrorSessionEntity, IEnumerable<string?>>>
            {
                ["description"] = s => [s.Description],
                ["network-interface-id"] = s => [s.NetworkInterfaceId],
                ["owner-id"] = s => [s.AccountId],
                ["packet-length"] = s => [s.PacketLength?.ToString(CultureInfo.InvariantCulture)],
                ["session-number"] = s => [s.SessionNumber.ToString(CultureInfo.InvariantCulture)],
                ["traffic-mirror-filter-id"] = s => [s.FilterId],
                ["traffic-mirror-session-id"] = s => [s.Id],
                ["traffic-mirror-target-id"] = s => [s.TargetId],
                ["virtual-network-id"] = s => [s.VirtualNetworkId.ToString(CultureInfo.InvariantCulture)],
            }, Session)),
    };

    public static IReadOnlyCollection<string> Names => Handlers.Keys;

    /// <summary>The actions whose request shape has an idempotency <c>ClientToken</c> (botocore's EC2 model).</summary>
    public static readonly IReadOnlySet<string> TakeClientToken = new HashSet<string>(StringComparer.Ordinal)
    {
        "CreateTrafficMirrorFilter", "CreateTrafficMirrorFilterRule", "CreateTrafficMirrorTarget", "CreateTrafficMirrorSession", "CreateNetworkInterface",
    };

    static Ec2Actions()
    {
        // Field initializers of a partial class run in no promised order across files; the constructor runs after all of them.
        foreach (var (action, handler) in NetworkHandlers())
        {
            Handlers.Add(action, handler);
        }
    }

    public static async Task<XElement> ServeAsync(string action, Ec2Call call, string requestId)
    {
        if (!Handlers.TryGetValue(action, out var handler))
        {
            throw new AwsError("InvalidAction", $"The action {action} is not valid for this web service; MirrorTower serves {string.Join(", ", Handlers.Keys.Order())}.");
        }
        return Response(action, requestId, await handler(call));
    }

    private static FilterRuleInput RuleInput(Ec2Parameters p) => new(
        p.String("TrafficDirection"), p.Int("RuleNumber"), p.String("RuleAction"), p.Int("Protocol")?.ToString(CultureInfo.InvariantCulture),
        p.String("SourceCidrBlock"), p.String("DestinationCidrBlock"), p.PortRange("SourcePortRange"), p.PortRange("DestinationPortRange"), p.String("Description"));

    private static IEnumerable<T> Owned<T>(IEnumerable<T> items, Ec2Call call, Func<T, (string Account, string Region)> scope) =>
        items.Where(i => scope(i) == (call.Caller.AccountId, call.Caller.Region));

    private static object?[] Page(Ec2Call call, string setName, (IEnumerable<XElement> Items, string? NextToken) page) =>
        [Set(setName, page.Items), Optional("nextToken", page.NextToken)];

    private static object?[] Created<T>(OperationResult<T> result, string element, Func<T, XElement> serialize, Ec2Call call) =>
        [Renamed(serialize(Value(result)), element), Optional("clientToken", call.Parameters.String("ClientToken"))];

    /// <summary>A single object is the serialized item under its own element name.</summary>
    private static XElement Renamed(XElement item, string name) => new(Ns + name, item.Nodes());

    /// <summary>The value of a service answer, or the EC2 error that answers the request instead.</summary>
    private static T Value<T>(OperationResult<T> result) => result.Status switch
    {
        OperationStatus.Succeeded => result.Value!,
        OperationStatus.Invalid or OperationStatus.Conflict => throw new AwsError(result.Code ?? "InvalidParameterValue", string.Join(" ", result.Errors.ToDictionary().SelectMany(e => e.Value.Select(m => $"{Capital(e.Key)}: {m}")))),
        OperationStatus.NotFound => throw new AwsError(result.Code ?? "InvalidParameterValue", result.Message ?? "Not found."),
        _ when result.Code == "DryRunOperation" => throw new AwsError("DryRunOperation", result.Message!, StatusCodes.Status412PreconditionFailed),
        _ => throw new AwsError(result.Code ?? "UnauthorizedOperation", result.Message ?? "You are not authorized to perform this operation.", StatusCodes.Status403Forbidden),
    };

    private static string Capital(string field) => char.ToUpperInvariant(field[0]) + field[1..];
}
