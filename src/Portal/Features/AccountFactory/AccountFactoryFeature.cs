using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Organization;

namespace MirrorTower.Portal.Features.AccountFactory;

public static class AccountFactoryFeature
{
    public static IServiceCollection AddAccountFactory(this IServiceCollection services)
    {
        services.AddValidatedOptions<AccountFactoryOptions>(AccountFactoryOptions.Section);
        services.AddSingleton<AccountFactorySignal>();
        services.AddSingleton<AccountFactoryFaults>();
        services.AddSingleton<ProvisioningSteps>();
        services.AddSingleton<ProvisioningService>();
        services.AddSingleton<CatalogService>();
        services.AddSingleton<ILandingZoneContribution, AccountFactoryCatalogContribution>();
        services.AddSingleton<IDemoContribution, AccountFactoryDemoContribution>();
        services.AddSingleton<INavigationCount, PendingApprovalsCount>();
        services.AddHostedService<AccountFactoryWorker>();
        return services;
    }
}
