using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MirrorTower.E2E.Infrastructure;
using MirrorTower.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Layout;

/// <summary>
/// A result shows where the user acted (issue #19, finding 1): a call run from a resource's Act menu, low on the
/// account page, brings its decision into the window instead of rendering it a screen above.
/// </summary>
public sealed class ResultWhereTheUserActsTests(DemoPortalServer server) : IClassFixture<DemoPortalServer>
{
    [Fact]
    public async Task ACallFromAResourcesActMenuShowsItsDecisionInTheWindow()
    {
        var page = await server.AdminPageAsync();
        await page.SetViewportSizeAsync(1440, 700);
        var account = new AccountPage(page);
        await account.OpenAsync("web-prod");
        var act = page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Act on ") }).Last;
        await act.ScrollIntoViewIfNeededAsync();
        await Expect(account.Result).ToHaveCountAsync(0);

        await act.ClickAsync();
        await page.GetByRole(AriaRole.Menuitem).Filter(new() { HasTextRegex = new Regex("^[a-z0-9]+:[A-Za-z]+$") }).First.ClickAsync();

        await Expect(account.Result).ToBeVisibleAsync();
        await Expect(account.Result).ToBeInViewportAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "account-act-result.png") });
    }
}
