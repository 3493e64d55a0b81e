using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Pages;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Components;

public sealed class OrganizationPageTests(PortalFactory factory) : ComponentTest(factory)
{
    [Fact]
    public async Task AnOuOutsideControlTowerIsMarkedAndOffersToBeRegistered()
    {
        await LoadDemoAsync();
        SignInAs(PortalRoles.Admin);
        var providers = RenderProviders();
        var created = await Factory.Services.GetRequiredService<OrganizationService>().CreateOuAsync(Actor.System, new NewOu("Unregistered-bunit", null, Register: false));
        Assert.True(created.Succeeded, created.Message);

        var page = Render<OrganizationPage>();
        page.WaitForAssertion(() => Assert.Contains("Unregistered-bunit", page.Markup));
        var chips = page.FindAll("[data-testid=ou-unregistered]");
        await page.InvokeAsync(() => page.Find($"button[aria-label='Actions of Unregistered-bunit']").Click());

        Assert.Single(chips);
        providers.WaitForAssertion(() => Assert.Contains("Register with Control Tower", providers.Markup));
        Assert.DoesNotContain(page.FindAll("[data-testid=ou-unregistered]"), c => c.ParentElement!.TextContent.Contains("Sandbox"));
    }
}
