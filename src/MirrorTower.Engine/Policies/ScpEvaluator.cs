namespace MirrorTower.Engine.Policies;

/// <summary>
/// Decides requests against a chain of SCPs as AWS Organizations does: requests in the management account
/// are not subject to SCPs; a matching Deny at any level wins; otherwise every level needs a matching Allow.
/// </summary>
public static class ScpEvaluator
{
    /// <summary>The fast path: no trace, no allocation. Names the first deciding statement or level.</summary>
    public static DecisionResult Decide(PolicyChain chain, AuthorizationRequest request, bool managementAccount = false)
    {
        if (managementAccount)
        {
            return new DecisionResult(Decision.Allowed, -1, -1, -1);
        }
        var firstLevelWithoutAllow = -1;
        var plan = chain.PlanFor(request.Action).Levels;
        for (var l = 0; l < plan.Length; l++)
        {
            var allowed = false;
            foreach (var (policy, statement) in plan[l])
            {
                // An Allow only matters while this level has none yet; a Deny always does.
                if ((statement.Effect == Effect.Deny || !allowed) && statement.MatchesResourceAndConditions(request))
                {
                    if (statement.Effect == Effect.Deny)
                    {
                        return new DecisionResult(Decision.ExplicitDeny, l, policy, statement.Index);
                    }
                    allowed = true;
                }
            }
            if (!allowed && firstLevelWithoutAllow < 0)
            {
                firstLevelWithoutAllow = l;
            }
        }
        return firstLevelWithoutAllow >= 0
            ? new DecisionResult(Decision.ImplicitDeny, firstLevelWithoutAllow, -1, -1)
            : new DecisionResult(Decision.Allowed, -1, -1, -1);
    }

    /// <summary>The same decision with its full explanation, statement by statement.</summary>
    public static PolicyDecision Explain(PolicyChain chain, AuthorizationRequest request, bool managementAccount = false)
    {
        if (managementAccount)
        {
            return new PolicyDecision(Decision.Allowed, null,
                "Allowed: requests in the management account are not subject to SCPs.", []);
        }

        var trace = chain.Levels.Select(level => TraceLevel(level, request, chain.Type)).ToList();
        var result = Decide(chain, request);
        return result.Decision switch
        {
            Decision.ExplicitDeny => Denied(chain, result, trace),
            Decision.ImplicitDeny => new PolicyDecision(Decision.ImplicitDeny,
                new DecidingStatement(chain.Levels[result.Level].Name, "", null, null, chain.Type),
                $"Implicitly denied: no {chain.Type.Label()} attached at {chain.Levels[result.Level].Name} allows {request.Action} on {request.Resource}.",
                trace),
            _ => new PolicyDecision(Decision.Allowed, null,
                $"Allowed: every level ({string.Join(", ", chain.Levels.Select(l => l.Name))}) allows {request.Action} and no statement denies it.",
                trace),
        };
    }

    private static PolicyDecision Denied(PolicyChain chain, DecisionResult result, List<LevelTrace> trace)
    {
        var level = chain.Levels[result.Level];
        var policy = level.Policies[result.Policy];
        var statement = policy.Statements[result.Statement];
        return new PolicyDecision(Decision.ExplicitDeny,
            new DecidingStatement(level.Name, policy.Name, statement.Label, Effect.Deny, chain.Type),
            $"Explicitly denied by statement {statement.Label} of {chain.Type.Label()} {policy.Name} attached at {level.Name}.",
            trace);
    }

    private static LevelTrace TraceLevel(PolicyLevel level, AuthorizationRequest request, PolicyType type)
    {
        var policies = level.Policies.Select(policy => new PolicyTrace(policy.Name,
            policy.Statements.Select(statement => TraceStatement(statement, request)).ToList())).ToList();
        var matched = policies.SelectMany(p => p.Statements).Where(s => s.Matched).ToList();
        var outcome = matched.Any(s => s.Effect == Effect.Deny) ? "ExplicitDeny"
            : matched.Any(s => s.Effect == Effect.Allow) ? "Allow"
            : "NoMatchingAllow";
        return new LevelTrace(level.Name, outcome, policies, type);
    }

    private static StatementTrace TraceStatement(PolicyStatement statement, AuthorizationRequest request)
    {
        var match = statement.Evaluate(request, out var failed);
        var reason = match switch
        {
            StatementMatch.Matched => statement.Conditions.Count == 0
                ? "Action and resource match."
                : "Action and resource match and every condition holds.",
            StatementMatch.ActionNotMatched => statement.NotAction
                ? $"{request.Action} is listed in NotAction."
                : $"{request.Action} matches no Action ({string.Join(", ", statement.Actions)}).",
            StatementMatch.ResourceNotMatched => statement.NotResource
                ? $"{request.Resource} is listed in NotResource."
                : $"{request.Resource} matches no Resource ({string.Join(", ", statement.Resources)}).",
            _ => $"Condition {failed} does not hold for {Describe(request, failed!.Key)}.",
        };
        return new StatementTrace(statement.Label, statement.Effect, match == StatementMatch.Matched, reason);
    }

    private static string Describe(AuthorizationRequest request, string key) =>
        request.TryGetValues(key, out var values) && values.Length > 0
            ? $"{key} = [{string.Join(", ", values)}]"
            : $"{key} (absent)";
}
