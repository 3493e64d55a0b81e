namespace MirrorTower.Engine.Policies;

public enum Decision
{
    Allowed,
    ExplicitDeny,
    ImplicitDeny,
}

/// <summary>Where a decision was made: the level, the policy and (for a statement) its label.</summary>
public sealed record DecidingStatement(string Level, string Policy, string? Statement, Effect? Effect,
    PolicyType Type = PolicyType.ServiceControlPolicy);

public sealed record StatementTrace(string Statement, Effect Effect, bool Matched, string Reason);

public sealed record PolicyTrace(string Policy, IReadOnlyList<StatementTrace> Statements);

/// <summary>What one level contributed: <c>Allow</c>, <c>ExplicitDeny</c> or <c>NoMatchingAllow</c>.</summary>
public sealed record LevelTrace(string Level, string Outcome, IReadOnlyList<PolicyTrace> Policies,
    PolicyType Type = PolicyType.ServiceControlPolicy);

/// <summary>A decision with its explanation: the deciding level, policy and statement, and every level's trace.</summary>
public sealed record PolicyDecision(Decision Decision, DecidingStatement? Deciding, string Summary, IReadOnlyList<LevelTrace> Trace);

/// <summary>The allocation-free answer of <see cref="ScpEvaluator.Decide"/>; indices are -1 where they do not apply.</summary>
public readonly record struct DecisionResult(Decision Decision, int Level, int Policy, int Statement);
