using Microsoft.Playwright;
using MirrorTower.E2E.Infrastructure;
using MirrorTower.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Layout;

/// <summary>
/// The pages people read most, photographed at 1440 and 390 px in the light and the dark theme for review (issue #19:
/// "screenshots of the pages you changed at both widths and in dark mode"); the README's pictures come from here. The
/// dark theme follows the browser's preference until the user picks one.
/// </summary>
public sealed class PageGalleryTests(DemoPortalServer server) : IClassFixture<DemoPortalServer>
{
    private static readonly string[] Paths =
    [
        "/", "/dashboard", "/landing-zone", "/organization", "/controls", "/compliance", "/policies", "/account-factory",
        "/account-factory/admin", "/network", "/mirroring", "/mirroring?tab=topology", "/simulation", "/api-reference", "/audit",
    ];

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task EveryPageIsPhotographedInTheThemeTheBrowserPrefers(ColorScheme scheme)
    {
        var page = await server.NewPageAsync();
        await page.EmulateMediaAsync(new() { ColorScheme = scheme });
        await new LoginPage(page).SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var simulation = new SimulationPage(page);
        await simulation.OpenAsync();
        await simulation.StartAsync("WebTier", 2_000, 5);
        await Expect(simulation.Status).ToHaveTextAsync("Completed", new() { Timeout = 60_000 });
        var run = new Uri(page.Url).AbsolutePath;
        var name = scheme == ColorScheme.Dark ? "dark" : "light";

        foreach (var path in Paths.Append(run).Append("/organization/accounts/" + await AccountIdAsync(page, "web-prod")))
        {
            foreach (var width in new[] { 1440, 390 })
            {
                await page.SetViewportSizeAsync(width, width == 1440 ? 900 : 844);
                await page.GotoAsync(path);
                await new Shell(page).WaitForInteractiveAsync();
                var file = path == "/" ? "home" : path.Trim('/').Replace('/', '-').Replace("?tab=", "-", StringComparison.Ordinal);
                if (file.StartsWith("simulation-runs-", StringComparison.Ordinal))
                {
                    file = "simulation-run";
                }
                else if (file.StartsWith("organization-accounts-", StringComparison.Ordinal))
                {
                    file = "account";
                }
                await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "gallery", $"{file}-{width}-{name}.png"), FullPage = true });
            }
        }

        // The theme is the preference: a dark page behind dark text would be unreadable, and the reverse.
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        var channels = background.Split('(', ')')[1].Split(',').Take(3).Select(c => double.Parse(c.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var luminance = (0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]) / 255;
        Assert.True(scheme == ColorScheme.Dark ? luminance < 0.3 : luminance > 0.7, $"{scheme} theme painted {background}");
    }

    private static async Task<string> AccountIdAsync(IPage page, string name)
    {
        await page.GotoAsync("/organization");
        await new Shell(page).WaitForInteractiveAsync();
        var href = await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).First.GetAttributeAsync("href");
        return href!.Split('/').Last();
    }
}
