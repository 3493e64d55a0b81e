using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using MirrorTower.Portal.Features.AccountFactory.AwsApi;
using MirrorTower.Portal.Features.Compliance.AwsApi;
using MirrorTower.Portal.Features.Controls.AwsApi;
using MirrorTower.Portal.Features.Mirroring.Ec2;
using MirrorTower.Portal.Features.Organization.AwsApi;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.AwsApi;

/// <summary>
/// <c>/aws</c>: AWS's wire protocols, so that <c>aws --endpoint-url http://host:port/aws …</c> and the AWS SDKs work
/// against MirrorTower. One endpoint for every service, as a real client only changes the signing name: the service in
/// the signature's credential scope picks the protocol (EC2 Query, STS Query, Organizations, Config and Service Catalog JSON 1.1,
/// Control Tower REST-JSON), and each answers
/// errors in its own shape.
/// </summary>
public static class AwsEndpoint
{
    public const string Path = "/aws";
    private const int MaxBody = 1 << 20;

    public static readonly IReadOnlySet<string> Services = new HashSet<string>(StringComparer.Ordinal) { "ec2", "sts", "organizations", "controltower", "config", "servicecatalog" };

    /// <summary>The services whose protocol is REST-JSON: the operation is the path under <c>/aws</c>.</summary>
    private static readonly IReadOnlySet<string> RestJson = new HashSet<string>(StringComparer.Ordinal) { "controltower" };

    public static void MapAwsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(Path, ["GET", "POST"], (HttpContext context, AwsAuthentication authentication, ILoggerFactory loggers) =>
            ServeAsync(context, authentication, loggers, null)).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        endpoints.MapPost(Path + "/{operation}", (HttpContext context, string operation, AwsAuthentication authentication, ILoggerFactory loggers) =>
            ServeAsync(context, authentication, loggers, operation)).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
    }

    private static async Task ServeAsync(HttpContext context, AwsAuthentication authentication, ILoggerFactory loggers, string? operation)
    {
        var requestId = Guid.NewGuid().ToString();
        var service = SigV4Authorization.Parse(context.Request.Headers.Authorization.ToString())?.Service;
        AwsRequest? request = null;
        try
        {
            var body = await ReadBodyAsync(context.Request);
            request = await authentication.AuthenticateAsync(context, body, requestId);
            if (RestJson.Contains(request.Service) != (operation is not null))
            {
                throw new AwsError("UnknownOperationException", operation is null
                    ? $"{request.Service} is a REST-JSON service: its operations are paths under {Path}."
                    : $"{request.Service} is served at {Path} itself, not at {Path}/{operation}.", StatusCodes.Status404NotFound);
            }
            await (request.Service switch
            {
                "controltower" => ControlTowerRestApi.ServeAsync(context, request, operation!),
                "organizations" => OrganizationsJsonApi.ServeAsync(context, request),
                "config" => ConfigJsonApi.ServeAsync(context, request),
                "servicecatalog" => ServiceCatalogJsonApi.ServeAsync(context, request),
                "sts" => ServeStsAsync(context, request),
                _ => Ec2QueryEndpoint.ServeAsync(context, request),
            });
            await AwsReadAudit.RecordAsync(context, request, AwsReadAudit.OperationOf(context, request, operation), null);
        }
        catch (AwsError error)
        {
            loggers.CreateLogger(typeof(AwsEndpoint)).LogInformation("AWS API {Service} {Code}: {Message}", service, error.Code, error.Message);
            await WriteErrorAsync(context, service, error, requestId);
            if (request is not null)
            {
                await AwsReadAudit.RecordAsync(context, request, AwsReadAudit.OperationOf(context, request, operation), error);
            }
        }
    }

    /// <summary>STS's one action here: <c>aws sts get-caller-identity</c> names the key's account and user.</summary>
    private static async Task ServeStsAsync(HttpContext context, AwsRequest request)
    {
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Encoding.UTF8.GetString(request.Body));
        var action = form.TryGetValue("Action", out var value) ? value.ToString() : "";
        if (action != "GetCallerIdentity")
        {
            throw new AwsError("InvalidAction", $"MirrorTower serves STS GetCallerIdentity only, not '{action}'.");
        }
        XNamespace ns = StsNamespace;
        var userId = "AIDA" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(request.Actor.UserId ?? request.AccessKeyId)))[..17];
        var answer = new XElement(ns + "GetCallerIdentityResponse",
            new XElement(ns + "GetCallerIdentityResult",
                new XElement(ns + "Arn", request.PrincipalArn), new XElement(ns + "UserId", userId), new XElement(ns + "Account", request.AccountId)),
            new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", request.Id)));
        context.Response.ContentType = "text/xml;charset=UTF-8";
        await context.Response.WriteAsync(answer.ToString(SaveOptions.DisableFormatting));
    }

    private const string StsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    /// <summary>An error as the service's protocol shapes it (botocore reads the code from each of these).</summary>
    private static async Task WriteErrorAsync(HttpContext context, string? service, AwsError error, string requestId)
    {
        context.Response.StatusCode = error.Status;
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        if (service is "organizations" or "controltower" or "config" or "servicecatalog" || context.Request.Headers.ContainsKey("X-Amz-Target"))
        {
            context.Response.ContentType = "application/x-amz-json-1.1";
            context.Response.Headers["x-amzn-ErrorType"] = error.Code;
            await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = error.Code, ["message"] = error.Message }));
            return;
        }
        context.Response.ContentType = "text/xml;charset=UTF-8";
        if (service == "sts")
        {
            XNamespace ns = StsNamespace;
            var sts = new XElement(ns + "ErrorResponse", new XElement(ns + "Error", new XElement(ns + "Type", error.Status >= 500 ? "Receiver" : "Sender"),
                new XElement(ns + "Code", error.Code), new XElement(ns + "Message", error.Message)), new XElement(ns + "RequestId", requestId));
            await context.Response.WriteAsync(sts.ToString(SaveOptions.DisableFormatting));
            return;
        }
        await context.Response.WriteAsync(Ec2Xml.Error(error.Code, error.Message, requestId).ToString(SaveOptions.DisableFormatting));
    }

    /// <summary>The body, which SigV4 signs, read whole; a body over the limit is refused without being read to the end.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBody)
        {
            throw new AwsError("InvalidParameterValue", $"The request body is larger than {MaxBody} bytes.");
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBody)
            {
                throw new AwsError("InvalidParameterValue", $"The request body is larger than {MaxBody} bytes.");
            }
        }
        return buffer.ToArray();
    }
}
