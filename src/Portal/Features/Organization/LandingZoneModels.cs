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
    IReadOnlyList<DriftItem> Drift)
{
    public static LandingZoneView From(LandingZone zone, IReadOnlyList<DriftItem> drift) => new(
        drift.Count == 0 ? "IN_SYNC" : "DRIFTED", zone.Version, zone.RootId, zone.ManagementAccountId, zone.GovernedRegions,
        zone.SecurityOuId, zone.SandboxOuId, zone.LogArchiveAccountId, zone.AuditAccountId, zone.LogRetentionDays,
        zone.CreatedUtc, drift);
}
