using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Controls;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Components;

public sealed class ControlsPageTests(PortalFactory factory) : ComponentTest(factory)
{
    [Fact]
    public async Task ListsTheCatalogAndSearchesIt()
    {
        SignInAs(PortalRoles.Auditor);
        RenderProviders();

        var page = Render<ControlsPage>();
        page.WaitForAssertion(() => Assert.Contains("Disallow deletion of log archive", page.Find("[data-testid=controls-library]").TextContent));
        await page.InvokeAsync(() => page.Find("input[type=text]").Input("VPN"));

        page.WaitForAssertion(() =>
        {
            var rows = page.FindAll("[data-testid=controls-library] tbody tr");
            var row = Assert.Single(rows);
            Assert.Contains("AWS-GR_DISALLOW_VPN_CONNECTIONS", row.TextContent);
            Assert.Contains("Elective", row.TextContent);
        });
    }

    [Fact]
    public async Task OpeningAControlShowsTheScpItEnforcesAndNoChangesForAnAuditor()
    {
        SignInAs(PortalRoles.Auditor);
        var providers = RenderProviders();
        var dialogs = Render<MudBlazor.MudDialogProvider>();

        var page = Render<ControlsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=controls-library] tbody tr")));
        await page.InvokeAsync(() => page.FindAll("[data-testid=controls-library] tbody tr").First(r => r.TextContent.Contains("Disallow deletion of log archive")).Click());

        dialogs.WaitForAssertion(() => Assert.Contains("GRAUDITBUCKETDELETIONPROHIBITED", dialogs.Find("[data-testid=control-scp]").TextContent));
        Assert.DoesNotContain(dialogs.FindAll("button"), b => b.TextContent.Trim() == "Enable");
        Assert.NotNull(providers);
    }

    [Fact]
    public async Task SearchingAnRcpControlShowsItsCatalogShapeAndItsRcp()
    {
        SignInAs(PortalRoles.Auditor);
        RenderProviders();
        var dialogs = Render<MudBlazor.MudDialogProvider>();

        var page = Render<ControlsPage>();
        page.WaitForAssertion(() => Assert.Contains("of 171 controls", page.Find("[data-testid=controls-count]").TextContent));
        await page.InvokeAsync(() => page.Find("input[type=text]").Input("CT.S3.PV.4"));
        page.WaitForAssertion(() => Assert.Contains("1 of 171 controls", page.Find("[data-testid=controls-count]").TextContent));
        var row = Assert.Single(page.FindAll("[data-testid=controls-library] tbody tr"));
        Assert.Contains("CRITICAL", row.TextContent);
        Assert.Contains("AWS::Organizations::Policy::RCP", row.TextContent);
        await page.InvokeAsync(() => row.Click());

        dialogs.WaitForAssertion(() => Assert.Contains("\"Principal\": \"*\"", dialogs.Find("[data-testid=control-scp]").TextContent));
        var shape = dialogs.Find("[data-testid=control-shape]").TextContent;
        Assert.Contains("arn:aws:controltower:", shape);
        Assert.Contains("GLOBAL", shape);
        Assert.Contains("Enforce least privilege", shape);
    }

    [Fact]
    public async Task TheToastOfAnEnableFollowsTheOperationToItsOutcome()
    {
        await LoadDemoAsync();
        SignInAs(PortalRoles.Admin);
        RenderProviders();
        var controls = Factory.Services.GetRequiredService<ControlService>();
        var sandbox = (await Factory.Services.GetRequiredService<OrganizationService>().GetTreeAsync()).Ous.Single(o => o.Name == "Sandbox");
        var started = await controls.RequestEnableAsync(Actor.System, sandbox.Id, new EnableControlRequest { ControlIdentifier = "AWS-GR_DISALLOW_VPN_CONNECTIONS" });

        await Services.GetRequiredService<ControlOperationToasts>().FollowAsync(
            new FollowedOperation(started.Value!.OperationIdentifier, "Enabling VPN on Sandbox", "VPN enabled on Sandbox"));

        // The running toast gives way to the outcome once the worker has carried the operation out.
        Toasts.WaitForAssertion(() =>
        {
            Assert.Contains("VPN enabled on Sandbox.", Toasts.Markup);
            Assert.DoesNotContain("Enabling VPN on Sandbox", Toasts.Markup);
        }, TimeSpan.FromSeconds(10));
        Assert.Equal(MirrorTower.Portal.Features.Organization.Model.ControlOperationStatus.SUCCEEDED,
            (await controls.GetOperationAsync(started.Value.OperationIdentifier))!.Status);
    }
}
