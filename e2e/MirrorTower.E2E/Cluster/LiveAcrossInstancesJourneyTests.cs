using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MirrorTower.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Cluster;

/// <summary>
/// Issue #20's journey: a security engineer watches, in a browser on instance B, a run that automation started on
/// instance A behind the same load balancer; the page follows it live, and pausing and stopping it there act on A.
/// </summary>
[Trait("Database", "PostgreSql")]
public sealed class LiveAcrossInstancesJourneyTests(TwoInstances cluster) : IClassFixture<TwoInstances>
{
    [Fact]
    public async Task ARunStartedOnOneInstanceIsWatchedLiveOnTheOther()
    {
        using var onA = await SignedInAsync(cluster.A);
        using var onB = await SignedInAsync(cluster.B);
        var started = await onA.PostAsJsonAsync("/api/v1/simulations", new { scenario = "WebTier", packetsPerSecond = 500, durationSeconds = 120, seed = 7, speed = 1 });
        started.EnsureSuccessStatusCode();
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var page = await cluster.B.AdminPageAsync();
        await page.GotoAsync($"/simulation/runs/{runId}");
        var status = page.GetByTestId("run-status");
        var progress = page.GetByTestId("run-progress");
        await Expect(status).ToHaveTextAsync("Running");
        await Expect(progress).ToContainTextAsync("simulated seconds");
        var first = await progress.InnerTextAsync();
        await Expect(progress).Not.ToHaveTextAsync(first);
        // Steered from here, applied where it runs; its captures, still being written, are offered once it ends.
        await Expect(page.GetByTestId("run-elsewhere")).ToBeVisibleAsync();
        await Expect(page.GetByText("pcap (")).ToHaveCountAsync(0);
        await page.SetViewportSizeAsync(1440, 900);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "cluster-run-on-b-1440.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "cluster-run-on-b-390.png"), FullPage = false });

        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("Paused");
        var onAPaused = await (await onA.GetAsync($"/api/v1/simulations/{runId}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Paused", onAPaused.GetProperty("status").GetString());
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Stop" }).ClickAsync();

        await Expect(status).ToHaveTextAsync("Stopped");
        await Expect(page.GetByTestId("run-elsewhere")).ToHaveCountAsync(0);
        await Expect(page.GetByText("pcap (").First).ToBeVisibleAsync();
        var capture = await page.GetByText("pcap (").First.EvaluateAsync<string>("e => e.closest('a').getAttribute('href')");
        // Written by A into the shared data folder, served by B.
        using var download = await onB.GetAsync(capture);
        Assert.Equal(System.Net.HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/vnd.tcpdump.pcap", download.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<HttpClient> SignedInAsync(PortalServer server)
    {
        var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = PortalServer.AdminEmail, password = PortalServer.AdminPassword });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }
}
