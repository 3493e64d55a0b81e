using System.Globalization;
using Microsoft.Playwright;
using MirrorTower.E2E.Infrastructure;
using MirrorTower.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Layout;

/// <summary>
/// Issue #19, finding 6, as a reader sees it in the browser: value axes start at zero and step roundly up to just above
/// the largest value (the dashboard drew 0–20 for counts of 1–5), and a legend names only what happened.
/// </summary>
public sealed class ChartTests(DemoPortalServer server) : IClassFixture<DemoPortalServer>
{
    [Fact]
    public async Task TheDashboardsAxisFitsItsCountsAndARunsLegendNamesOnlyWhatHappened()
    {
        var page = await server.AdminPageAsync();
        await page.GotoAsync("/dashboard");
        await new Shell(page).WaitForInteractiveAsync();
        var chart = page.GetByTestId("compliance-by-ou-chart");
        await Expect(chart.Locator("g.mud-charts-yaxis text").First).ToBeAttachedAsync();

        var ticks = (await chart.Locator("g.mud-charts-yaxis text").AllTextContentsAsync())
            .Select(t => double.Parse(t.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)).Order().ToList();
        var counts = new List<int>();
        foreach (var row in await chart.Locator("tbody tr").AllAsync())
        {
            var cells = await row.Locator("td").AllTextContentsAsync();
            counts.Add(cells.Skip(1).Sum(c => int.Parse(c, CultureInfo.InvariantCulture)));
        }
        Assert.NotEmpty(counts);
        Assert.Equal(0, ticks[0]);
        Assert.InRange(ticks[^1], counts.Max(), counts.Max() * 2);
        Assert.Single(ticks.Zip(ticks.Skip(1), (a, b) => b - a).Distinct());

        var simulation = new SimulationPage(page);
        await simulation.OpenAsync();
        await simulation.StartAsync("WebTier", 2_000, 3);
        await Expect(simulation.Status).ToHaveTextAsync("Completed", new() { Timeout = 60_000 });
        var legend = page.GetByTestId("outcome-chart");
        await Expect(legend).ToContainTextAsync("Mirrored");
        await Expect(legend).Not.ToContainTextAsync("Skipped");
        await Expect(legend).Not.ToContainTextAsync("SkippedForBandwidth");
    }
}
