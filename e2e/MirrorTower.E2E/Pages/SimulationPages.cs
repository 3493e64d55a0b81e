using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Pages;

/// <summary>/simulation and a run's page.</summary>
public sealed class SimulationPage(IPage page)
{
    public ILocator Form => page.GetByTestId("scenario-form");
    public ILocator Status => page.GetByTestId("run-status");
    public ILocator Log => page.GetByTestId("packet-log");
    public ILocator Explanation => page.GetByTestId("packet-explanation");

    public ILocator Outcome(string outcome) => page.GetByTestId($"outcome-{outcome}");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/simulation");
        await new Shell(page).WaitForInteractiveAsync();
    }

    public async Task StartAsync(string scenario, int packetsPerSecond, int seconds)
    {
        await Form.SelectAsync(page, "Scenario", scenario);
        await Form.GetByLabel("Packets per second").FillAsync(packetsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Form.GetByLabel("Duration (s)").FillAsync(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Form.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await page.WaitForURLAsync("**/simulation/runs/**");
        await new Shell(page).WaitForInteractiveAsync();
    }
}
