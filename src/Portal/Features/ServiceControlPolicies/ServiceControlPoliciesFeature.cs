namespace MirrorTower.Portal.Features.ServiceControlPolicies;

public static class ServiceControlPoliciesFeature
{
    public static IServiceCollection AddServiceControlPolicies(this IServiceCollection services)
    {
        services.AddSingleton<PolicyService>();
        services.AddSingleton<PolicySimulator>();
        return services;
    }
}
