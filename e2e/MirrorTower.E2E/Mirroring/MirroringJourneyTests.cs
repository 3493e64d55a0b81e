using Microsoft.Playwright;
using MirrorTower.E2E.Infrastructure;
using MirrorTower.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Mirroring;

/// <summary>A security engineer designs mirroring for the app tier on the demo's hub and spoke.</summary>
public sealed class MirroringJourneyTests(DemoPortalServer server) : IClassFixture<DemoPortalServer>
{
    [Fact]
    public async Task AFilterWithIngressAndEgressRulesMirrorsAnAppTierEniToTheNlbAndAFourthSessionIsRefused()
    {
        var page = await server.NewPageAsync();
        await new LoginPage(page).SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var mirroring = new MirroringPage(page);
        await mirroring.OpenAsync("filters");

        await mirroring.CreateFilterAsync("payments-prod", "App tier to IDS");
        // Each creation says so where the user looks (#19 finding 8), not only by a new row further down.
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "created: add its rules below" })).ToBeVisibleAsync();
        await mirroring.AddRuleAsync("ingress", 100, "tcp", "10.2.0.0/16", "8080");
        await Expect(page.GetByTestId("ingress-rules")).ToContainTextAsync("8080");
        await mirroring.AddRuleAsync("egress", 100, "", "0.0.0.0/0");
        await Expect(page.GetByTestId("egress-rules")).ToContainTextAsync("all");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "mirroring-filter.png"), FullPage = true });

        await mirroring.ShowTabAsync("Sessions");
        // An instance type without mirroring is never offered as a source: greyed, with the reason (#19 finding 9).
        await mirroring.SessionForm.GetByLabel("Source ENI", new() { Exact = true }).ClickAsync();
        var legacy = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "db-legacy" });
        await Expect(legacy).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-list-item-disabled"));
        await Expect(legacy).ToContainTextAsync("T2 instances are never mirroring sources");
        await page.Keyboard.PressAsync("Escape");
        await page.Locator(".mud-popover-open").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        foreach (var number in new[] { 1, 2, 3 })
        {
            await mirroring.CreateSessionAsync("app-1", "ids-nlb", "App tier to IDS", number);
            await Expect(page.GetByTestId("eni-sessions").Filter(new() { HasText = "app-1" })).ToContainTextAsync($"{number} / 3 sessions");
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = $"Session {number} created on app-1" })).ToBeVisibleAsync();
        }
        await mirroring.CreateSessionAsync("app-1", "ids-nlb", "App tier to IDS", 4);
        await Expect(mirroring.Problems).ToContainTextAsync("already has 3 sessions: at most 3 per source ENI");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "mirroring-fourth-session.png"), FullPage = true });

        await mirroring.ShowTabAsync("Topology");
        await Expect(mirroring.Topology.Locator("[data-testid=topology-session]").Filter(new() { HasText = "app-1 session 3" })).ToHaveCountAsync(1);
        await Expect(mirroring.Topology.Locator("[data-testid=topology-session]")).ToHaveCountAsync(5);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "mirroring-topology.png"), FullPage = true });

        await mirroring.ShowTabAsync("Coverage");
        var appRow = mirroring.Coverage.Locator("tr").Filter(new() { HasText = "payments-prod" });
        await Expect(appRow).ToContainTextAsync("1 / 2");
        await Expect(appRow).ToContainTextAsync("app-2");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "mirroring-coverage.png"), FullPage = true });
    }

    [Fact]
    public async Task AnNlbWithoutItsUdp4789ListenerIsFlaggedOnTheTarget()
    {
        var page = await server.NewPageAsync();
        await new LoginPage(page).SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("/network");
        await new Shell(page).WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Load balancers" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove the UDP 4789 listener" }).ClickAsync();
        await Expect(page.GetByTestId("load-balancer")).ToContainTextAsync("no UDP listener on port 4789");
        var mirroring = new MirroringPage(page);
        await mirroring.OpenAsync("targets");

        await Expect(page.GetByTestId("target-warning").First).ToContainTextAsync("no UDP listener on port 4789");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "mirroring-target-warning.png"), FullPage = true });
    }
}
