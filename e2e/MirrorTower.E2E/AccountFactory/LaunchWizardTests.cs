using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MirrorTower.E2E.Infrastructure;
using MirrorTower.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.AccountFactory;

/// <summary>
/// The launch wizard as issue #19 (finding 9) asks: a step with an empty required field does not pass, the network
/// settings are a picker and a switch, a VPC CIDR over another account's VPC is flagged where it is typed, and the review
/// has one button that requests the account.
/// </summary>
public sealed class LaunchWizardTests(DemoPortalServer server) : IClassFixture<DemoPortalServer>
{
    [Fact]
    public async Task EachStepIsCheckedBeforeTheNextAndAnOverlappingCidrIsFlaggedWhereItIsTyped()
    {
        var page = await server.AdminPageAsync();
        var factory = new AccountFactoryPage(page);
        await factory.OpenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Launch AWS Control Tower Account Factory" }).ClickAsync();

        await factory.NextAsync();
        await Expect(factory.Wizard).ToContainTextAsync("AccountEmail is required");
        await Expect(factory.Wizard.GetByLabel("Account e-mail")).ToBeVisibleAsync();
        // A step header ahead does not open past the wrong step either.
        await factory.Wizard.GetByText("Review", new() { Exact = true }).ClickAsync();
        await Expect(factory.Wizard.GetByLabel("Account e-mail")).ToBeVisibleAsync();

        await factory.Wizard.GetByLabel("Account e-mail").FillAsync("wizard@e2e.example");
        await factory.Wizard.GetByLabel("Account name").FillAsync("wizard");
        await factory.Wizard.SelectAsync(page, "Organizational unit", "Sandbox");
        await factory.NextAsync();
        await factory.Wizard.GetByLabel("Identity Center user e-mail").FillAsync("owner@e2e.example");
        await factory.Wizard.GetByLabel("User's first name").FillAsync("Ada");
        await factory.Wizard.GetByLabel("User's last name").FillAsync("Lovelace");
        await factory.NextAsync();

        // 10.1.0.0/16 is the demo's web VPC: said on the network step, as soon as the field is left.
        await factory.Wizard.GetByLabel("VPC CIDR").FillAsync("10.1.0.0/16");
        await factory.Wizard.GetByLabel("Availability Zones").FocusAsync();
        await Expect(page.GetByTestId("launch-warning")).ToContainTextAsync(new Regex("10.1.0.0/16 overlaps the VPCs of web-prod"));
        await Expect(factory.Wizard.GetByRole(AriaRole.Switch)).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "launch-wizard-network.png"), FullPage = true });
        await factory.NextAsync();

        await Expect(page.GetByTestId("launch-review")).ToContainTextAsync("Account e-mail");
        await Expect(page.GetByTestId("launch-review")).Not.ToContainTextAsync("AccountEmail");
        Assert.Equal(1, await factory.Wizard.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Request account|Complete|Finish") }).CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "launch-wizard-review.png"), FullPage = true });
    }
}
