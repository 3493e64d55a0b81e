using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Identity.Users;

namespace MirrorTower.Portal.Features.Identity;

/// <summary>
/// On first start, creates the roles and, while no Admin exists, the bootstrap administrator from
/// configuration. With no configured password a strong one is generated: only its hash is stored, and
/// the password is printed once in the start-up log.
/// </summary>
public sealed class BootstrapAdministrator(
    RoleManager<IdentityRole> roles,
    UserManager<ApplicationUser> users,
    PortalDbContext db,
    IOptions<BootstrapOptions> options,
    TimeProvider time,
    ILogger<BootstrapAdministrator> logger)
{
    public async Task EnsureAsync()
    {
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create the role {role}");
            }
        }

        if ((await users.GetUsersInRoleAsync(PortalRoles.Admin)).Count > 0)
        {
            return;
        }

        var settings = options.Value;
        var email = settings.AdminEmail.Trim();
        var generated = string.IsNullOrEmpty(settings.AdminPassword);
        var password = generated ? PasswordGenerator.Generate() : settings.AdminPassword!;

        await using var transaction = await db.Database.BeginTransactionAsync();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CreatedUtc = time.GetUtcNow().UtcDateTime };
            Check(await users.CreateAsync(user, password), $"create the bootstrap administrator {email} (MirrorTower:Bootstrap)");
        }
        Check(await users.AddToRoleAsync(user, PortalRoles.Admin), $"make {email} an Admin");
        db.AuditEvents.Add(Actor.System.Record(UserActions.Create, email, AuditOutcome.Succeeded, "Bootstrap administrator, role Admin."));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();

        if (generated)
        {
            logger.LogWarning(
                "Bootstrap administrator created. Sign in as {Email} with the password {Password} ; it is shown only this once.",
                email, password);
        }
        else
        {
            logger.LogInformation("Bootstrap administrator {Email} created with the configured password.", email);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
