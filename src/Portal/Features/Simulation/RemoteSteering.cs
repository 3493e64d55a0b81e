using System.Text.Json;
using MirrorTower.Portal.Data.Cluster;

namespace MirrorTower.Portal.Features.Simulation;

/// <summary>A steering command for a run in progress on another instance, checked and audited where it was given.</summary>
public sealed record SteerMessage(string RunId, string Command, double? Speed);

/// <summary>
/// Carries steering between instances: a run is steered by the instance running it, but behind a load balancer the
/// page or the API call that steers it may land anywhere. The instance that took the request checks it (the command,
/// who may steer) and audits it, then names it on the cluster's bus; the instance running the run applies it.
/// </summary>
public sealed class RemoteSteering(IClusterBus bus, SimulationRunner runner, ILogger<RemoteSteering> logger) : BackgroundService
{
    public const string Channel = "steer";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!bus.Shared)
        {
            return Task.CompletedTask;
        }
        var incoming = bus.Subscribe(Channel, Receive);
        stoppingToken.Register(incoming.Dispose);
        return Task.CompletedTask;
    }

    private void Receive(string payload)
    {
        try
        {
            // Every other instance hears it; only the one running the run has it live, the others ignore it.
            if (JsonSerializer.Deserialize<SteerMessage>(payload, SimulationStore.Json) is { } message)
            {
                runner.ApplyFromElsewhere(message);
            }
        }
        catch (JsonException exception)
        {
            logger.LogWarning(exception, "A steering message from another instance could not be read.");
        }
    }
}
