using Microsoft.Playwright;
using MirrorTower.E2E.Infrastructure;
using MirrorTower.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Layout;

/// <summary>
/// Every page the navigation offers, as an Admin on the demo organization, on a desktop (1440 px) and a phone (390 px):
/// nothing makes the page scroll sideways, and the browser's console stays clean (no error, no failed request).
/// Issue #19, findings 2 and 10.
/// </summary>
public sealed class EveryPageLayoutTests(DemoPortalServer server) : IClassFixture<DemoPortalServer>
{
    [Theory]
    [InlineData(1440, 900)]
    [InlineData(390, 844)]
    public async Task NoNavigationPageScrollsSidewaysOrLogsAnError(int width, int height)
    {
        var page = await server.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"{page.Url}: console error: {message.Text}");
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"{page.Url}: {response.Status} for {response.Url}");
            }
        };
        await new LoginPage(page).SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await Expect(new Shell(page).SignedInUser).ToBeAttachedAsync();
        var paths = (await page.Locator("nav a[href]").EvaluateAllAsync<string[]>("links => links.map(l => new URL(l.href).pathname)"))
            .Distinct().ToList();
        // The pages one level down that people use most: an account (its act menu, resources, controls) and an interface.
        await page.GotoAsync("/organization");
        await new Shell(page).WaitForInteractiveAsync();
        paths.Add(await page.GetByRole(AriaRole.Link, new() { Name = "web-prod", Exact = true }).First.GetAttributeAsync("href") ?? "/organization");
        await page.GotoAsync("/mirroring?tab=topology");
        await new Shell(page).WaitForInteractiveAsync();
        paths.Add(await page.Locator("[data-testid=topology-eni]").First.GetAttributeAsync("href") ?? "/mirroring");
        await page.SetViewportSizeAsync(width, height);

        var overflowing = new List<string>();
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            await new Shell(page).WaitForInteractiveAsync();
            // Off the window: a visible element whose right edge is past the window's, unless a box that scrolls sideways
            // holds it (a wide table in a scrolling wrapper is reachable; a button behind overflow: hidden is not).
            const string OffWindowScript = """
                () => {
                  const width = document.documentElement.clientWidth;
                  // MudTabs slide their headers behind scroll arrows when they do not fit: those are reachable too.
                  const scrolls = e => { if (e.closest('.mud-tabs-tabbar')?.querySelector('.mud-tabs-scroll-button')) return true;
                      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                      const x = getComputedStyle(p).overflowX; if (x === 'auto' || x === 'scroll') return true; } return false; };
                  return [...document.querySelectorAll('body *')]
                    .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.right > width + 1
                        && getComputedStyle(e).visibility !== 'hidden' && !scrolls(e) && e.children.length === 0; })
                    .map(e => `${e.tagName.toLowerCase()} "${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30)}" right=${Math.round(e.getBoundingClientRect().right)}`)
                    .slice(0, 4);
                }
                """;
            // Components settle after the first interactive render (tabs measure themselves, then add their arrows): the
            // page is judged once it is clean, or as it is after 5 s.
            var offWindow = await page.EvaluateAsync<string[]>(OffWindowScript);
            for (var attempt = 0; offWindow.Length > 0 && attempt < 20; attempt++)
            {
                await page.WaitForTimeoutAsync(250);
                offWindow = await page.EvaluateAsync<string[]>(OffWindowScript);
            }
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            if (offWindow.Length > 0 || widths[0] > widths[1] + 1)
            {
                overflowing.Add($"{path}: {widths[0]} px wide in {widths[1]}; off the window: {string.Join("; ", offWindow)}");
                await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, $"overflow-{width}{path.Replace('/', '-')}.png") });
            }
        }

        Assert.True(paths.Count >= 10, $"The navigation offers {paths.Count} pages: {string.Join(", ", paths)}");
        Assert.True(overflowing.Count == 0, "Pages wider than the window:\n" + string.Join("\n", overflowing));
        Assert.True(problems.Count == 0, "Console errors and failed requests:\n" + string.Join("\n", problems.Distinct()));
    }

    /// <summary>A keyboard user's first Tab lands on "Skip to content", which takes the focus past the navigation (#19, finding 10).</summary>
    [Fact]
    public async Task TheFirstTabOffersToSkipToTheContent()
    {
        var page = await server.AdminPageAsync();
        await page.GotoAsync("/controls");
        await new Shell(page).WaitForInteractiveAsync();

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#main-content")).ToBeFocusedAsync();
    }

    /// <summary>A wrong address gets the portal's own page, with a way back, not an empty 404.</summary>
    [Fact]
    public async Task AWrongAddressGetsThePortalsNotFoundPage()
    {
        var page = await server.AdminPageAsync();

        var response = await page.GotoAsync("/no-such-page");

        Assert.Equal(404, response!.Status);
        await Expect(page.Locator("body")).ToContainTextAsync("not found", new() { IgnoreCase = true });
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Home" }).First).ToBeVisibleAsync();
    }
}
