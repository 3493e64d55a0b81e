using Microsoft.Playwright;

namespace MirrorTower.E2E.Pages;

public sealed class AuditTrailPage(IPage page)
{
    public ILocator Table => page.GetByTestId("audit-table");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/audit");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" })).ToBeEnabledAsync();
    }

    public async Task FilterByUserAsync(string user)
    {
        await page.GetByLabel("User").FillAsync(user);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
    }

    /// <summary>The row of an event: action, target and outcome all in it.</summary>
    public ILocator Row(string action, string target, string outcome) => Table.Locator("tr")
        .Filter(new() { HasText = action })
        .Filter(new() { HasText = target })
        .Filter(new() { HasText = outcome });
}
