namespace MirrorTower.Engine.Mirroring;

/// <summary>A load balancer listener, as "UDP 4789".</summary>
public sealed record Listener(string Protocol, int Port)
{
    public override string ToString() => $"{Protocol} {Port}";
}

/// <summary>An appliance registered behind a load balancer target, and whether its health check passes.</summary>
public sealed record Appliance(string InstanceId, bool Healthy);

/// <summary>What a target is made of, as far as its misconfigurations go.</summary>
public sealed record TargetFacts(TargetType Type, IReadOnlyList<Listener> Listeners, IReadOnlyList<Appliance> Appliances, bool Exists = true);

/// <summary>
/// The silent misconfigurations the reference asks MirrorTower to flag, where AWS accepts the target and then
/// mirrors into nothing: an NLB without a UDP 4789 listener, a fleet with no appliance or no healthy appliance,
/// a target whose load balancer, endpoint or ENI was deleted.
/// </summary>
public static class TargetChecks
{
    public const int VxlanPort = 4789;

    public static IReadOnlyList<MirroringProblem> Warnings(TargetFacts target)
    {
        var warnings = new List<MirroringProblem>();
        if (!target.Exists)
        {
            warnings.Add(new("Target", "The target's resource no longer exists (deleted or no longer shared): every session to it mirrors into nothing."));
            return warnings;
        }
        if (target.Type == TargetType.NetworkInterface)
        {
            return warnings;
        }
        if (target.Type == TargetType.NetworkLoadBalancer && !HasVxlanListener(target))
        {
            warnings.Add(new("NetworkLoadBalancerArn",
                $"The load balancer has no UDP listener on port {VxlanPort}: AWS accepts the target, then drops every mirrored copy without an error."));
        }
        if (target.Appliances.Count == 0)
        {
            warnings.Add(new("Appliances", "No appliance is registered behind the load balancer: mirrored copies reach nobody."));
        }
        else if (!target.Appliances.Any(a => a.Healthy))
        {
            warnings.Add(new("Appliances", $"None of the {target.Appliances.Count} appliances is healthy: mirrored copies reach nobody."));
        }
        else if (target.Appliances.Any(a => !a.Healthy))
        {
            var unhealthy = target.Appliances.Where(a => !a.Healthy).Select(a => a.InstanceId);
            warnings.Add(new("Appliances", $"Unhealthy appliances ({string.Join(", ", unhealthy)}) get no flows; the healthy ones carry all of them."));
        }
        return warnings;
    }

    /// <summary>Whether copies sent to the target reach anyone at all: it exists, an NLB listens on UDP 4789, and a load balancer has a healthy appliance.</summary>
    public static bool DeliversVxlan(TargetFacts target) =>
        target.Exists && (target.Type == TargetType.NetworkInterface
            || ((target.Type != TargetType.NetworkLoadBalancer || HasVxlanListener(target)) && target.Appliances.Any(a => a.Healthy)));

    private static bool HasVxlanListener(TargetFacts target) => target.Listeners.Any(IsVxlanListener);

    private static bool IsVxlanListener(Listener listener) =>
        listener.Port == VxlanPort && listener.Protocol.ToUpperInvariant() is "UDP" or "TCP_UDP";
}
