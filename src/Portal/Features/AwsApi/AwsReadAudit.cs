using System.Text;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.AwsApi;

/// <summary>
/// Every call through <c>/aws</c> is in the audit trail under the key's user, as CloudTrail records reads beside writes:
/// changes are recorded by the change pipeline they go through (granted or refused), and reads here, once answered or
/// refused, named as CloudTrail names events (<c>organizations:ListRoots</c>, <c>controltower:GetLandingZone</c>).
/// </summary>
internal static class AwsReadAudit
{
    private static readonly string[] ReadPrefixes = ["Describe", "List", "Get", "Search", "Scan"];

    /// <summary>The operation a request names: the JSON target's, the Query form's Action, or the REST path's.</summary>
    public static string OperationOf(HttpContext context, AwsRequest request, string? restOperation)
    {
        if (restOperation is not null)
        {
            // get-landingzone-operation → GetLandingZoneOperation, as the API Reference names it.
            return string.Concat(restOperation.Split('-').Select(word => word == "landingzone" ? "LandingZone"
                : word == "landingzones" ? "LandingZones" : word.Length == 0 ? "" : char.ToUpperInvariant(word[0]) + word[1..]));
        }
        if (context.Request.Headers["X-Amz-Target"].ToString() is { Length: > 0 } target)
        {
            return target[(target.LastIndexOf('.') + 1)..];
        }
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Encoding.UTF8.GetString(request.Body));
        return form.TryGetValue("Action", out var action) ? action.ToString()
            : context.Request.Query.TryGetValue("Action", out var query) ? query.ToString() : "";
    }

    public static bool IsRead(string operation) => ReadPrefixes.Any(p => operation.StartsWith(p, StringComparison.Ordinal) && operation.Length > p.Length && char.IsUpper(operation[p.Length]));

    /// <summary>Records a read answered (<paramref name="error"/> null) or refused; a refusal its service has recorded itself is not recorded twice.</summary>
    public static async Task RecordAsync(HttpContext context, AwsRequest request, string operation, AwsError? error)
    {
        if (!IsRead(operation) || error is { Code: "UnauthorizedOperation" })
        {
            return;
        }
        var outcome = error is null ? AuditOutcome.Succeeded
            : error.Code.StartsWith("AccessDenied", StringComparison.Ordinal) ? AuditOutcome.Denied : AuditOutcome.Failed;
        var audit = context.RequestServices.GetRequiredService<AuditTrail>();
        await audit.RecordAsync(request.Actor.Record($"{request.Service}:{operation}", request.AccountId, outcome,
            error is null ? null : $"{error.Code}: {error.Message}", request.AccountId, request.PrincipalArn, request.Region));
    }
}
