using Microsoft.AspNetCore.Http.Features;
using MirrorTower.Portal.Common;

namespace MirrorTower.Portal.Security;

/// <summary>
/// Bounds every API request body: <see cref="DefaultBytes"/> unless the endpoint names its own with
/// <see cref="WithBodyLimit"/> (ASP.NET's <c>RequestSizeLimitAttribute</c> metadata, where an import or a capture needs more). A declared length over the limit is refused at once with 413; a body that grows past
/// it while read is cut off by the server (Kestrel's per-request limit).
/// </summary>
public static class RequestBodyLimits
{
    public const long DefaultBytes = 64 * 1024;

    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(bytes));

    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments(ApiPaths.Prefix))
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? DefaultBytes;
            if (context.Request.ContentLength > limit)
            {
                await Results.Problem($"The request body has {context.Request.ContentLength:N0} bytes; this endpoint takes at most {limit:N0}.",
                    statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.").ExecuteAsync(context);
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }
        }
        await next();
    });
}
