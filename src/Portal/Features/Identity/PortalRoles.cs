namespace MirrorTower.Portal.Features.Identity;

/// <summary>The three roles of the portal. Every user has exactly one.</summary>
public static class PortalRoles
{
    /// <summary>Governs everything.</summary>
    public const string Admin = "Admin";

    /// <summary>Self-service: requests things for itself, sees its own requests and the read-only views.</summary>
    public const string Member = "Member";

    /// <summary>Read-only everywhere, including the audit trail.</summary>
    public const string Auditor = "Auditor";

    public const string AdminOrAuditor = Admin + "," + Auditor;

    public static readonly IReadOnlyList<string> All = [Admin, Member, Auditor];

    /// <summary>Returns the canonical spelling of a role name, or null when it is not a role.</summary>
    public static string? Normalize(string? role) =>
        All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
}
