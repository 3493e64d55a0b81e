using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Identity.Account;
using MirrorTower.Portal.Features.Identity.Users;

namespace MirrorTower.Portal.Features.Identity;

/// <summary>Users, roles and sign-in; the authentication schemes themselves are the host's (<c>PortalServices</c>).</summary>
public static class IdentityFeature
{
    public static IServiceCollection AddIdentityFeature(this IServiceCollection services)
    {
        services.AddValidatedOptions<BootstrapOptions>(BootstrapOptions.Section);
        services.AddValidatedOptions<PortalIdentityOptions>(PortalIdentityOptions.Section);
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<Data.Cluster.IClusterDuty, ExpiredSignInWindows>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<BootstrapAdministrator>();
        return services;
    }
}
