using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Pages;

/// <summary>/mirroring: sessions, filters, targets, coverage, topology, quotas.</summary>
public sealed class MirroringPage(IPage page)
{
    public ILocator FilterEditor => page.GetByTestId("filter-editor");
    public ILocator SessionForm => page.GetByTestId("session-form");
    public ILocator Problems => page.GetByTestId("problems");
    public ILocator Topology => page.GetByTestId("topology");
    public ILocator Coverage => page.GetByTestId("coverage");

    public async Task OpenAsync(string tab = "sessions")
    {
        await page.GotoAsync($"/mirroring?tab={tab}");
        await new Shell(page).WaitForInteractiveAsync();
    }

    public async Task ShowTabAsync(string name) => await page.GetByRole(AriaRole.Tab, new() { Name = name, Exact = true }).ClickAsync();

    public async Task CreateFilterAsync(string account, string description)
    {
        await page.Locator("body").SelectAsync(page, "Account", account);
        await page.GetByLabel("Description", new() { Exact = true }).FillAsync(description);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create filter" }).ClickAsync();
        await Expect(FilterEditor).ToContainTextAsync(description);
    }

    public async Task AddRuleAsync(string direction, int number, string protocol, string destination, string destinationPorts = "")
    {
        await FilterEditor.SelectAsync(page, "Direction", direction);
        await FilterEditor.GetByLabel("Rule number").FillAsync(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await FilterEditor.SelectAsync(page, "Protocol", protocol == "" ? "All protocols" : protocol.ToUpperInvariant() + " (");
        await FilterEditor.GetByLabel("Destination CIDR").FillAsync(destination);
        if (destinationPorts != "")
        {
            await FilterEditor.GetByLabel("Destination ports").FillAsync(destinationPorts);
        }
        await FilterEditor.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
    }

    public async Task CreateSessionAsync(string sourceInstance, string target, string filter, int number)
    {
        await SessionForm.SelectContainingAsync(page, "Source ENI", sourceInstance + " (");
        await SessionForm.SelectContainingAsync(page, "Target", target);
        await SessionForm.SelectContainingAsync(page, "Filter", filter);
        await SessionForm.GetByLabel("Session number").FillAsync(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create session" }).ClickAsync();
    }
}
