using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Pages;

public sealed class LandingZonePage(IPage page)
{
    public ILocator Status => page.GetByTestId("landing-zone-status");
    public ILocator OutOfBand => page.GetByTestId("out-of-band-panel");
    public ILocator Drift => page.GetByTestId("drift-panel");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/landing-zone");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" })).ToBeEnabledAsync();
    }
}

public sealed class ControlsPage(IPage page)
{
    public ILocator Library => page.GetByTestId("controls-library");
    public ILocator Operations => page.GetByTestId("control-operations");
    public ILocator Dialog => page.GetByRole(AriaRole.Dialog);

    public async Task OpenAsync()
    {
        await page.GotoAsync("/controls");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" })).ToBeEnabledAsync();
    }

    public async Task OpenControlAsync(string search, string name)
    {
        await page.GetByLabel("Search").FillAsync(search);
        await Library.GetByText(name, new() { Exact = true }).ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
    }
}

public sealed class AccountPage(IPage page)
{
    public ILocator Result => page.GetByTestId("action-result");

    public async Task OpenAsync(string accountName)
    {
        await page.GotoAsync("/organization");
        // Follow the tree's link by its address: the live tree may render again under a click and swallow it.
        var href = await page.GetByRole(AriaRole.Link, new() { Name = accountName, Exact = true }).GetAttributeAsync("href");
        await page.GotoAsync(href!);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = accountName })).ToBeVisibleAsync();
        // Selects open only once the circuit is up.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" })).ToBeEnabledAsync();
    }

    public async Task RunAccountCallAsync(string action, string region)
    {
        var card = page.Locator(".mud-card").Filter(new() { HasText = "Act in this account" });
        await card.SelectAsync(page, "Account-level call", action);
        await card.SelectAsync(page, "Region", region);
        await card.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
    }
}
