using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Data.Cluster;

namespace MirrorTower.Portal.Hosting;

/// <summary>Whether this instance takes traffic: not before its database is migrated and seeded, not while it stops.</summary>
public sealed class PortalReadiness
{
    private volatile string? _notReady = "The database is being migrated.";

    /// <summary>Null when ready, else why not.</summary>
    public string? NotReady => _notReady;

    public void Ready() => _notReady = null;

    public void Stopping() => _notReady = "The instance is stopping.";
}

/// <summary>
/// <c>/healthz</c>: is this instance alive and can it reach its database (with which instance answered, whether it
/// leads the cluster, and the database's provider), for monitoring. <c>/readyz</c>: should a load balancer send it
/// requests (503 until the database is migrated, and again once it is stopping), for rollouts and draining.
/// </summary>
public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this WebApplication app)
    {
        var readiness = app.Services.GetRequiredService<PortalReadiness>();
        app.Lifetime.ApplicationStopping.Register(readiness.Stopping);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).AllowAnonymous();
        app.MapGet("/readyz", (ClusterMember member) => readiness.NotReady is { } reason
                ? Results.Json(new { ready = false, instance = member.Id, reason }, statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Json(new { ready = true, instance = member.Id }))
            .AllowAnonymous().ExcludeFromDescription();
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        var member = context.RequestServices.GetRequiredService<ClusterMember>();
        var provider = context.RequestServices.GetRequiredService<PortalContextFactory>().Provider;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            instance = member.Id,
            leader = member.IsLeader,
            database = new
            {
                provider = provider.ToString(),
                status = report.Entries.TryGetValue("database", out var database) ? database.Status.ToString() : "Unknown",
            },
        }));
    }
}
