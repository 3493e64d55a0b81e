using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization;

/// <summary>The body of <c>POST /api/v1/landing-zone</c> and of the setup wizard.</summary>
public sealed class LandingZoneRequest
{
    public List<string>? GovernedRegions { get; set; }
    public string? SecurityOuName { get; set; } = "Security";

    /// <summary>Absent or null: "Sandbox". An empty string: no Sandbox OU.</summary>
    public string? SandboxOuName { get; set; } = "Sandbox";

    public string? LogArchiveEmail { get; set; }
    public string? AuditEmail { get; set; }
    public int? LogRetentionDays { get; set; } = 365;

    /// <summary>One of the offered versions; absent: the latest.</summary>
    public string? Version { get; set; }
}

public sealed record LandingZoneView(
    string Status,
    string Version,
    string RootId,
    string ManagementAccountId,
    IReadOnlyList<string> GovernedRegions,
    string SecurityOuId,
    string? SandboxOuId,
    string LogArchiveAccountId,
    string AuditAccountId,
    int LogRetentionDays,
    DateTime CreatedUtc,
    IReadOnlyList<DriftItem> Drift,
    IReadOnlyList<DriftedControl> DriftedControls)
{
    public static LandingZoneView From(LandingZone zone, IReadOnlyList<DriftItem> drift, IReadOnlyList<DriftedControl> controls) => new(
        drift.Count == 0 && controls.Count == 0 ? "IN_SYNC" : "DRIFTED", zone.Version, zone.RootId, zone.ManagementAccountId, zone.GovernedRegions,
        zone.SecurityOuId, zone.SandboxOuId, zone.LogArchiveAccountId, zone.AuditAccountId, zone.LogRetentionDays,
        zone.CreatedUtc, drift, controls);
}

/// <summary>An enabled control in drift, with its drift types and why (ResetEnabledControl repairs it).</summary>
public sealed record DriftedControl(string OuId, string OuName, string ControlIdentifier, string ControlName, Drift.ControlDriftStatus Drift)
{
    public static IReadOnlyList<DriftedControl> In(OrganizationSnapshot org) => Organization.Drift.ControlDrift.Detect(org)
        .Where(d => d.Value.IsDrifted)
        .Select(d => new DriftedControl(d.Key.OuId, org.Ou(d.Key.OuId)?.Name ?? d.Key.OuId, d.Key.ControlIdentifier,
            MirrorTower.Engine.Controls.ControlCatalog.Default.Find(d.Key.ControlIdentifier)?.Name ?? d.Key.ControlIdentifier, d.Value))
        .OrderBy(d => d.OuName, StringComparer.Ordinal).ThenBy(d => d.ControlIdentifier, StringComparer.Ordinal).ToList();
}
