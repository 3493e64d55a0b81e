using MirrorTower.Portal.Common;

namespace MirrorTower.Portal.Features.Compliance;

public static class ComplianceFeature
{
    public static IServiceCollection AddCompliance(this IServiceCollection services)
    {
        services.AddValidatedOptions<ComplianceOptions>(ComplianceOptions.Section);
        services.AddSingleton<ComplianceEvaluation>();
        services.AddSingleton<ComplianceQueue>();
        services.AddSingleton<ComplianceQueries>();
        services.AddSingleton<ResourceService>();
        services.AddHostedService<ComplianceWorker>();
        return services;
    }
}
