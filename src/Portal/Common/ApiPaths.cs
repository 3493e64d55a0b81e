namespace MirrorTower.Portal.Common;

/// <summary>Where the portal's REST API lives; the security middleware and the API reference page need it too.</summary>
public static class ApiPaths
{
    public const string Prefix = "/api/v1";
}
