using MirrorTower.Portal.Security;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Features.AccessKeys;
using MirrorTower.Portal.Features.Mirroring.Network;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Mirroring;

namespace MirrorTower.Portal.Features.Mirroring.Ec2;

/// <summary>
/// <c>/aws</c>: the EC2 Query API (form-encoded <c>Action=…</c>, XML answers) for the traffic-mirroring actions, so that
/// <c>aws --endpoint-url http://host:port/aws ec2 …</c> and the AWS SDKs work against MirrorTower. Requests are
/// authenticated by Signature Version 4 with the caller's access key; the key's user is the principal the account's
/// SCPs judge (<c>arn:aws:iam::ACCOUNT:user/NAME</c>) and the actor of the audit trail.
/// </summary>
public static class Ec2QueryEndpoint
{
    public const string Path = "/aws";
    private const int MaxBody = 1 << 20;

    public static void MapEc2QueryApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(Path, ["GET", "POST"], ServeAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }

    private static async Task ServeAsync(HttpContext context, AccessKeyService keys, UserManager<ApplicationUser> users, MirroringService mirroring, NetworkService network,
        Ec2Reads reads, Ec2Idempotency idempotency, AuditTrail audit, TimeProvider time, ILoggerFactory loggers)
    {
        var requestId = Guid.NewGuid().ToString();
        try
        {
            var body = await ReadBodyAsync(context.Request);
            var form = QueryHelpers.ParseQuery(context.Request.QueryString.Value).Concat(QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)))
                .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);
            var parameters = new Ec2Parameters(form);
            var caller = await AuthenticateAsync(context, body, keys, users, audit, time) with { DryRun = parameters.Bool("DryRun") };
            var action = parameters.Required("Action");
            var call = new Ec2Call(parameters, caller, mirroring, network, () => reads.DescribeAsync(caller, $"ec2:{action}"));
            var token = parameters.String("ClientToken");
            var response = token is null || !Ec2Actions.TakeClientToken.Contains(action)
                ? await Ec2Actions.ServeAsync(action, call, requestId)
                : await idempotency.RunAsync(caller.AccountId, action, token, form.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal),
                    () => Ec2Actions.ServeAsync(action, call, requestId));
            // A repeated answer is the original result under this request's id.
            response.Element(Ec2Xml.Ns + "requestId")?.SetValue(requestId);
            context.Response.ContentType = "text/xml;charset=UTF-8";
            await context.Response.WriteAsync(response.ToString(System.Xml.Linq.SaveOptions.DisableFormatting));
        }
        catch (Ec2Error error)
        {
            loggers.CreateLogger(typeof(Ec2QueryEndpoint)).LogInformation("EC2 API {Code}: {Message}", error.Code, error.Message);
            context.Response.StatusCode = error.Status;
            context.Response.ContentType = "text/xml;charset=UTF-8";
            await context.Response.WriteAsync(Ec2Xml.Error(error.Code, error.Message, requestId).ToString(System.Xml.Linq.SaveOptions.DisableFormatting));
        }
    }

    private static async Task<Ec2Caller> AuthenticateAsync(HttpContext context, byte[] body, AccessKeyService keys, UserManager<ApplicationUser> users, AuditTrail audit, TimeProvider time)
    {
        var authorization = SigV4Authorization.Parse(context.Request.Headers.Authorization.ToString())
            ?? throw new Ec2Error("AuthFailure", "The request is not signed with AWS Signature Version 4 (Authorization: AWS4-HMAC-SHA256 ...).", StatusCodes.Status401Unauthorized);
        var key = await keys.ResolveAsync(authorization.AccessKeyId);
        if (key is null)
        {
            await audit.RecordAsync(new Actor(null, authorization.AccessKeyId, "EC2 API", context.Connection.RemoteIpAddress?.ToString())
                .Record("aws:Authenticate", authorization.AccessKeyId, AuditOutcome.Denied, "Unknown or revoked access key."));
            throw new Ec2Error("AuthFailure", "AWS was not able to validate the provided access credentials.", StatusCodes.Status401Unauthorized);
        }
        var actor = new Actor(key.User.Id, key.User.Email ?? key.User.UserName ?? key.User.Id, "EC2 API", context.Connection.RemoteIpAddress?.ToString());
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var signed = new SignedRequest(context.Request.Method, raw.Split('?')[0], context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => SignedRequest.HeaderValue(h.Value)), body);
        if (SignatureV4.Problem(signed, authorization, time.GetUtcNow()) is { } problem)
        {
            await audit.RecordAsync(actor.Record("aws:Authenticate", authorization.AccessKeyId, AuditOutcome.Denied, problem));
            throw new Ec2Error("SignatureDoesNotMatch", problem, StatusCodes.Status403Forbidden);
        }
        if (authorization.Service != "ec2" || !SignatureV4.Verify(signed, authorization, key.Secret, out _))
        {
            await audit.RecordAsync(actor.Record("aws:Authenticate", authorization.AccessKeyId, AuditOutcome.Denied, "Signature does not match."));
            throw new Ec2Error("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.", StatusCodes.Status403Forbidden);
        }
        if (!AwsRegions.IsKnown(authorization.Region))
        {
            throw new Ec2Error("InvalidParameterValue", $"'{authorization.Region}' in the credential scope is not a Region.");
        }
        if (key.User.IsDisabled)
        {
            throw new Ec2Error("AuthFailure", "The access key's user is disabled.", StatusCodes.Status401Unauthorized);
        }
        await keys.MarkUsedAsync(key.Key.Id);
        var roles = await users.GetRolesAsync(key.User);
        var name = new string((key.User.Email ?? key.User.Id).Select(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '=' or ',' or '.' or '@' or '_' or '-' ? c : '_').ToArray());
        return new Ec2Caller(actor with { Role = roles.FirstOrDefault() }, key.Key.AccountId, authorization.Region, $"arn:aws:iam::{key.Key.AccountId}:user/{name}", !roles.Contains(PortalRoles.Auditor));
    }

    /// <summary>The body, which SigV4 signs, read whole; a body over the limit is refused without being read to the end.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBody)
        {
            throw new Ec2Error("InvalidParameterValue", $"The request body is larger than {MaxBody} bytes.");
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBody)
            {
                throw new Ec2Error("InvalidParameterValue", $"The request body is larger than {MaxBody} bytes.");
            }
        }
        return buffer.ToArray();
    }
}
