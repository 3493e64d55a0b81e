using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Features.Workbench;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Components;

public sealed class WorkbenchTests(PortalFactory factory) : ComponentTest(factory)
{
    [Fact]
    public void ACustomSimulationDecidesTheLevelsOnThePageAndExplainsIt()
    {
        SignInAs(PortalRoles.Admin);
        RenderProviders();
        var panel = Render<CustomSimulationPanel>();
        var simulate = () => panel.FindAll("button").Single(b => b.TextContent.Contains("Simulate")).Click();

        simulate();
        panel.WaitForAssertion(() => Assert.Contains("Allowed", panel.Find("[data-testid=decision]").TextContent));
        panel.Find("[data-testid=level-1]").QuerySelectorAll("button").Single(b => b.TextContent.Contains("Paste a policy")).Click();
        simulate();

        panel.WaitForAssertion(() =>
        {
            Assert.Contains("ExplicitDeny", panel.Find("[data-testid=decision]").TextContent);
            Assert.Contains("OU Workloads", panel.Find("[data-testid=decision]").TextContent);
        });
    }

    [Fact]
    public void ABrokenPolicyIsReportedWithItsLevelAndLine()
    {
        SignInAs(PortalRoles.Admin);
        RenderProviders();
        var panel = Render<CustomSimulationPanel>();

        panel.Find("[data-testid=level-0] textarea").Change("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ oops ]\n}");
        panel.FindAll("button").Single(b => b.TextContent.Contains("Simulate")).Click();

        panel.WaitForAssertion(() =>
        {
            var result = panel.Find("[data-testid=custom-result]").TextContent;
            Assert.Contains("Level Root, policy 1", result);
            Assert.Contains("line 3", result);
        });
    }
}
