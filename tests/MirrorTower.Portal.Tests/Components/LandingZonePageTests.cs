using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Drift;
using MirrorTower.Portal.Features.Organization.Pages;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Components;

public sealed class LandingZonePageTests(PortalFactory factory) : ComponentTest(factory)
{
    [Fact]
    public async Task AnAdminChangesTheLogRetentionOnThePageAndARefusalNamesTheRule()
    {
        await LoadDemoAsync();
        SignInAs(PortalRoles.Admin);
        RenderProviders();
        var page = Render<LandingZonePage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("input[data-testid=retention]")));

        await page.InvokeAsync(() => page.Find("input[data-testid=retention]").Change("0"));
        await page.InvokeAsync(() => page.Find("button[data-testid=update-landing-zone]").Click());
        page.WaitForAssertion(() => Assert.Contains("from 1 to 5475", page.Markup));
        var refused = await Factory.Services.GetRequiredService<LandingZoneService>().GetAsync();

        await page.InvokeAsync(() => page.Find("input[data-testid=retention]").Change("400"));
        await page.InvokeAsync(() => page.Find("button[data-testid=update-landing-zone]").Click());
        page.WaitForAssertion(() => Assert.Contains("400 days", page.Find("[data-testid=landing-zone-operations]").TextContent));
        var updated = await Factory.Services.GetRequiredService<LandingZoneService>().GetAsync();

        Assert.Equal(365, refused!.LogRetentionDays);
        Assert.Equal(400, updated!.LogRetentionDays);
        Assert.Contains("Update:", page.Find("[data-testid=landing-zone-operations]").TextContent);
    }

    [Fact]
    public async Task AControlInDriftIsListedWithWhyAndItsResetRepairsIt()
    {
        await LoadDemoAsync();
        SignInAs(PortalRoles.Admin);
        RenderProviders();
        var organization = Factory.Services.GetRequiredService<OrganizationService>();
        var tree = await organization.GetTreeAsync();
        var prod = tree.Ous.Single(o => o.Name == "Prod").Id;
        var paymentsStaging = tree.Accounts.Single(a => a.Name == "payments-staging").Id;
        var moved = await Factory.Services.GetRequiredService<DriftService>().ApplyOutOfBandAsync(
            Actor.System, new() { Kind = OutOfBandKinds.MoveAccount, AccountId = paymentsStaging, OuId = prod, ConfirmFailingTests = true });
        Assert.True(moved.Succeeded, moved.Message);

        var page = Render<LandingZonePage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=drifted-controls]")));
        var listed = page.Find("[data-testid=drifted-controls]").TextContent;
        await page.InvokeAsync(() => page.Find("button[aria-label='Reset AWS-GR_ENCRYPTED_VOLUMES on Prod']").Click());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=drifted-controls]")));

        Assert.Contains("payments-staging", listed);
        Assert.Contains("inheritance drifted", listed);
        Assert.Contains("its policy not checked", listed);
    }

    [Fact]
    public async Task AMemberSeesTheLandingZoneWithoutItsSettings()
    {
        await LoadDemoAsync();
        SignInAs(PortalRoles.Member);
        RenderProviders();

        var page = Render<LandingZonePage>();
        page.WaitForAssertion(() => Assert.Contains("Governed Regions", page.Markup));

        Assert.Empty(page.FindAll("[data-testid=landing-zone-settings]"));
    }
}
