namespace MirrorTower.Engine.Policies;

/// <summary>
/// The organization policies that bear on one request: the SCP chain of the principal's account and the RCP chain of
/// the resource's account. A chain that does not apply is null, with the reason the explanation gives.
/// </summary>
public sealed record AuthorizationScope(PolicyChain? Scps, string? ScpsSkipped, PolicyChain? Rcps, string? RcpsSkipped);

/// <summary>
/// Decides a request as AWS Organizations does with both policy types (user guide, "Understanding SCPs and RCPs"): the
/// request must be allowed by every SCP level of the principal's account and by every RCP level of the resource's
/// account; an explicit Deny in either wins, and the deciding policy is named with its type.
/// </summary>
public static class OrganizationPolicies
{
    public static Decision Decide(AuthorizationScope scope, AuthorizationRequest request)
    {
        var scp = scope.Scps is { } scps ? ScpEvaluator.Decide(scps, request).Decision : Decision.Allowed;
        var rcp = scope.Rcps is { } rcps ? ScpEvaluator.Decide(rcps, request).Decision : Decision.Allowed;
        return scp == Decision.ExplicitDeny || rcp == Decision.ExplicitDeny ? Decision.ExplicitDeny
            : scp == Decision.ImplicitDeny || rcp == Decision.ImplicitDeny ? Decision.ImplicitDeny
            : Decision.Allowed;
    }

    public static PolicyDecision Explain(AuthorizationScope scope, AuthorizationRequest request)
    {
        var scp = scope.Scps is { } scps ? ScpEvaluator.Explain(scps, request) : null;
        var rcp = scope.Rcps is { } rcps ? ScpEvaluator.Explain(rcps, request) : null;
        var trace = (scp?.Trace ?? []).Concat(rcp?.Trace ?? []).ToList();
        var deciding = new[] { scp, rcp }.OfType<PolicyDecision>().FirstOrDefault(d => d.Decision == Decision.ExplicitDeny)
            ?? new[] { scp, rcp }.OfType<PolicyDecision>().FirstOrDefault(d => d.Decision == Decision.ImplicitDeny);
        if (deciding is not null)
        {
            return deciding with { Trace = trace };
        }
        var parts = new List<string>
        {
            scp is null ? $"SCPs do not apply: {scope.ScpsSkipped}." : $"SCPs: {Levels(scope.Scps!)} allow it.",
            rcp is null ? $"RCPs do not apply: {scope.RcpsSkipped}." : $"RCPs: {Levels(scope.Rcps!)} allow it.",
        };
        return new PolicyDecision(Decision.Allowed, null,
            $"Allowed: no statement denies {request.Action}. {string.Join(" ", parts)}", trace);
    }

    private static string Levels(PolicyChain chain) => $"every level ({string.Join(", ", chain.Levels.Select(l => l.Name))})";
}
