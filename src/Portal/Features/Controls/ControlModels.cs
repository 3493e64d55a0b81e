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
    IReadOnlyList<string> EnabledOn);

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
}

public sealed record PreviewedViolation(string AccountId, string Resource, string ResourceType, string Annotation);

public sealed record PreviewedDenial(DateTime TimeUtc, string Actor, string AccountId, string Action, string Resource, string? Region, string Statement);
