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

    /// <summary>The organization's id (<c>o-…</c>), as <c>aws:PrincipalOrgID</c> and RCP controls name it.</summary>
    public string OrganizationId => OrganizationIdOf(RootId);

    /// <summary>Derived from the root's id, so it stays the same for the life of the landing zone.</summary>
    public static string OrganizationIdOf(string rootId) =>
        "o-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(rootId)))[..10].ToLowerInvariant();
}
