using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using MirrorTower.Portal.Common;

namespace MirrorTower.Portal.Features.ApiReference;

/// <param name="Tag">The endpoint's first OpenAPI tag (its area: "Landing zone", "Sessions"); "Other" when it has none.</param>
public sealed record ApiEndpointInfo(string Method, string Path, string Access, string Summary, string Tag = "Other");

/// <summary>The API's endpoints as the router knows them, so the page can never drift from the code.</summary>
public sealed class ApiCatalog(EndpointDataSource endpoints)
{
    public IReadOnlyList<ApiEndpointInfo> Endpoints => endpoints.Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.RoutePattern.RawText?.StartsWith(ApiPaths.Prefix, StringComparison.Ordinal) == true)
        .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
            .Select(method => new ApiEndpointInfo(
                method,
                e.RoutePattern.RawText!.TrimEnd('/'),
                Access(e.Metadata),
                e.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary ?? "",
                e.Metadata.GetMetadata<ITagsMetadata>()?.Tags.FirstOrDefault() ?? "Other")))
        .OrderBy(e => e.Path, StringComparer.Ordinal)
        .ThenBy(e => e.Method, StringComparer.Ordinal)
        .ToList();

    private static string Access(EndpointMetadataCollection metadata)
    {
        if (metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return "Anyone";
        }
        var policies = metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => a.Policy).OfType<string>().Distinct().ToList();
        return policies.LastOrDefault() switch
        {
            Security.Policies.Admin => "Admin",
            Security.Policies.AdminOrAuditor => "Admin, Auditor",
            _ => "Any signed-in user",
        };
    }
}
