namespace MirrorTower.Portal.Features.Audit;

public static class AuditFeature
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditSeal>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<AuditQuery>();
        services.AddHostedService<AuditDigestWorker>();
        return services;
    }
}
