using Microsoft.Playwright;
using MirrorTower.E2E.Infrastructure;
using MirrorTower.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Layout;

/// <summary>
/// Home shows the first steps for the role and the state of the portal (issue #19, finding 5): on a fresh portal an
/// Admin is led to set up the landing zone; on the demo a Member is led to request an account; the demo is not offered
/// again once loaded.
/// </summary>
public sealed class FirstStepsTests(PortalServer fresh, DemoPortalServer demo) : IClassFixture<PortalServer>, IClassFixture<DemoPortalServer>
{
    [Fact]
    public async Task OnAFreshPortalHomeLeadsAnAdminToTheLandingZoneSetup()
    {
        var page = await fresh.AdminPageAsync();
        await page.GotoAsync("/");
        var steps = page.GetByTestId("first-steps");
        await Expect(steps).ToContainTextAsync("Start here");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "home-fresh.png") });

        await steps.GetByRole(AriaRole.Link, new() { Name = "Set up the landing zone" }).ClickAsync();

        await Expect(page.GetByTestId("setup-wizard")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task OnTheDemoHomeLeadsAMemberToRequestAnAccountAndTheDemoIsNotOfferedAgain()
    {
        await demo.CreateUserAsync("first-steps@e2e.example", "First-Steps-Password-1", "Member");
        var member = await demo.NewPageAsync();
        await new LoginPage(member).SignInAsync("first-steps@e2e.example", "First-Steps-Password-1");
        var steps = member.GetByTestId("first-steps");
        await Expect(steps).ToContainTextAsync("Request an account for your team");
        await member.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "home-member.png") });
        await steps.GetByRole(AriaRole.Link, new() { Name = "Request an account" }).ClickAsync();
        await member.WaitForURLAsync("**/account-factory");

        var admin = await demo.AdminPageAsync();
        await admin.GotoAsync("/landing-zone");
        await new Shell(admin).WaitForInteractiveAsync();
        await Expect(admin.GetByTestId("landing-zone-status")).ToBeVisibleAsync();
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Load demo organization" })).ToHaveCountAsync(0);
    }
}
