using MirrorTower.Portal.Common;

namespace MirrorTower.Portal.Features.Simulation;

public static class SimulationFeature
{
    public static IServiceCollection AddSimulation(this IServiceCollection services)
    {
        services.AddValidatedOptions<SimulationOptions>(SimulationOptions.Section);
        services.AddSingleton<SimulationFeed>();
        services.AddSingleton<SimulationStore>();
        services.AddSingleton<SimulationRunner>();
        services.AddSingleton<SimulationRelay>();
        services.AddHostedService(provider => provider.GetRequiredService<SimulationRelay>());
        services.AddHostedService<RemoteSteering>();
        services.AddHostedService<RunsEndWithThePortal>();
        services.AddSingleton<Data.Cluster.IClusterDuty, InterruptedRuns>();
        return services;
    }
}
