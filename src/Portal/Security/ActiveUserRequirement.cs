using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MirrorTower.Portal.Data;

namespace MirrorTower.Portal.Security;

/// <summary>The user still exists, is not disabled, and its credentials were issued after its last security change.</summary>
public sealed class ActiveUserRequirement : IAuthorizationRequirement;

internal sealed class ActiveUserHandler(
    IDbContextFactory<PortalDbContext> dbFactory,
    IOptions<IdentityOptions> identityOptions) : AuthorizationHandler<ActiveUserRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ActiveUserRequirement requirement)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.IsDisabled, u.SecurityStamp })
            .FirstOrDefaultAsync();
        var stamp = context.User.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        if (user is { IsDisabled: false } && user.SecurityStamp == stamp)
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, "The user is disabled or its sign-in is no longer valid."));
        }
    }
}
