namespace MirrorTower.Portal.Features.ApiReference;

public static class ApiReferenceFeature
{
    public static IServiceCollection AddApiReference(this IServiceCollection services) => services.AddSingleton<ApiCatalog>();
}
