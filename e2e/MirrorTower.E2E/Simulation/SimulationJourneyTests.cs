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

        await simulation.Log.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Explain packet") }).First.ClickAsync();
        await Expect(simulation.Explanation).ToContainTextAsync("Session 1");
        await Expect(simulation.Explanation).ToContainTextAsync("Outcome:");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "simulation-explanation.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();
        await Expect(simulation.Status).ToHaveTextAsync("Stopped");
    }
}
