using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MirrorTower.E2E.Infrastructure;
using MirrorTower.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Simulation;

/// <summary>A security engineer watches the exfiltration scenario saturate the web tier and asks why a packet was skipped.</summary>
public sealed class SimulationJourneyTests(DemoPortalServer server) : IClassFixture<DemoPortalServer>
{
    [Fact]
    public async Task TheExfiltrationScenarioShowsSkipsLiveAndAPacketOpensItsExplanation()
    {
        var page = await server.NewPageAsync();
        await new LoginPage(page).SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var simulation = new SimulationPage(page);
        await simulation.OpenAsync();

        await simulation.StartAsync("Exfiltration", 20_000, 60);

        await Expect(simulation.Status).ToHaveTextAsync("Running");
        await Expect(simulation.Outcome("SkippedForBandwidth")).Not.ToContainTextAsync(new Regex(@"\b0$"));
        var first = await simulation.Outcome("SkippedForBandwidth").InnerTextAsync();
        await Expect(simulation.Outcome("SkippedForBandwidth")).Not.ToHaveTextAsync(first);
        await Expect(simulation.Status).ToHaveTextAsync("Running");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "simulation-live.png"), FullPage = true });

        // The live list holds still under the pointer (it gains rows five times a second), so "Why?" stays where it was aimed.
        await simulation.Log.HoverAsync();
        await Expect(page.GetByTestId("packet-log-held")).ToBeVisibleAsync();
        await simulation.Log.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Explain packet") }).First.ClickAsync();
        await Expect(simulation.Explanation).ToContainTextAsync("Session 1");
        await Expect(simulation.Explanation).ToContainTextAsync("Outcome:");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "simulation-explanation.png"), FullPage = true });

        // Only the skipped packets, a page at a time (#19 finding 10): every row shown is one.
        await page.GetByTestId("packet-outcomes").GetByText(new Regex("^Skipped: bandwidth")).ClickAsync();
        await Expect(simulation.Log.Locator("tbody tr").First).ToContainTextAsync("Skipped: bandwidth");
        var outcomes = await simulation.Log.Locator("tbody tr td:nth-child(6)").AllInnerTextsAsync();
        Assert.InRange(outcomes.Count, 1, 15);
        Assert.All(outcomes, outcome => Assert.Equal("Skipped: bandwidth", outcome.Trim()));

        await page.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();
        await Expect(simulation.Status).ToHaveTextAsync("Stopped");
    }

    [Fact]
    public async Task ACaptureUploadedForAnEniIsReplayedAndItsTargetsCaptureCanBeDownloaded()
    {
        var page = await server.NewPageAsync();
        await new LoginPage(page).SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var simulation = new SimulationPage(page);
        await simulation.OpenAsync();
        var capture = Path.Combine(Path.GetTempPath(), $"web-1-{Guid.NewGuid():N}.pcap");
        WriteCapture(capture, eniAddress: "10.1.1.10", frames: 200);

        var replay = page.GetByTestId("replay-form");
        await replay.SelectContainingAsync(page, "Replay through ENI", "web-1 ");
        await replay.Locator("input[type=file]").SetInputFilesAsync(capture);
        await page.WaitForURLAsync("**/simulation/runs/rpl-**");
        await new Shell(page).WaitForInteractiveAsync();
        File.Delete(capture);

        await Expect(simulation.Status).ToHaveTextAsync("Completed");
        await Expect(page.GetByTestId("run-progress")).ToContainTextAsync("200 packets");
        // The upload was judged as it arrived: the page knew the file's size, so the progress reads in bytes and to 100 %.
        await Expect(page.GetByTestId("capture-progress")).ToContainTextAsync("of the capture read (100 %)");
        await Expect(simulation.Outcome("Mirrored")).ToContainTextAsync("100");
        await Expect(simulation.Outcome("NoRuleMatched")).ToContainTextAsync("100");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("targets-report").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("pcap") }).ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        Assert.Equal(100 * (16 + 50 + 600) + 24, new FileInfo(saved).Length);
        File.Delete(saved);
        await page.SetViewportSizeAsync(1440, 900);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "simulation-replay.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "simulation-replay-390.png"), FullPage = true });
    }

    /// <summary>Half HTTPS to the ENI (mirrored by web-1's rule 100), half SSH to it (no rule), 600-byte frames.</summary>
    private static void WriteCapture(string path, string eniAddress, int frames)
    {
        static uint Address(string text) => (uint)MirrorTower.Engine.Mirroring.Cidr.ToNumber(System.Net.IPAddress.Parse(text));
        using var writer = new MirrorTower.Engine.Packets.PcapWriter(File.Create(path));
        var frame = new byte[600];
        for (var i = 0; i < frames; i++)
        {
            var length = MirrorTower.Engine.Packets.FrameBuilder.WriteIpv4(frame, Address("203.0.113.20"), Address(eniAddress), 6, (ushort)(40000 + i), i % 2 == 0 ? (ushort)443 : (ushort)22, 600);
            writer.Write(1_700_000_000_000_000_000L + (i * 1000L), frame.AsSpan(0, length));
        }
    }
}
