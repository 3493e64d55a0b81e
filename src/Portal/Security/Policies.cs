using Microsoft.AspNetCore.Authorization;
using MirrorTower.Portal.Features.Identity;

namespace MirrorTower.Portal.Security;

/// <summary>
/// Named policies used by every page and endpoint. Each includes <see cref="ActiveUserRequirement"/>, so a
/// disabled user, or a cookie or token issued before a password reset or role change, is refused at once.
/// </summary>
public static class Policies
{
    public const string SignedIn = nameof(SignedIn);
    public const string Admin = nameof(Admin);
    public const string AdminOrAuditor = nameof(AdminOrAuditor);

    /// <summary>Designs networks and mirroring (Admins and Members); Auditors only read.</summary>
    public const string Builder = nameof(Builder);

    public static void Configure(AuthorizationBuilder authorization)
    {
        var signedIn = Base().Build();
        authorization
            .AddPolicy(SignedIn, signedIn)
            .AddPolicy(Admin, Base().RequireRole(PortalRoles.Admin).Build())
            .AddPolicy(AdminOrAuditor, Base().RequireRole(PortalRoles.Admin, PortalRoles.Auditor).Build())
            .AddPolicy(Builder, Base().RequireRole(PortalRoles.Admin, PortalRoles.Member).Build())
            .SetDefaultPolicy(signedIn)
            .SetFallbackPolicy(signedIn);
    }

    private static AuthorizationPolicyBuilder Base() => new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .AddRequirements(new ActiveUserRequirement());
}
