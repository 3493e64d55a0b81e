using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using static MirrorTower.Portal.Features.Identity.Users.UserValidation;

namespace MirrorTower.Portal.Features.Identity.Users;

/// <summary>
/// Creates users, sets their role, disables them and resets passwords. Each operation runs in its own
/// scope and transaction (a Blazor circuit must not hold a DbContext) and writes its audit event in
/// that transaction; a refused operation saves nothing but its audit event.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, AuditTrail auditTrail, TimeProvider time)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = time.GetUtcNow();
        var rows = await (
            from user in db.Users.AsNoTracking()
            let role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                        where ur.UserId == user.Id select r.Name).FirstOrDefault()
            orderby user.Email
            select new { user.Id, user.Email, Role = role, user.IsDisabled, user.LockoutEnd, user.CreatedUtc })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new UserSummary(
            r.Id, r.Email ?? "", r.Role ?? "", r.IsDisabled, r.LockoutEnd > now, r.CreatedUtc)).ToList();
    }

    public async Task<OperationResult<UserSummary>> CreateAsync(Actor actor, NewUser request)
    {
        if (await RoleRefusalAsync(actor, UserActions.Create, request.Email ?? "(no e-mail)") is { } refused)
        {
            return refused;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = request.Email?.Trim();
        var target = email ?? "(no e-mail)";

        var errors = new FieldErrors();
        CheckEmail(errors, email);
        var role = CheckRole(errors, request.Role);
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CreatedUtc = time.GetUtcNow().UtcDateTime };
        await CheckPasswordAsync(errors, users, user, request.Password);
        if (errors.IsEmpty && await users.FindByEmailAsync(email!) is not null)
        {
            errors.Add(EmailField, $"'{email}' is already used by another user.");
        }
        if (!errors.IsEmpty)
        {
            return await auditTrail.RefuseAsync<UserSummary>(actor, UserActions.Create, target, errors);
        }

        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(user, request.Password!);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(user, role!);
        }
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync();
            return await auditTrail.RefuseAsync<UserSummary>(actor, UserActions.Create, target, FromIdentity(created));
        }

        db.AuditEvents.Add(actor.Record(UserActions.Create, email!, AuditOutcome.Succeeded, $"Role {role}."));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return OperationResult<UserSummary>.Success(new UserSummary(user.Id, email!, role!, false, false, user.CreatedUtc));
    }

    public Task<OperationResult<UserSummary>> SetRoleAsync(Actor actor, string userId, RoleChange change) =>
        ChangeAsync(actor, userId, UserActions.SetRole, async (users, user, errors) =>
        {
            var role = CheckRole(errors, change.Role);
            if (role is null)
            {
                return null;
            }
            if (role != PortalRoles.Admin && await IsLastActiveAdminAsync(users, user))
            {
                errors.Add(RoleField, "The last enabled Admin cannot lose the Admin role: make another user Admin first.");
                return null;
            }
            var current = await users.GetRolesAsync(user);
            var result = await users.RemoveFromRolesAsync(user, current);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, role);
            }
            // A new security stamp ends the sessions and tokens that carry the old role.
            return result.Succeeded ? await users.UpdateSecurityStampAsync(user) : result;
        }, _ => $"Role set to {PortalRoles.Normalize(change.Role)}.");

    public Task<OperationResult<UserSummary>> SetDisabledAsync(Actor actor, string userId, bool disabled) =>
        ChangeAsync(actor, userId, disabled ? UserActions.Disable : UserActions.Enable, async (users, user, errors) =>
        {
            if (disabled && user.Id == actor.UserId)
            {
                errors.Add("userId", "You cannot disable your own user.");
                return null;
            }
            if (disabled && await IsLastActiveAdminAsync(users, user))
            {
                errors.Add("userId", "The last enabled Admin cannot be disabled.");
                return null;
            }
            user.IsDisabled = disabled;
            var result = await users.UpdateAsync(user);
            return result.Succeeded ? await users.UpdateSecurityStampAsync(user) : result;
        }, _ => disabled ? "User disabled." : "User enabled.");

    public Task<OperationResult<UserSummary>> ResetPasswordAsync(Actor actor, string userId, PasswordReset reset) =>
        ChangeAsync(actor, userId, UserActions.ResetPassword, async (users, user, errors) =>
        {
            await CheckPasswordAsync(errors, users, user, reset.Password);
            if (!errors.IsEmpty)
            {
                return null;
            }
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var result = await users.ResetPasswordAsync(user, token, reset.Password!);
            if (result.Succeeded)
            {
                result = await users.SetLockoutEndDateAsync(user, null);
            }
            return result.Succeeded ? await users.ResetAccessFailedCountAsync(user) : result;
        }, _ => "Password reset; lockout cleared.");

    /// <summary>Loads the user, applies the change in one transaction with its audit event, or refuses it.</summary>
    private async Task<OperationResult<UserSummary>> ChangeAsync(
        Actor actor,
        string userId,
        string action,
        Func<UserManager<ApplicationUser>, ApplicationUser, FieldErrors, Task<IdentityResult?>> change,
        Func<ApplicationUser, string> describe)
    {
        if (await RoleRefusalAsync(actor, action, userId) is { } refused)
        {
            return refused;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            await auditTrail.RecordAsync(actor.Record(action, userId, AuditOutcome.Failed, "No such user."));
            return OperationResult<UserSummary>.NotFound($"No user has the id '{userId}'.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var errors = new FieldErrors();
        var result = await change(users, user, errors);
        if (result is { Succeeded: false })
        {
            errors = FromIdentity(result);
        }
        if (!errors.IsEmpty || result is null)
        {
            await transaction.RollbackAsync();
            return await auditTrail.RefuseAsync<UserSummary>(actor, action, user.Email!, errors);
        }

        db.AuditEvents.Add(actor.Record(action, user.Email!, AuditOutcome.Succeeded, describe(user)));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        var roles = await users.GetRolesAsync(user);
        return OperationResult<UserSummary>.Success(new UserSummary(
            user.Id, user.Email!, roles.FirstOrDefault() ?? "", user.IsDisabled,
            user.LockoutEnd > time.GetUtcNow(), user.CreatedUtc));
    }


    /// <summary>
    /// Only Admins administer users, whichever door the call came through. These changes stay outside the
    /// <see cref="ChangePipeline"/> because Identity's UserManager writes through its own context; their write
    /// transaction (SQLite: BEGIN IMMEDIATE, taken before the last-Admin count is read) serializes them.
    /// </summary>
    private async Task<OperationResult<UserSummary>?> RoleRefusalAsync(Actor actor, string action, string target)
    {
        if (ChangePipeline.RoleRefusal(actor, Clearance.Admin) is not { } refusal)
        {
            return null;
        }
        await auditTrail.RecordAsync(actor.Record(action, target, AuditOutcome.Denied, refusal));
        return OperationResult<UserSummary>.Denied(refusal);
    }

    private static async Task<bool> IsLastActiveAdminAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        if (!await users.IsInRoleAsync(user, PortalRoles.Admin))
        {
            return false;
        }
        var admins = await users.GetUsersInRoleAsync(PortalRoles.Admin);
        return admins.Count(a => !a.IsDisabled && a.Id != user.Id) == 0;
    }
}
