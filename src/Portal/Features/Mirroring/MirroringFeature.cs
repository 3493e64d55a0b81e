using MirrorTower.Engine.Mirroring;
using MirrorTower.Portal.Features.Mirroring.Ec2;
using MirrorTower.Portal.Features.Mirroring.Network;
using MirrorTower.Portal.Features.Organization;

namespace MirrorTower.Portal.Features.Mirroring;

/// <summary>Traffic Mirroring, the VPC network it runs on, and the EC2 plumbing both change through.</summary>
public static class MirroringFeature
{
    public const string LimitsSection = "MirrorTower:Mirroring";

    public static IServiceCollection AddMirroring(this IServiceCollection services)
    {
        // The quotas are the engine's record, so they are checked here rather than by annotations.
        services.AddOptions<MirroringLimits>().BindConfiguration(LimitsSection)
            .Validate(l => l.SessionsPerSourceEni > 0 && l.RulesPerDirection > 0 && l.SourcesPerEniTarget > 0 && l.ResourcesPerAccount > 0,
                $"{LimitsSection}: every quota must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<Ec2Changes>();
        services.AddSingleton<Ec2Idempotency>();
        services.AddSingleton<Ec2Reads>();
        services.AddSingleton<NetworkService>();
        services.AddSingleton<NetworkQueries>();
        services.AddSingleton<MirroringService>();
        services.AddSingleton<MirroringQueries>();
        services.AddSingleton<MirroringTransfer>();
        services.AddSingleton<PacketTester>();
        services.AddSingleton<IDemoContribution, DemoNetworkContribution>();
        return services;
    }
}
