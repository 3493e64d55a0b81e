using System.Collections.Concurrent;

namespace MirrorTower.Engine.Policies;

/// <summary>
/// The levels from the root down to the account whose request is decided. The action part of every
/// statement depends on the action alone, so the chain remembers, per action, which statements admit it;
/// a decision then checks only those statements' resources and conditions.
/// </summary>
public sealed class PolicyChain(IReadOnlyList<PolicyLevel> levels, PolicyType type = PolicyType.ServiceControlPolicy)
{
    /// <summary>Beyond this many distinct actions the chain stops remembering and matches every statement.</summary>
    private const int MaxRememberedActions = 8192;

    private readonly ConcurrentDictionary<string, ActionPlan> _plans = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<PolicyLevel> Levels { get; } = levels;

    /// <summary>Whether the chain holds SCPs (the principal's account) or RCPs (the resource's account).</summary>
    public PolicyType Type { get; } = type;

    internal ActionPlan PlanFor(string action) =>
        _plans.TryGetValue(action, out var plan) ? plan
        : _plans.Count < MaxRememberedActions ? _plans.GetOrAdd(action, static (a, chain) => chain.BuildPlan(a), this)
        : BuildPlan(action);

    private ActionPlan BuildPlan(string action) => new(Levels.Select(level =>
        level.Policies.SelectMany((policy, p) => policy.Statements
                .Where(statement => statement.MatchesAction(action))
                .Select(statement => new Candidate(p, statement)))
            .ToArray()).ToArray());

    /// <summary>Per level, the statements whose Action or NotAction admits one action, in document order.</summary>
    internal sealed record ActionPlan(Candidate[][] Levels);

    internal readonly record struct Candidate(int Policy, PolicyStatement Statement);
}
