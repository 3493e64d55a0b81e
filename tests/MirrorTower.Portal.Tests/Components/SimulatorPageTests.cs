using System.Net.Http.Json;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Features.ServiceControlPolicies;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Components;

public sealed class SimulatorPageTests(PortalFactory factory) : ComponentTest(factory)
{
    [Fact]
    public async Task SimulatesAgainstTheChosenAccountAndShowsTheDecidingControlAndTrace()
    {
        using var admin = await ApiClient.AdminAsync(Factory);
        await admin.PostAsJsonAsync("/api/v1/landing-zone", new
        {
            governedRegions = new[] { "eu-west-1" }, logArchiveEmail = "logs@sim.example", auditEmail = "audit@sim.example", logRetentionDays = 30,
        });
        SignInAs(PortalRoles.Member);
        var popovers = RenderProviders();

        var page = Render<SimulatorPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=simulator-account]")));
        await page.InvokeAsync(() => page.FindAll("div.mud-input-control.mud-select").First().MouseDown());
        popovers.WaitForElement(".mud-list-item");
        await popovers.InvokeAsync(() => popovers.FindAll(".mud-list-item").First(i => i.TextContent.Contains("Log Archive")).Click());
        await page.InvokeAsync(() => page.FindAll("input").Single(i => i.GetAttribute("placeholder") == "*").Change("arn:aws:s3:::aws-controltower-logs-1-eu-west-1"));
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Simulate")).Click());

        page.WaitForAssertion(() =>
        {
            var decision = page.Find("[data-testid=decision]").TextContent;
            Assert.Contains("ExplicitDeny", decision);
            Assert.Contains("GRAUDITBUCKETDELETIONPROHIBITED", decision);
            Assert.Contains("AWS-GR_AUDIT_BUCKET_DELETION_PROHIBITED", decision);
        });
        Assert.Contains("OU Security", page.Find("[data-testid=trace]").TextContent);
    }
}
