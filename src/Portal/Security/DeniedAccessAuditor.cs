using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using MirrorTower.Portal.Features.Audit;

namespace MirrorTower.Portal.Security;

/// <summary>
/// Records every request that the server refused to a signed-in user (HTTP 403 or the access-denied
/// page) in the audit trail, then lets the default handler answer.
/// </summary>
internal sealed class DeniedAccessAuditor(AuditTrail auditTrail) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var isApi = context.Request.Path.StartsWithSegments("/api");
            var actor = Actor.From(context.User, isApi ? Actor.Api : Actor.Ui, context.Connection.RemoteIpAddress?.ToString());
            await auditTrail.RecordAsync(actor.Record(
                isApi ? AccessActions.CallApi : AccessActions.OpenPage,
                $"{context.Request.Method} {context.Request.Path}",
                AuditOutcome.Denied,
                DescribeFailure(authorizeResult.AuthorizationFailure)));
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    internal static string DescribeFailure(AuthorizationFailure? failure)
    {
        if (failure is null)
        {
            return "Access denied.";
        }

        var reasons = failure.FailureReasons.Select(r => r.Message)
            .Concat(failure.FailedRequirements.OfType<RolesAuthorizationRequirement>()
                .Select(r => $"Requires the role {string.Join(" or ", r.AllowedRoles)}."));
        return string.Join(" ", reasons.Distinct()).Trim() is { Length: > 0 } text ? text : "Access denied.";
    }
}

/// <summary>Audit actions of refused access, which has no AWS counterpart.</summary>
public static class AccessActions
{
    public const string OpenPage = "portal:OpenPage";
    public const string CallApi = "portal:CallApi";
}
