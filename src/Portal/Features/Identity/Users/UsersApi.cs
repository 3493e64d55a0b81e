using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Identity.Users;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.Identity.Users;

internal static class UsersApi
{
    public static void MapUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").RequireAuthorization(Policies.Admin).WithTags("Users");

        users.MapGet("/", async (UserAdministration admin, CancellationToken ct) => await admin.ListAsync(ct))
            .WithSummary("List users with their role and status.");

        users.MapPost("/", async (NewUser request, HttpContext context, UserAdministration admin) =>
                (await admin.CreateAsync(context.ApiActor(), request))
                    .ToHttp(user => TypedResults.Created($"/api/v1/users/{user.Id}", user)))
            .WithSummary("Create a user with an initial password and a role (Admin, Member or Auditor).")
            .Produces<UserSummary>(StatusCodes.Status201Created)
            .ProducesValidationProblem();

        users.MapPut("/{id}/role", async (string id, RoleChange change, HttpContext context, UserAdministration admin) =>
                (await admin.SetRoleAsync(context.ApiActor(), id, change)).ToHttp(TypedResults.Ok))
            .WithSummary("Set a user's role.");

        users.MapPost("/{id}/disable", async (string id, HttpContext context, UserAdministration admin) =>
                (await admin.SetDisabledAsync(context.ApiActor(), id, true)).ToHttp(TypedResults.Ok))
            .WithSummary("Disable a user: it can no longer sign in and its sessions and tokens end.");

        users.MapPost("/{id}/enable", async (string id, HttpContext context, UserAdministration admin) =>
                (await admin.SetDisabledAsync(context.ApiActor(), id, false)).ToHttp(TypedResults.Ok))
            .WithSummary("Enable a disabled user.");

        users.MapPut("/{id}/password", async (string id, PasswordReset reset, HttpContext context, UserAdministration admin) =>
                (await admin.ResetPasswordAsync(context.ApiActor(), id, reset)).ToHttp(TypedResults.Ok))
            .WithSummary("Reset a user's password and clear its lockout.");
    }
}
