using Microsoft.Playwright;
using MirrorTower.E2E.Infrastructure;
using MirrorTower.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Mirroring;

/// <summary>An engineer makes an access key for the AWS CLI on the profile page, sees the secret once, then revokes it.</summary>
public sealed class AccessKeyJourneyTests(DemoPortalServer server) : IClassFixture<DemoPortalServer>
{
    [Fact]
    public async Task AKeyIsCreatedForAnAccountShownOnceAndRevoked()
    {
        var page = await server.NewPageAsync();
        await new LoginPage(page).SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("/profile/access-keys");
        await new Shell(page).WaitForInteractiveAsync();

        await page.Locator("body").SelectContainingAsync(page, "Account the key acts in", "web-prod");
        await page.GetByLabel("Key description").FillAsync("laptop CLI");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create access key" }).ClickAsync();
        await Expect(page.GetByTestId("new-key")).ToContainTextAsync("AWS_SECRET_ACCESS_KEY=");
        await Expect(page.GetByTestId("access-keys")).ToContainTextAsync("laptop CLI");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "access-keys.png"), FullPage = true });

        await page.ReloadAsync();
        await new Shell(page).WaitForInteractiveAsync();
        await Expect(page.GetByTestId("new-key")).ToHaveCountAsync(0);
        await page.GetByTestId("access-keys").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(page.GetByTestId("access-keys")).ToContainTextAsync("Revoked");

        await page.GotoAsync("/network");
        await new Shell(page).WaitForInteractiveAsync();
        await Expect(page.GetByTestId("vpcs")).ToContainTextAsync("security");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Instances and ENIs" }).ClickAsync();
        await Expect(page.GetByTestId("instances")).ToContainTextAsync("T2 instances are never mirroring sources");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "network.png"), FullPage = true });
    }
}
