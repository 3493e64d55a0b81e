using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Audit;

namespace MirrorTower.Portal.Security;

/// <summary>
/// Cross-site request forgery on the API: a browser sends the portal's auth cookie with any site's request, so a
/// cookie-authenticated call that changes something must come from the portal's own origin (its <c>Origin</c>, or
/// <c>Sec-Fetch-Site: same-origin</c> when a browser omits Origin). Bearer-token calls carry their credential
/// explicitly and need no such check; the sign-in and sign-out forms are protected by antiforgery tokens instead.
/// </summary>
public static class CrossSiteRequests
{
    public static IApplicationBuilder UseCrossSiteRequestChecks(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsForged(context.Request))
        {
            var actor = Actor.From(context.User, Actor.Api, context.Connection.RemoteIpAddress?.ToString());
            await context.RequestServices.GetRequiredService<AuditTrail>().RecordAsync(actor.Record("mirrortower:CallApi",
                $"{context.Request.Method} {context.Request.Path}", AuditOutcome.Denied,
                $"Cross-site request refused: Origin '{context.Request.Headers.Origin}' is not this portal's."));
            await Results.Problem("A cookie-authenticated API call that changes something must come from the portal's own pages; automation uses a bearer token.",
                statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused.").ExecuteAsync(context);
            return;
        }
        await next();
    });

    private static bool IsForged(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || !request.Path.StartsWithSegments(ApiPaths.Prefix)
            || request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || !request.Cookies.ContainsKey(PortalCookies.Auth))
        {
            return false;
        }
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
        }
        return request.Headers["Sec-Fetch-Site"].ToString() != "same-origin";
    }
}
