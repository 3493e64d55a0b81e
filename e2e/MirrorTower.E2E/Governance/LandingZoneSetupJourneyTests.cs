using Microsoft.Playwright;
using MirrorTower.E2E.Infrastructure;
using MirrorTower.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Governance;

/// <summary>A portal of its own, with no landing zone yet.</summary>
public sealed class LandingZoneSetupJourneyTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task AnAdminSetsUpTheLandingZoneThroughTheWizard()
    {
        var page = await server.NewPageAsync();
        await new LoginPage(page).SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var zone = new LandingZonePage(page);
        await zone.OpenAsync();
        var wizard = page.GetByTestId("setup-wizard");

        await wizard.GetByText("Shared accounts").ClickAsync();
        await page.GetByLabel("Log Archive account e-mail").FillAsync("log-archive@e2e.example");
        await page.GetByLabel("Audit account e-mail").FillAsync("log-archive@e2e.example");
        await wizard.GetByText("Review").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up landing zone" }).ClickAsync();
        // The server refuses the shared e-mail and takes the user back to the step with the field.
        await Expect(page.GetByText("needs an e-mail other than the Log Archive account's")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "setup-wizard.png") });
        await page.GetByLabel("Audit account e-mail").FillAsync("audit@e2e.example");
        await wizard.GetByText("Review").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up landing zone" }).ClickAsync();

        await Expect(zone.Status).ToHaveTextAsync("In sync");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "landing-zone.png"), FullPage = true });
        await page.GotoAsync("/organization");
        await Expect(page.GetByTestId("ou-Security")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("ou-Sandbox")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Log Archive" })).ToBeVisibleAsync();
    }
}
