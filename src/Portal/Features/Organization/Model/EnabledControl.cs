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

    /// <summary>The landing zone's manifest changed (UpdateLandingZone; kept with the control operations, it is not one).</summary>
    UPDATE_LANDING_ZONE,

    /// <summary>The landing zone brought back to its manifest (ResetLandingZone).</summary>
    RESET_LANDING_ZONE,
}

public static class ControlOperationTypes
{
    /// <summary>What the landing zone's operations name in place of a control.</summary>
    public const string LandingZone = "AWSControlTowerLandingZone";

    /// <summary>An operation on a control (GetControlOperation's), not on a baseline or the landing zone.</summary>
    public static bool IsControl(ControlOperationType type) => type is ControlOperationType.ENABLE_CONTROL or ControlOperationType.DISABLE_CONTROL
        or ControlOperationType.UPDATE_ENABLED_CONTROL or ControlOperationType.RESET_ENABLED_CONTROL;

    /// <summary>Control Tower's name of a landing zone operation's type (UPDATE, RESET), or null for other operations.</summary>
    public static string? LandingZoneType(ControlOperationType type) => type switch
    {
        ControlOperationType.UPDATE_LANDING_ZONE => "UPDATE",
        ControlOperationType.RESET_LANDING_ZONE => "RESET",
        _ => null,
    };
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
