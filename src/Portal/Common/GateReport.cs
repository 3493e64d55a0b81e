using MirrorTower.Engine.Policies;

namespace MirrorTower.Portal.Common;

// The policy-test gate's verdict travels on every change's result (OperationResult.Gate), so it lives here, below the
// features; the Workbench computes it.

/// <summary>The suites' verdict on a proposed change: the cases it would flip from passing to failing.</summary>
public sealed record GateReport(int Suites, int Cases, IReadOnlyList<CaseResult> Flipped, IReadOnlyList<string> RefusingSuites)
{
    public bool Blocks => Flipped.Count > 0;

    public bool Refuses => RefusingSuites.Count > 0;

    /// <summary>For the audit trail: what the suites said about the change.</summary>
    public string Describe() => Flipped.Count == 0
        ? $"Policy tests: {Suites} suite(s), {Cases} case result(s), none flipped."
        : $"Policy tests: {Flipped.Count} case result(s) would flip: " +
          string.Join("; ", Flipped.Select(f => $"{f.Suite}/{f.Case} in {f.AccountId} expects {f.Expected}, would be {f.Actual}")) + ".";
}

/// <summary>One policy test case's outcome: what it expects and what the policies decide.</summary>
public sealed record CaseResult(string Suite, string Case, string AccountId, ExpectedDecision Expected, Decision Actual, bool Passed, string Summary);

/// <summary>The decision a case expects; <c>Denied</c> accepts either kind of deny.</summary>
public enum ExpectedDecision
{
    Allowed,
    Denied,
    ExplicitDeny,
    ImplicitDeny,
}
