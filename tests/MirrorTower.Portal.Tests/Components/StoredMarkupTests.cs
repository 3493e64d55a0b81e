using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Features.AccountFactory;
using MirrorTower.Portal.Features.AccountFactory.Pages;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Compliance;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Pages;
using MirrorTower.Portal.Features.ServiceControlPolicies;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Components;

/// <summary>
/// Stored markup: names and descriptions that people type are shown on many pages, and must stay text there. A payload
/// goes into every kind of name the organization holds, and each page that lists them must show it as text, never as
/// an element (MudChart's axis labels wrote OU names into the dashboard's SVG as markup).
/// </summary>
public sealed class StoredMarkupTests(PortalFactory factory) : ComponentTest(factory)
{
    private const string Payload = "<img src=x onerror=alert(1)>";
    private static readonly string Unique = Guid.NewGuid().ToString("N")[..6];

    private async Task SeedAsync()
    {
        await LoadDemoAsync();
        var admin = new Actor(null, PortalFactory.AdminEmail, Actor.Ui, Role: PortalRoles.Admin);
        var workloads = (await Factory.Services.GetRequiredService<OrganizationService>().GetTreeAsync()).Ous.Single(o => o.Name == "Workloads");
        await Factory.Services.GetRequiredService<OrganizationService>().CreateOuAsync(admin, new NewOu($"ou{Unique}{Payload}", workloads.Id));
        await Factory.Services.GetRequiredService<PolicyService>().CreateAsync(admin, new PolicyInput
        {
            Name = $"scp{Unique}{Payload}", Description = Payload, Document = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}""",
        });
        var tree = await Factory.Services.GetRequiredService<OrganizationService>().GetTreeAsync();
        var webProd = tree.Accounts.Single(a => a.Name == "web-prod").Id;
        var caller = new MirrorTower.Portal.Features.Mirroring.Ec2.Ec2Caller(admin, webProd, "eu-west-1", $"arn:aws:iam::{webProd}:root");
        var filter = await Factory.Services.GetRequiredService<MirrorTower.Portal.Features.Mirroring.MirroringService>()
            .CreateFilterAsync(caller, new MirrorTower.Portal.Features.Mirroring.NewMirrorFilter($"tmf{Unique}{Payload}"));
        Assert.True(filter.Succeeded, filter.Message);
        var catalog = Factory.Services.GetRequiredService<CatalogService>();
        var product = await catalog.CreateProductAsync(admin, new ProductInput($"prod{Unique}{Payload}", Payload, Payload));
        Assert.True(product.Succeeded, product.Message);
        var portfolio = await catalog.SavePortfolioAsync(admin, null, new PortfolioInput($"port{Unique}{Payload}", Payload, false, ["Member"], [product.Value!.Id]));
        Assert.True(product.Succeeded && portfolio.Succeeded, $"{product.Message} {portfolio.Message}");
    }

    private static void AssertShownAsText<T>(Bunit.IRenderedComponent<T> page, string prefix) where T : Microsoft.AspNetCore.Components.IComponent
    {
        page.WaitForAssertion(() => Assert.Contains(prefix + Payload, string.Concat(page.Nodes.Select(n => n.TextContent)), StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Empty(page.FindAll("img[src=x]"));
    }

    [Fact]
    public async Task EveryPageThatListsNamesShowsAPayloadAsText()
    {
        await SeedAsync();
        SignInAs(PortalRoles.Admin);
        RenderProviders();

        AssertShownAsText(Render<DashboardPage>(), $"ou{Unique}");
        AssertShownAsText(Render<OrganizationPage>(), $"ou{Unique}");
        AssertShownAsText(Render<PoliciesPage>(), $"scp{Unique}");
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("/mirroring?tab=filters");
        var mirroring = Render<MirrorTower.Portal.Features.Mirroring.Pages.MirroringPage>();
        AssertShownAsText(mirroring, $"tmf{Unique}");
        var catalog = Render<AccountFactoryAdminPage>();
        AssertShownAsText(catalog, $"port{Unique}");
        AssertShownAsText(catalog, $"prod{Unique}");
    }
}
