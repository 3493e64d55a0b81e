using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MirrorTower.Portal.Security;

/// <summary>
/// What the JSON protocols served at <c>/aws</c> share (Organizations, Config and Service Catalog's JSON 1.1, Control
/// Tower's REST-JSON): the operation an <c>X-Amz-Target</c> names, the request body, and the answer, absent members
/// left out as AWS leaves them out.
/// </summary>
public static class AwsJson
{
    public const string Json11 = "application/x-amz-json-1.1";

    // One instance for every answer: System.Text.Json caches its metadata per options instance.
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The operation of a JSON 1.1 request (<c>X-Amz-Target: Prefix.Operation</c>); one not served is UnknownOperationException.</summary>
    public static string Operation(HttpContext context, string targetPrefix, IReadOnlyCollection<string> served, string service)
    {
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        return target.StartsWith(targetPrefix, StringComparison.Ordinal) && served.Contains(target[targetPrefix.Length..]) ? target[targetPrefix.Length..]
            : throw new AwsError("UnknownOperationException", $"'{target}' is not a {service} operation MirrorTower serves; it serves {string.Join(", ", served.Order())}.");
    }

    /// <summary>The body: an object, or empty for none; anything else is the protocol's error.</summary>
    public static JsonObject Body(AwsRequest request, string errorCode)
    {
        try
        {
            return request.Body.Length == 0 ? [] : JsonNode.Parse(request.Body) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            throw new AwsError(errorCode, "The request body is not a JSON object.");
        }
    }

    public static async Task WriteAsync(HttpContext context, AwsRequest request, object? answer, string contentType = Json11)
    {
        context.Response.ContentType = contentType;
        context.Response.Headers["x-amzn-RequestId"] = request.Id;
        await context.Response.WriteAsync(answer is null ? "{}" : JsonSerializer.Serialize(answer, Options));
    }
}
