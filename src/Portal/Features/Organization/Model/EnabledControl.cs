namespace MirrorTower.Portal.Features.Organization.Model;

/// <summary>A control enabled on an OU, with its parameters.</summary>
public sealed class EnabledControl
{
    public long Id { get; init; }
    public required string ControlIdentifier { get; init; }
    public required string OuId { get; init; }
    public Dictionary<string, string[]> Parameters { get; set; } = new();
    public EnabledControlStatus Status { get; set; }
    public DateTime EnabledUtc { get; set; }
}

public enum EnabledControlStatus
{
    SUCCEEDED,
    FAILED,
    UNDER_CHANGE,
}

/// <summary>An asynchronous enable or disable, as Control Tower's GetControlOperation reports it.</summary>
public sealed class ControlOperation
{
    public required string Id { get; init; }
    public ControlOperationType OperationType { get; init; }
    public ControlOperationStatus Status { get; set; }
    public required string ControlIdentifier { get; init; }
    public required string TargetId { get; init; }
    public Dictionary<string, string[]> Parameters { get; init; } = new();
    public string? StatusMessage { get; set; }
    public required string RequestedBy { get; init; }

    /// <summary>UI or API, for the audit trail.</summary>
    public string RequestedVia { get; init; } = "UI";

    /// <summary>What the policy test suites said when the operation was requested, for the audit trail.</summary>
    public string? TestReport { get; init; }
    public DateTime StartUtc { get; init; }
    public DateTime? EndUtc { get; set; }
}

public enum ControlOperationType
{
    ENABLE_CONTROL,
    DISABLE_CONTROL,
    UPDATE_ENABLED_CONTROL,
    RESET_ENABLED_CONTROL,

    /// <summary>AWSControlTowerBaseline enabled on an OU: its registration (kept with the control operations, it is not one).</summary>
    ENABLE_BASELINE,
}

/// <summary>The baselines Control Tower lists (ListBaselines), by name.</summary>
public static class Baselines
{
    public const string ControlTower = "AWSControlTowerBaseline";
}

public enum ControlOperationStatus
{
    IN_PROGRESS,
    SUCCEEDED,
    FAILED,
}
