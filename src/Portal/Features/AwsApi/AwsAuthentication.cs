using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using MirrorTower.Portal.Features.AccessKeys;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.AwsApi;

/// <summary>
/// Signature Version 4 for every service at <c>/aws</c>: the access key names the user and the account it acts in; the
/// signature covers the body, so a request cannot be replayed with another one. Every refusal is audited.
/// </summary>
public sealed class AwsAuthentication(AccessKeyService keys, UserManager<ApplicationUser> users, AuditTrail audit, TimeProvider time)
{
    public async Task<AwsRequest> AuthenticateAsync(HttpContext context, byte[] body, string requestId)
    {
        var authorization = SigV4Authorization.Parse(context.Request.Headers.Authorization.ToString())
            ?? throw new AwsError("AuthFailure", "The request is not signed with AWS Signature Version 4 (Authorization: AWS4-HMAC-SHA256 ...).", StatusCodes.Status401Unauthorized);
        var key = await keys.ResolveAsync(authorization.AccessKeyId);
        if (key is null)
        {
            await audit.RecordAsync(new Actor(null, authorization.AccessKeyId, "AWS API", context.Connection.RemoteIpAddress?.ToString())
                .Record("aws:Authenticate", authorization.AccessKeyId, AuditOutcome.Denied, "Unknown or revoked access key."));
            throw new AwsError("AuthFailure", "AWS was not able to validate the provided access credentials.", StatusCodes.Status401Unauthorized);
        }
        var actor = new Actor(key.User.Id, key.User.Email ?? key.User.UserName ?? key.User.Id, "AWS API", context.Connection.RemoteIpAddress?.ToString());
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var signed = new SignedRequest(context.Request.Method, raw.Split('?')[0], context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => SignedRequest.HeaderValue(h.Value)), body);
        if (SignatureV4.Problem(signed, authorization, time.GetUtcNow()) is { } problem)
        {
            await audit.RecordAsync(actor.Record("aws:Authenticate", authorization.AccessKeyId, AuditOutcome.Denied, problem));
            throw new AwsError("SignatureDoesNotMatch", problem, StatusCodes.Status403Forbidden);
        }
        if (!AwsEndpoint.Services.Contains(authorization.Service) || !SignatureV4.Verify(signed, authorization, key.Secret, out _))
        {
            await audit.RecordAsync(actor.Record("aws:Authenticate", authorization.AccessKeyId, AuditOutcome.Denied, "Signature does not match."));
            throw new AwsError("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.", StatusCodes.Status403Forbidden);
        }
        if (!AwsRegions.IsKnown(authorization.Region))
        {
            throw new AwsError("InvalidParameterValue", $"'{authorization.Region}' in the credential scope is not a Region.");
        }
        if (key.User.IsDisabled)
        {
            throw new AwsError("AuthFailure", "The access key's user is disabled.", StatusCodes.Status401Unauthorized);
        }
        await keys.MarkUsedAsync(key.Key.Id);
        var roles = await users.GetRolesAsync(key.User);
        var name = new string((key.User.Email ?? key.User.Id).Select(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '=' or ',' or '.' or '@' or '_' or '-' ? c : '_').ToArray());
        return new AwsRequest(requestId, authorization.Service, actor with { Role = roles.FirstOrDefault() }, key.Key.AccountId, authorization.Region,
            $"arn:aws:iam::{key.Key.AccountId}:user/{name}", !roles.Contains(PortalRoles.Auditor), key.Key.Id, body);
    }
}
