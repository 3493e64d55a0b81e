using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using MirrorTower.Portal.Features.Audit;

namespace MirrorTower.Portal.Features.Identity.Account;

internal static class AccountEndpoints
{
    /// <summary>Sign-out is a form post (with an antiforgery token) from the app bar.</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/Account/Logout", async (
            HttpContext context,
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromServices] AuditTrail auditTrail,
            [FromServices] Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            // The endpoint binds no form, so the antiforgery middleware only marks a bad token: refuse it here, or any
            // site could sign a visitor out.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Text("Sign-out needs the antiforgery token of the portal's own sign-out form.", statusCode: StatusCodes.Status400BadRequest);
            }
            var actor = Actor.From(context.User, Actor.Ui, context.Connection.RemoteIpAddress?.ToString());
            await signInManager.SignOutAsync();
            await auditTrail.RecordAsync(actor.Record(PasswordSignIn.SignOutAction, actor.Name, AuditOutcome.Succeeded));
            return Results.LocalRedirect("~/Account/Login");
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
