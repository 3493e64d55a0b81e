using MirrorTower.Portal.Common;

namespace MirrorTower.Portal.Features.Controls;

public static class ControlsFeature
{
    public static IServiceCollection AddControls(this IServiceCollection services)
    {
        services.AddValidatedOptions<ControlOptions>(ControlOptions.Section);
        services.AddSingleton<ControlService>();
        services.AddSingleton<ControlOperationQueue>();
        services.AddHostedService<ControlOperationWorker>();
        services.AddScoped<ControlOperationToasts>();
        return services;
    }
}
