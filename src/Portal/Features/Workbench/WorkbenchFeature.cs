namespace MirrorTower.Portal.Features.Workbench;

public static class WorkbenchFeature
{
    public static IServiceCollection AddWorkbench(this IServiceCollection services)
    {
        services.AddSingleton<ChangeGate>();
        services.AddSingleton<PolicyTestSuites>();
        return services;
    }
}
