using MirrorTower.Portal.Features.Organization.Actions;
using MirrorTower.Portal.Features.Organization.Drift;

namespace MirrorTower.Portal.Features.Organization;

public static class OrganizationFeature
{
    public static IServiceCollection AddOrganization(this IServiceCollection services)
    {
        services.AddSingleton<LandingZoneService>();
        services.AddSingleton<OrganizationService>();
        services.AddSingleton<DemoOrganization>();
        services.AddSingleton<AccountActions>();
        services.AddSingleton<Templates.TemplateDeployments>();
        services.AddSingleton<DriftService>();
        services.AddSingleton<OrganizationTags>();
        return services;
    }
}
