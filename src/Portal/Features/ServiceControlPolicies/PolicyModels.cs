using MirrorTower.Engine.Policies;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.ServiceControlPolicies;

public sealed class PolicyInput
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Document { get; set; }

    /// <summary>SERVICE_CONTROL_POLICY (the default) or RESOURCE_CONTROL_POLICY; fixed when the policy is created.</summary>
    public string? Type { get; set; }

    /// <summary>Tags written with a new SCP (or nothing is); an existing SCP is tagged through TagResource.</summary>
    public List<Organization.TagView>? Tags { get; set; }

    /// <summary>Make the change even though it makes policy test cases fail (suites that refuse still refuse).</summary>
    public bool ConfirmFailingTests { get; set; }
}

public sealed record PolicyView(string Id, string Name, string Description, PolicyKind Kind, string Document, int Characters, IReadOnlyList<string> Targets,
    PolicyType Type)
{
    /// <summary>SCP or RCP, as the pages show it.</summary>
    public string TypeLabel => Type.Label();
}

public sealed record AttachmentRequest(string? TargetId, bool ConfirmFailingTests = false);

/// <summary>The body of <c>POST /api/v1/policy-simulations</c>.</summary>
public sealed class SimulationRequest
{
    /// <summary>The account whose resource the request is made on (and, by default, the principal's).</summary>
    public string? AccountId { get; set; }
    public string? PrincipalArn { get; set; }
    public string? Action { get; set; }
    public string? Resource { get; set; }
    public string? Region { get; set; }
    public Dictionary<string, System.Text.Json.JsonElement>? Context { get; set; }
}

public sealed record SimulationResult(Decision Decision, DecidingStatement? Deciding, string Summary, IReadOnlyList<LevelTrace> Trace, string? Control);

/// <summary>A target's SCP and RCP slots: each type has its own 5 per target.</summary>
public sealed record TargetQuota(string TargetId, string Target, int Attached, int Remaining, int LargestCharacters, int RcpsAttached = 0, int RcpsRemaining = 5);

/// <summary>The body of <c>POST /api/v1/policies/validation</c>.</summary>
public sealed record PolicyDocumentInput(string? Document, string? Type = null);

/// <summary>What validation found in a document, errors first.</summary>
public sealed record PolicyValidation(IReadOnlyList<MirrorTower.Engine.Policies.PolicyFinding> Findings)
{
    public int Errors => Findings.Count(f => f.Severity == MirrorTower.Engine.Policies.FindingSeverity.Error);
    public int Warnings => Findings.Count(f => f.Severity == MirrorTower.Engine.Policies.FindingSeverity.Warning);
}
