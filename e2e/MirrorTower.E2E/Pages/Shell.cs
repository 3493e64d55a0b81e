using Microsoft.Playwright;

namespace MirrorTower.E2E.Pages;

/// <summary>The app bar and drawer around every interactive page.</summary>
public sealed class Shell(IPage page)
{
    public ILocator SignedInUser => page.GetByTestId("signed-in-user");

    public ILocator Role => page.GetByTestId("signed-in-role");

    public ILocator NavLink(string name) => page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <summary>Waits until the circuit is up: interactive buttons are disabled while prerendered.</summary>
    public async Task WaitForInteractiveAsync() =>
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" })).ToBeEnabledAsync();

    public async Task SignOutAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/Account/Login**");
    }
}
