using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Engine.Simulation;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Simulation;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Cluster;

/// <summary>
/// Live pages on any instance (issue #20): two portals on one PostgreSQL database; what one commits, and the snapshots
/// of a run it runs, reach the other's feeds (which pages subscribe to) through LISTEN/NOTIFY, and the other answers
/// for the run while it is in progress there.
/// </summary>
[Trait("Database", "PostgreSql")]
public sealed class LiveAcrossInstancesTests : IDisposable
{
    private readonly SharedDataFolder _shared = new();

    private string Folder => _shared.Path;

    [Fact]
    public async Task AChangeAndARunOnOneInstanceReachTheOthersFeedsLive()
    {
        using var a = new FolderPortalFactory(Folder);
        using var onA = await ApiClient.AdminAsync(a);
        using var b = new FolderPortalFactory(Folder);
        using var onB = await ApiClient.AdminAsync(b);
        var changes = new ConcurrentQueue<Change>();
        var snapshots = new ConcurrentQueue<RunSnapshot>();
        using var changeSubscription = b.Services.GetRequiredService<ChangeFeed>().Subscribe(changes.Enqueue);
        using var runSubscription = b.Services.GetRequiredService<SimulationFeed>().Subscribe(snapshots.Enqueue);

        await OrganizationApi.LoadDemoAsync(onA);
        var ou = await onA.PostAsJsonAsync("/api/v1/ous", new { name = "Told-Across", parentId = (string?)null });
        ou.EnsureSuccessStatusCode();
        var ouId = (await ou.JsonAsync()).GetProperty("id").GetString();
        var started = await onA.PostAsJsonAsync("/api/v1/simulations", new { scenario = "WebTier", packetsPerSecond = 2_000, durationSeconds = 3, seed = 5, speed = 1 });
        started.EnsureSuccessStatusCode();
        var runId = (await started.JsonAsync()).GetProperty("id").GetString()!;
        await Until(() => snapshots.Count(s => s.Id == runId && s.Status == RunStatus.Running) >= 2);
        var viewedOnB = await (await onB.GetAsync($"/api/v1/simulations/{runId}")).JsonAsync();
        await Until(() => snapshots.Any(s => s.Id == runId && s.Status != RunStatus.Running));

        Assert.Contains(changes, c => c.Area == ChangeArea.Organization && c.Id == ouId);
        var live = snapshots.Where(s => s.Id == runId && s.Status == RunStatus.Running).Select(s => s.SimulatedSeconds).ToList();
        Assert.True(live[^1] > live[0], $"B's snapshots of A's run did not advance: {string.Join(", ", live)}");
        Assert.Equal("Running", viewedOnB.GetProperty("status").GetString());
        Assert.Equal(RunStatus.Completed, snapshots.Last(s => s.Id == runId).Status);
        Assert.Null(b.Services.GetRequiredService<SimulationRunner>().Find(runId));
    }

    [Fact]
    public async Task ARunOnOneInstanceIsSteeredFromTheOther()
    {
        using var a = new FolderPortalFactory(Folder);
        using var onA = await ApiClient.AdminAsync(a);
        using var b = new FolderPortalFactory(Folder);
        using var onB = await ApiClient.AdminAsync(b);
        await OrganizationApi.LoadDemoAsync(onA);
        var started = await onA.PostAsJsonAsync("/api/v1/simulations", new { scenario = "WebTier", packetsPerSecond = 500, durationSeconds = 300, seed = 3, speed = 1 });
        started.EnsureSuccessStatusCode();
        var runId = (await started.JsonAsync()).GetProperty("id").GetString()!;
        var run = a.Services.GetRequiredService<SimulationRunner>().Find(runId)!;
        await Until(() => b.Services.GetRequiredService<SimulationRelay>().LiveAsync(runId).GetAwaiter().GetResult() is not null);

        var wrong = await onB.PostAsync($"/api/v1/simulations/{runId}/fly", null);
        var paused = await onB.PostAsync($"/api/v1/simulations/{runId}/pause", null);
        await Until(() => run.Snapshot.Status == RunStatus.Paused);
        var stopped = await onB.PostAsync($"/api/v1/simulations/{runId}/stop", null);
        await Until(() => a.Services.GetRequiredService<SimulationRunner>().Find(runId) is null);
        var stored = await (await onB.GetAsync($"/api/v1/simulations/{runId}")).JsonAsync();
        var audit = await (await onB.GetAsync("/api/v1/audit-events?action=mirrortower:SteerSimulation")).JsonAsync();

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal("Stopped", stored.GetProperty("status").GetString());
        Assert.Contains("passed on to the instance running it", audit.GetRawText());
    }

    private static async Task Until(Func<bool> condition)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "Nothing arrived from the other instance within 30 s.");
            await Task.Delay(50);
        }
    }

    public void Dispose() => _shared.Dispose();
}
