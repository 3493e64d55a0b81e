namespace MirrorTower.Portal.Features.AccessKeys;

public static class AccessKeysFeature
{
    public static IServiceCollection AddAccessKeys(this IServiceCollection services) => services.AddSingleton<AccessKeyService>();
}
