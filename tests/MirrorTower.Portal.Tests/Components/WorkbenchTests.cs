using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Features.Workbench;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Components;

public sealed class WorkbenchTests(PortalFactory factory) : ComponentTest(factory)
{
    [Fact]
    public async Task ACustomSimulationDecidesTheLevelsOnThePageAndExplainsIt()
    {
        SignInAs(PortalRoles.Admin);
        RenderProviders();
        var panel = Render<CustomSimulationPanel>();
        // The page reloads when the organization changes (the portal's background evaluation publishes such changes),
        // so each find-and-click runs on the renderer's dispatcher, where no render can come between the two.
        var simulate = () => panel.InvokeAsync(() => panel.FindAll("button").Single(b => b.TextContent.Contains("Simulate")).Click());

        await simulate();
        panel.WaitForAssertion(() => Assert.Contains("Allowed", panel.Find("[data-testid=decision]").TextContent));
        await panel.InvokeAsync(() => panel.Find("[data-testid=level-1]").QuerySelectorAll("button").Single(b => b.TextContent.Contains("Paste a policy")).Click());
        await simulate();

        panel.WaitForAssertion(() =>
        {
            Assert.Contains("ExplicitDeny", panel.Find("[data-testid=decision]").TextContent);
            Assert.Contains("OU Workloads", panel.Find("[data-testid=decision]").TextContent);
        });
    }

    [Fact]
    public async Task RcpLevelsLaidOutBesideTheScpsDecideAnS3RequestAndTheDecisionNamesTheRcp()
    {
        SignInAs(PortalRoles.Admin);
        RenderProviders();
        var panel = Render<CustomSimulationPanel>();

        await panel.InvokeAsync(() => panel.FindAll("label").Single(l => l.TextContent.Contains("Also decide by RCPs")).QuerySelector("input")!.Change(true));
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=rcp-level-1]")));
        await panel.InvokeAsync(() => panel.Find("[data-testid=rcp-level-1]").QuerySelectorAll("button").Single(b => b.TextContent.Contains("Paste a policy")).Click());
        await panel.InvokeAsync(() => panel.FindAll("button").Single(b => b.TextContent.Contains("Simulate")).Click());

        panel.WaitForAssertion(() =>
        {
            var decision = panel.Find("[data-testid=decision]").TextContent;
            Assert.Contains("ExplicitDeny", decision);
            Assert.Contains("of RCP Account policy 2 attached at Account", decision);
        });
        Assert.Contains("RCPs at Account", panel.Find("[data-testid=trace]").TextContent);
    }

    [Fact]
    public async Task ABrokenPolicyIsReportedWithItsLevelAndLine()
    {
        SignInAs(PortalRoles.Admin);
        RenderProviders();
        var panel = Render<CustomSimulationPanel>();

        await panel.InvokeAsync(() => panel.Find("[data-testid=level-0] textarea").Change("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ oops ]\n}"));
        await panel.InvokeAsync(() => panel.FindAll("button").Single(b => b.TextContent.Contains("Simulate")).Click());

        panel.WaitForAssertion(() =>
        {
            var result = panel.Find("[data-testid=custom-result]").TextContent;
            Assert.Contains("Level Root, policy 1", result);
            Assert.Contains("line 3", result);
        });
    }

    [Fact]
    public async Task APastedPolicyShowsItsFindingsBesideIt()
    {
        SignInAs(PortalRoles.Admin);
        RenderProviders();
        var panel = Render<CustomSimulationPanel>();

        await panel.InvokeAsync(() => panel.Find("[data-testid=level-0] textarea").Change(
            """{"Version":"2012-10-17","Statement":[{"Sid":"No","Effect":"Deny","Action":"*","Resource":"*"},{"Sid":"Yes","Effect":"Allow","Action":"s3:*","Resource":"*"}]}"""));

        panel.WaitForAssertion(() =>
        {
            var findings = panel.Find("[data-testid=level-0] [data-testid=policy-findings]").TextContent;
            Assert.Contains("Warning in Yes", findings);
            Assert.Contains("No denies every action and resource it allows", findings);
        });
    }
}
