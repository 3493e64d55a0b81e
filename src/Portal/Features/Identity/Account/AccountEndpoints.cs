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
            [FromServices] AuditTrail auditTrail) =>
        {
            var actor = Actor.From(context.User, Actor.Ui, context.Connection.RemoteIpAddress?.ToString());
            await signInManager.SignOutAsync();
            await auditTrail.RecordAsync(actor.Record(PasswordSignIn.SignOutAction, actor.Name, AuditOutcome.Succeeded));
            return TypedResults.LocalRedirect("~/Account/Login");
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
