using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Simulation;

/// <summary>
/// Stopping the portal (a rolling update's SIGTERM, Ctrl+C) stops the runs in progress and waits until each is stored:
/// the run says why it stopped, and its captures are whole. Before, a run went on writing after the host had stopped.
/// </summary>
public sealed class RunsAtShutdownTests : IDisposable
{
    private readonly SharedDataFolder _shared = new();

    private string Folder => _shared.Path;

    [Fact]
    public async Task ARunInProgressWhenThePortalStopsIsStoredStoppedWithReadableCaptures()
    {
        string id;
        using (var first = new FolderPortalFactory(Folder))
        {
            using var admin = await ApiClient.AdminAsync(first);
            await OrganizationApi.LoadDemoAsync(admin);
            var started = await admin.PostAsJsonAsync("/api/v1/simulations", new { scenario = "WebTier", packetsPerSecond = 1_000, durationSeconds = 600, seed = 4, speed = 1 });
            started.EnsureSuccessStatusCode();
            id = (await started.JsonAsync()).GetProperty("id").GetString()!;
            await CapturedAsync(admin, id);
        }

        using var second = new FolderPortalFactory(Folder);
        using var onSecond = await ApiClient.AdminAsync(second);
        var run = await (await onSecond.GetAsync($"/api/v1/simulations/{id}")).JsonAsync();
        var target = run.GetProperty("report").GetProperty("targets").EnumerateArray().First(t => t.GetProperty("capturedPackets").GetInt64() > 0);
        var pcap = Path.Combine(Folder, "after-shutdown.pcap");
        await File.WriteAllBytesAsync(pcap, await onSecond.GetByteArrayAsync($"/api/v1/simulations/{id}/targets/{target.GetProperty("targetId").GetString()}/pcap"));

        Assert.Equal("Stopped", run.GetProperty("status").GetString());
        Assert.Contains("shut down", run.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(target.GetProperty("capturedPackets").GetInt64(), ReplayStreamingTests.TsharkFrames(pcap));
    }

    /// <summary>Waits until the run has mirrored packets into a target's capture.</summary>
    private static async Task CapturedAsync(HttpClient admin, string id)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var report = (await (await admin.GetAsync($"/api/v1/simulations/{id}")).JsonAsync()).GetProperty("report");
            if (report.GetProperty("targets").EnumerateArray().Any(t => t.GetProperty("capturedPackets").GetInt64() > 0))
            {
                return;
            }
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "The run captured nothing within 30 s.");
            await Task.Delay(50);
        }
    }

    public void Dispose() => _shared.Dispose();
}
