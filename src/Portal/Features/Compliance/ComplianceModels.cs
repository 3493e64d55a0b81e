namespace MirrorTower.Portal.Features.Compliance;

public sealed record OuCompliance(string OuId, string Name, int Compliant, int Noncompliant, int Unknown);

public sealed record ViolatedControl(string ControlIdentifier, string Name, int Resources);

public sealed record RecentOperation(DateTime TimeUtc, string What, string Status);

public sealed record DashboardView(
    bool LandingZoneSetUp,
    string LandingZoneStatus,
    int DriftCount,
    int AccountsEnrolled,
    int AccountsTotal,
    int OusRegistered,
    int OusTotal,
    int PreventiveControlsEnabled,
    int DetectiveControlsEnabled,
    int NoncompliantResources,
    IReadOnlyList<OuCompliance> ByOu,
    IReadOnlyList<ViolatedControl> MostViolated,
    IReadOnlyList<RecentOperation> RecentOperations);

public sealed record Violation(
    long ResultId,
    long ResourceId,
    string AccountId,
    string AccountName,
    string? OuName,
    string ControlIdentifier,
    string ControlName,
    string Region,
    string Resource,
    string ResourceType,
    string Service,
    string Annotation,
    DateTime EvaluatedUtc,
    string? Remediation);

public sealed record ViolationFilter
{
    public string? AccountId { get; init; }
    public string? OuId { get; init; }
    public string? Control { get; init; }
    public string? ResourceType { get; init; }
    public string? Region { get; init; }

    /// <summary>The service of the control, e.g. "Amazon S3".</summary>
    public string? Service { get; init; }

    public string? Search { get; init; }

    /// <summary>The column to sort by (<see cref="SortKeys"/>); by account, control and resource when none is given.</summary>
    public string? Sort { get; init; }

    /// <summary>"asc" (the default) or "desc".</summary>
    public string? Order { get; init; }

    public static readonly string[] SortKeys = ["account", "control", "region", "resource", "type", "evaluated"];

    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record ViolationPage(IReadOnlyList<Violation> Items, int Total, int Page, int PageSize);

/// <summary>Clear or In violation, per control in effect on the account.</summary>
public sealed record ControlCompliance(string ControlIdentifier, string Name, string Status, int Noncompliant, int Evaluated);

/// <summary>Compliant, Noncompliant, or Unknown (INSUFFICIENT_DATA: nothing was evaluated).</summary>
public sealed record AccountCompliance(string AccountId, string Status, string? Detail, IReadOnlyList<ControlCompliance> Controls);
