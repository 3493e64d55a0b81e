namespace MirrorTower.Portal.Features.Organization.Model;

/// <summary>The one landing zone of the organization, as set up by the wizard or the API.</summary>
public sealed class LandingZone
{
    /// <summary>The latest landing zone version MirrorTower offers.</summary>
    public const string CurrentVersion = "3.3";

    /// <summary>The versions a landing zone can be set up at or updated to, oldest first.</summary>
    public static readonly IReadOnlyList<string> OfferedVersions = ["3.0", "3.1", "3.2", "3.3"];

    public static bool IsOffered(string? version) => version is not null && OfferedVersions.Contains(version);

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
    public string Version { get; set; } = CurrentVersion;
    public DateTime CreatedUtc { get; init; }

    /// <summary>The organization's id (<c>o-…</c>), as <c>aws:PrincipalOrgID</c> and RCP controls name it.</summary>
    public string OrganizationId => OrganizationIdOf(RootId);

    /// <summary>Derived from the root's id, so it stays the same for the life of the landing zone.</summary>
    public static string OrganizationIdOf(string rootId) =>
        "o-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(rootId)))[..10].ToLowerInvariant();
}
