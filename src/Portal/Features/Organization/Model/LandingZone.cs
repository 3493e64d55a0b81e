namespace MirrorTower.Portal.Features.Organization.Model;

/// <summary>The one landing zone of the organization, as set up by the wizard or the API.</summary>
public sealed class LandingZone
{
    public const string CurrentVersion = "3.3";

    public int Id { get; init; } = 1;
    public required string RootId { get; init; }
    public required string ManagementAccountId { get; init; }
    public required List<string> GovernedRegions { get; set; }
    public string HomeRegion => GovernedRegions[0];
    public required string SecurityOuId { get; init; }
    public string? SandboxOuId { get; init; }
    public required string LogArchiveAccountId { get; init; }
    public required string AuditAccountId { get; init; }
    public int LogRetentionDays { get; set; }
    public string Version { get; init; } = CurrentVersion;
    public DateTime CreatedUtc { get; init; }
}
