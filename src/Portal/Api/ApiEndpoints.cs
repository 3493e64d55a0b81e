namespace MirrorTower.Portal.Api;

public static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    /// <summary>The portal's REST API. Every endpoint requires a signed-in user unless it says otherwise.</summary>
    public static void MapPortalApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix).RequireAuthorization();
        api.MapAuthApi();
        api.MapUsersApi();
        api.MapAuditApi();
        api.MapOrganizationApi();
        api.MapControlsApi();
        api.MapWorkbenchApi();
        api.MapComplianceApi();
        api.MapNetworkApi();
        api.MapTrafficMirroringApi();
        api.MapSimulationApi();
        api.MapAccountFactoryApi();
    }
}
