using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Features.Simulation;
using MirrorTower.Portal.Features.Simulation.Pages;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Components;

/// <summary>The simulation pages on the demo: a run's page follows the feed, and a stored run shows its report.</summary>
public sealed class SimulationPagesTests(PortalFactory factory) : ComponentTest(factory)
{
    [Fact]
    public async Task ARunsPageUpdatesLiveAndExplainsASampledPacket()
    {
        await LoadDemoAsync();
        SignInAs(PortalRoles.Admin);
        RenderProviders();
        var runner = Factory.Services.GetRequiredService<SimulationRunner>();
        var started = await runner.StartAsync(new Actor(null, PortalFactory.AdminEmail, Actor.Ui, Role: PortalRoles.Admin), new ScenarioRequest("WebTier", 2_000, 30, 1, null, 1));

        var page = Render<RunPage>(p => p.Add(x => x.Id, started.Value!.Id));

        page.WaitForAssertion(() => Assert.Equal("Running", page.Find("[data-testid=run-status]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.NotEqual("0", page.Find("[data-testid=outcome-Mirrored]").QuerySelector("h5")!.TextContent.Trim()), TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=packet-log] tbody tr")), TimeSpan.FromSeconds(10));
        // Rule hits name the filter as the mirroring pages do, not by its tmf- id.
        page.WaitForAssertion(() => Assert.Contains("Web tier", page.Find("[data-testid=rule-hits]").TextContent), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("tmf-", page.Find("[data-testid=rule-hits] tbody").TextContent);
        await page.InvokeAsync(() => page.FindAll("[data-testid=packet-log] button")[0].Click());
        page.WaitForAssertion(() => Assert.Contains("Session 1", page.Find("[data-testid=packet-explanation]").TextContent));
        await runner.SteerAsync(new Actor(null, PortalFactory.AdminEmail, Actor.Ui, Role: PortalRoles.Admin), started.Value!.Id, "stop");
        page.WaitForAssertion(() => Assert.Equal("Stopped", page.Find("[data-testid=run-status]").TextContent.Trim()), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AnAuditorSeesRunsButCannotStartOne()
    {
        await LoadDemoAsync();
        SignInAs(PortalRoles.Auditor);
        RenderProviders();

        var page = Render<SimulationPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=runs]")));
        Assert.Empty(page.FindAll("[data-testid=scenario-form]"));
        Assert.Empty(page.FindAll("[data-testid=replay-form]"));
    }
}
