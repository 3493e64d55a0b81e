using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine.Simulation;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Data.Cluster;

namespace MirrorTower.Portal.Features.Simulation;

/// <summary>The newest snapshot of a run in progress, for viewers on other instances than the one running it.</summary>
public sealed class LiveRunSnapshot
{
    public required string RunId { get; init; }
    public required string Json { get; set; }
    public DateTime UpdatedUtc { get; set; }
}

/// <summary>
/// Lets a run started on one instance be watched live from any other. The running instance writes its newest snapshot
/// to the database (at most four a second: a snapshot is too large for a notification) and names the run on the
/// cluster's bus; the others read it and publish it to their own <see cref="SimulationFeed"/>, where open pages take it.
/// The final snapshot is not written: it is the stored run, which the others read once told it ended.
/// </summary>
public sealed class SimulationRelay(
    IClusterBus bus,
    SimulationFeed feed,
    SimulationStore store,
    IDbContextFactory<PortalDbContext> dbFactory,
    TimeProvider time,
    ILogger<SimulationRelay> logger) : BackgroundService
{
    public const string Channel = "runs";
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    // Runs whose snapshots arrive from another instance: published here, never sent back.
    private readonly ConcurrentDictionary<string, bool> _remote = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTime> _sent = new(StringComparer.Ordinal);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!bus.Shared)
        {
            return Task.CompletedTask;
        }
        var outgoing = feed.Subscribe(snapshot =>
        {
            if (!_remote.ContainsKey(snapshot.Id))
            {
                _ = SendAsync(snapshot);
            }
        });
        var incoming = bus.Subscribe(Channel, payload => _ = ReceiveAsync(payload));
        stoppingToken.Register(() =>
        {
            outgoing.Dispose();
            incoming.Dispose();
        });
        return Task.CompletedTask;
    }

    private async Task SendAsync(RunSnapshot snapshot)
    {
        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            var final = snapshot.Status is not (RunStatus.Running or RunStatus.Paused);
            if (!final && _sent.TryGetValue(snapshot.Id, out var last) && now - last < Interval)
            {
                return;
            }
            _sent[snapshot.Id] = now;
            await using var db = await dbFactory.CreateDbContextAsync();
            if (final)
            {
                _sent.TryRemove(snapshot.Id, out _);
                await db.LiveRunSnapshots.Where(s => s.RunId == snapshot.Id).ExecuteDeleteAsync();
            }
            else
            {
                var json = JsonSerializer.Serialize(snapshot, SimulationStore.Json);
                if (await db.LiveRunSnapshots.Where(s => s.RunId == snapshot.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.Json, json).SetProperty(r => r.UpdatedUtc, now)) == 0)
                {
                    db.LiveRunSnapshots.Add(new LiveRunSnapshot { RunId = snapshot.Id, Json = json, UpdatedUtc = now });
                    await db.SaveChangesAsync();
                }
            }
            await bus.PublishAsync(Channel, snapshot.Id);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Run {Run}'s snapshot could not be shared with the other instances.", snapshot.Id);
        }
    }

    private async Task ReceiveAsync(string runId)
    {
        try
        {
            _remote[runId] = true;
            if (await LiveAsync(runId) is { } live)
            {
                feed.Publish(live);
                return;
            }
            // Ended: the stored run is the last word.
            if (await store.FindAsync(runId) is { } record)
            {
                feed.Publish(SimulationStore.SnapshotOf(record));
            }
            _remote.TryRemove(runId, out _);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Run {Run}'s snapshot from another instance could not be read.", runId);
        }
    }

    /// <summary>The newest snapshot another instance shared of a run in progress there, if any.</summary>
    public async Task<RunSnapshot?> LiveAsync(string runId, CancellationToken cancellationToken = default)
    {
        if (!bus.Shared)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var json = await db.LiveRunSnapshots.Where(s => s.RunId == runId).Select(s => s.Json).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize<RunSnapshot>(json, SimulationStore.Json);
    }
}

/// <summary>The leader's duty: runs of instances that are gone are marked Stopped, and viewers everywhere told.</summary>
public sealed class InterruptedRuns(SimulationStore store, SimulationFeed feed) : IClusterDuty
{
    public async Task RunAsync(IReadOnlySet<string> liveInstances, CancellationToken cancellationToken)
    {
        foreach (var record in await store.MarkInterruptedAsync(liveInstances, cancellationToken))
        {
            feed.Publish(SimulationStore.SnapshotOf(record));
        }
    }
}
