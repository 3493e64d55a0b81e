using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Controls;

/// <summary>The body of <c>POST /api/v1/ous/{ouId}/enabled-controls</c>.</summary>
public sealed class EnableControlRequest
{
    public string? ControlIdentifier { get; set; }
    public Dictionary<string, string[]>? Parameters { get; set; }

    /// <summary>Make the change even though it makes policy test cases fail (suites that refuse still refuse).</summary>
    public bool ConfirmFailingTests { get; set; }
}

public sealed record OperationAccepted(string OperationIdentifier);

public sealed record ControlOperationView(
    string OperationIdentifier,
    ControlOperationType OperationType,
    ControlOperationStatus Status,
    string ControlIdentifier,
    string TargetIdentifier,
    string? StatusMessage,
    string RequestedBy,
    DateTime StartTime,
    DateTime? EndTime)
{
    public static ControlOperationView From(ControlOperation o) => new(o.Id, o.OperationType, o.Status, o.ControlIdentifier,
        o.TargetId, o.StatusMessage, o.RequestedBy, o.StartUtc, o.EndUtc);
}

public sealed record EnabledControlView(
    string ControlIdentifier,
    string Name,
    string Behavior,
    string Guidance,
    string TargetIdentifier,
    EnabledControlStatus Status,
    string DriftStatus,
    Organization.Drift.ControlDriftStatus? Drift,
    IReadOnlyDictionary<string, string[]> Parameters);

public sealed record ControlSummary(
    string Identifier,
    string Name,
    string Behavior,
    string Guidance,
    string Service,
    string Governs,
    string? ScpStatements,
    IReadOnlyList<string> Parameters,
    IReadOnlyList<string> EnabledOn)
{
    /// <summary>The Control Catalog's implementation type, e.g. <c>AWS::Organizations::Policy::RCP</c>.</summary>
    public string ImplementationType { get; init; } = "";

    /// <summary>SCP or RCP for a control with an organization policy; null otherwise.</summary>
    public string? PolicyLabel { get; init; }

    /// <summary>The Control Catalog's shape: ARN, severity, scope, domain and objective, governed Regions.</summary>
    public string Arn { get; init; } = "";
    public string Severity { get; init; } = "";
    public string Scope { get; init; } = "";
    public string Domain { get; init; } = "";
    public string Objective { get; init; } = "";
    public IReadOnlyList<string> GovernedRegions { get; init; } = [];

    /// <summary>For a proactive control: each CloudFormation resource type it checks, with what it requires.</summary>
    public IReadOnlyList<string> Checks { get; init; } = [];
}

/// <summary>What enabling a control would do: the accounts it reaches and the recorded actions it would have denied.</summary>
public sealed record ControlPreview(
    string ControlIdentifier,
    string OuId,
    IReadOnlyList<string> Accounts,
    IReadOnlyList<PreviewedDenial> WouldHaveDenied,
    int DaysLookedBack,
    string? QuotaProblem)
{
    /// <summary>For a detective control: the resources of those accounts that it would find in violation.</summary>
    public IReadOnlyList<PreviewedViolation> WouldBeInViolation { get; init; } = [];

    /// <summary>For an RCP control: the requests it is written to refuse, tried on the resources of those accounts.</summary>
    public IReadOnlyList<PreviewedProbe> WouldDeny { get; init; } = [];
}

/// <summary>A request an RCP control would deny on a resource: who, what, which kind of request, by which statement.</summary>
public sealed record PreviewedProbe(string AccountId, string Resource, string Action, string PrincipalArn, string Describes, string Statement);

public sealed record PreviewedViolation(string AccountId, string Resource, string ResourceType, string Annotation);

public sealed record PreviewedDenial(DateTime TimeUtc, string Actor, string AccountId, string Action, string Resource, string? Region, string Statement);
