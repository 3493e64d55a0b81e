using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.AccountFactory;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Compliance;
using MirrorTower.Portal.Features.Controls;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Features.Identity.Users;
using MirrorTower.Portal.Features.Mirroring;
using MirrorTower.Portal.Features.Mirroring.Network;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Simulation;
using MirrorTower.Portal.Features.Workbench;

namespace MirrorTower.Portal.Hosting;

public static class ApiEndpoints
{
    /// <summary>The portal's REST API. Every endpoint requires a signed-in user unless it says otherwise.</summary>
    public static void MapPortalApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(ApiPaths.Prefix).RequireAuthorization();
        api.MapAuthApi();
        api.MapUsersApi();
        api.MapAuditApi();
        api.MapOrganizationApi();
        api.MapControlsApi();
        api.MapWorkbenchApi();
        api.MapComplianceApi();
        api.MapNetworkApi();
        api.MapMirroringApi();
        api.MapSimulationApi();
        api.MapAccountFactoryApi();
    }
}
