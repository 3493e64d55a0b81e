using System.Text.Json;
using MirrorTower.Portal.Common;

namespace MirrorTower.Portal.Data.Cluster;

/// <summary>
/// Carries committed changes between instances, so that a page open on one instance reloads when another changed what
/// it shows, and workers hear of changes made elsewhere. A change heard from another instance is published here with
/// <see cref="Remote"/> as its origin and is not sent on again.
/// </summary>
public sealed class ChangeRelay(IClusterBus bus, ChangeFeed feed, ILogger<ChangeRelay> logger) : BackgroundService
{
    public const string Channel = "changes";

    /// <summary>The origin of changes made on another instance.</summary>
    public static readonly object Remote = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!bus.Shared)
        {
            return Task.CompletedTask;
        }
        var outgoing = feed.Subscribe(change =>
        {
            if (!ReferenceEquals(change.Origin, Remote))
            {
                _ = SendAsync(change);
            }
        });
        var incoming = bus.Subscribe(Channel, payload =>
        {
            if (JsonSerializer.Deserialize<Message>(payload) is { } message)
            {
                feed.Publish(new Change(message.Area, message.Id, Remote));
            }
        });
        stoppingToken.Register(() =>
        {
            outgoing.Dispose();
            incoming.Dispose();
        });
        return Task.CompletedTask;
    }

    private async Task SendAsync(Change change)
    {
        try
        {
            await bus.PublishAsync(Channel, JsonSerializer.Serialize(new Message(change.Area, change.Id)));
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "A change of {Area} could not be told to the other instances.", change.Area);
        }
    }

    private sealed record Message(ChangeArea Area, string? Id);
}
