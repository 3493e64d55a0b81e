using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Components;

public sealed class AuditTrailPageTests(PortalFactory factory) : ComponentTest(factory)
{
    [Fact]
    public async Task ShowsEventsAndFiltersThemOnTheServer()
    {
        var trail = Services.GetRequiredService<AuditTrail>();
        var actor = new Actor(null, "filter-me@tests.example", Actor.Ui);
        await trail.RecordAsync(actor.Record("ec2:CreateTrafficMirrorSession", "tms-0123456789abcdef0", AuditOutcome.Denied, "Denied by test."));
        SignInAs(PortalRoles.Auditor);
        RenderProviders();

        var page = Render<AuditTrailPage>();
        page.WaitForAssertion(() => Assert.Contains("iam:CreateUser", page.Find("[data-testid=audit-table]").TextContent));
        page.Find("input[data-testid=filter-user]").Change("filter-me");
        // The table renders again when its data arrives; find the button in the render that is current.
        page.WaitForAssertion(() => page.FindAll("button").Single(b => b.TextContent.Contains("Apply filters")).Click());

        page.WaitForAssertion(() =>
        {
            var table = page.Find("[data-testid=audit-table]").TextContent;
            Assert.Contains("ec2:CreateTrafficMirrorSession", table);
            Assert.Contains("Denied by test.", table);
            Assert.DoesNotContain("iam:CreateUser", table);
        });
    }

    [Fact]
    public void CheckingTheTrailShowsItIntact()
    {
        SignInAs(PortalRoles.Auditor);
        RenderProviders();

        var page = Render<AuditTrailPage>();
        page.Find("[data-testid=verify-audit]").Click();

        page.WaitForAssertion(() => Assert.StartsWith("Intact:", page.Find("[data-testid=audit-verification]").TextContent.Trim(), StringComparison.Ordinal));
    }
}
