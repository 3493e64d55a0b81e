namespace MirrorTower.Engine.Policies;

public enum Effect
{
    Allow,
    Deny,
}

/// <summary>Why a statement does or does not apply to a request.</summary>
public enum StatementMatch
{
    Matched,
    ActionNotMatched,
    ResourceNotMatched,
    ConditionNotMet,
}

/// <summary>A compiled SCP statement: patterns built once, matched without allocation.</summary>
public sealed class PolicyStatement
{
    private readonly Wildcard[] _actions;
    private readonly ResourcePattern[] _resources;
    private readonly ConditionClause[] _conditions;

    public PolicyStatement(int index, string? sid, Effect effect, IReadOnlyList<string> actions, bool notAction,
        IReadOnlyList<string> resources, bool notResource, IReadOnlyList<ConditionClause> conditions)
    {
        Index = index;
        Sid = sid;
        Effect = effect;
        Actions = actions;
        NotAction = notAction;
        Resources = resources;
        NotResource = notResource;
        _actions = actions.Select(a => new Wildcard(a, ignoreCase: true)).ToArray();
        _resources = resources.Select(r => new ResourcePattern(r)).ToArray();
        _conditions = conditions.ToArray();
    }

    /// <summary>Position in the policy, from 0.</summary>
    public int Index { get; }
    public string? Sid { get; }
    public Effect Effect { get; }
    public IReadOnlyList<string> Actions { get; }
    public bool NotAction { get; }
    public IReadOnlyList<string> Resources { get; }
    public bool NotResource { get; }
    public IReadOnlyList<ConditionClause> Conditions => _conditions;

    /// <summary>The Sid, or "statement N" (from 1) when it has none.</summary>
    public string Label => Sid ?? $"statement {Index + 1}";

    public bool Matches(AuthorizationRequest request) => Evaluate(request, out _) == StatementMatch.Matched;

    /// <summary>Whether the Action or NotAction element admits the action; the only part that depends on the action alone.</summary>
    public bool MatchesAction(string action) => AnyMatch(_actions, action) != NotAction;

    /// <summary>The rest of the statement once the action is known to match.</summary>
    public bool MatchesResourceAndConditions(AuthorizationRequest request) =>
        EvaluateResourceAndConditions(request, out _) == StatementMatch.Matched;

    public StatementMatch Evaluate(AuthorizationRequest request, out ConditionClause? failedCondition)
    {
        failedCondition = null;
        return MatchesAction(request.Action)
            ? EvaluateResourceAndConditions(request, out failedCondition)
            : StatementMatch.ActionNotMatched;
    }

    private StatementMatch EvaluateResourceAndConditions(AuthorizationRequest request, out ConditionClause? failedCondition)
    {
        failedCondition = null;
        if (AnyMatch(_resources, request.Resource) == NotResource)
        {
            return StatementMatch.ResourceNotMatched;
        }
        foreach (var condition in _conditions)
        {
            if (!condition.Holds(request))
            {
                failedCondition = condition;
                return StatementMatch.ConditionNotMet;
            }
        }
        return StatementMatch.Matched;
    }

    private static bool AnyMatch(ResourcePattern[] patterns, string value)
    {
        foreach (var pattern in patterns)
        {
            if (pattern.IsMatch(value))
            {
                return true;
            }
        }
        return false;
    }

    private static bool AnyMatch(Wildcard[] patterns, string value)
    {
        foreach (var pattern in patterns)
        {
            if (pattern.IsMatch(value))
            {
                return true;
            }
        }
        return false;
    }
}
