using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Features.AccessKeys;
using MirrorTower.Portal.Features.Mirroring.Network.Pages;
using MirrorTower.Portal.Features.Mirroring;
using MirrorTower.Portal.Features.Mirroring.Pages;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Components;

/// <summary>The mirroring, network and access-key pages on the demo's hub and spoke.</summary>
public sealed class MirroringPagesTests(PortalFactory factory) : ComponentTest(factory)
{
    [Fact]
    public async Task AnAuditorSeesEachEnisSessionsInPriorityOrderButNoForm()
    {
        await LoadDemoAsync();
        SignInAs(PortalRoles.Auditor);
        RenderProviders();

        var page = Render<MirroringPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=eni-sessions]").Count));
        Assert.Contains("web-1", page.Find("[data-testid=eni-sessions]").TextContent);
        Assert.Contains("1 / 3 sessions", page.Find("[data-testid=eni-sessions]").TextContent);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Create session");
    }

    [Fact]
    public async Task TheTopologyDrawsTheHubTheSpokesAndEverySession()
    {
        await LoadDemoAsync();
        SignInAs(PortalRoles.Auditor);
        RenderProviders();

        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("tab", "topology"));
        var page = Render<MirroringPage>();

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=topology-vpc]").Count));
        Assert.Single(page.FindAll(".topology-hub"));
        Assert.Equal(2, page.FindAll("[data-testid=topology-session]").Count);
        Assert.Contains("ids-nlb", page.Find("[data-testid=topology-target]").TextContent);
        Assert.Single(page.FindAll("[data-testid=topology-gateway]"));

        // Issue #19, finding 7: the transit gateway is a node no VPC box covers, the appliances are labelled like every
        // other interface (their label was white on white), names are not cut mid-word, and every interface opens its page.
        var gateway = page.Find("[data-testid=topology-gateway] circle");
        var (gx, gy) = (Number(gateway.GetAttribute("cx")), Number(gateway.GetAttribute("cy")));
        foreach (var box in page.FindAll("[data-testid=topology-vpc] rect"))
        {
            var (x, y, width, height) = (Number(box.GetAttribute("x")), Number(box.GetAttribute("y")), Number(box.GetAttribute("width")), Number(box.GetAttribute("height")));
            Assert.False(gx > x && gx < x + width && gy > y && gy < y + height, $"The TGW at ({gx}, {gy}) is inside a VPC box at ({x}, {y})");
        }
        var appliances = page.FindAll("[data-testid=topology-eni].topology-appliance");
        Assert.Equal(3, appliances.Count);
        Assert.All(appliances, a => Assert.StartsWith("ids-", a.QuerySelector("text")!.TextContent, StringComparison.Ordinal));
        Assert.Contains(page.FindAll("[data-testid=topology-eni] text"), t => t.TextContent == "db-primary");
        Assert.All(page.FindAll("[data-testid=topology-eni]"), eni => Assert.StartsWith("/mirroring/enis/eni-", eni.GetAttribute("href"), StringComparison.Ordinal));
    }

    private static double Number(string? text) => double.Parse(text!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task CoverageListsBlindSpotsAndLeavesOutTheApplianceFleet()
    {
        await LoadDemoAsync();
        SignInAs(PortalRoles.Auditor);
        RenderProviders();

        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("tab", "coverage"));
        var page = Render<MirroringPage>();

        page.WaitForAssertion(() => Assert.Contains("web-prod", page.Find("[data-testid=coverage]").TextContent));
        var web = page.FindAll("[data-testid=coverage] tbody tr").Single(r => r.TextContent.Contains("web-prod"));
        Assert.Contains("2 / 3", web.TextContent);
        Assert.Contains("web-3", web.TextContent);
        Assert.DoesNotContain(page.FindAll("[data-testid=coverage] tbody tr"), r => r.TextContent.Contains("security-tooling"));
    }

    [Fact]
    public async Task TheRuleEditorShowsTheServersRefusalWithTheFieldNamed()
    {
        await LoadDemoAsync();
        SignInAs(PortalRoles.Admin);
        RenderProviders();
        var filter = (await Factory.Services.GetRequiredService<MirroringQueries>().OverviewAsync()).Filters.First(f => f.Ingress.Any(r => r.RuleNumber == 100));

        var editor = Render<RuleEditor>(p => p
            .Add(x => x.Filter, filter.Filter)
            .Add(x => x.ActorAsync, () => Task.FromResult(new Actor(null, PortalFactory.AdminEmail, Actor.Ui, Role: PortalRoles.Admin))));
        await editor.InvokeAsync(() => editor.FindAll("button").Single(b => b.TextContent.Trim() == "Add rule").Click());

        editor.WaitForAssertion(() => Assert.Contains("ruleNumber: Rule number 100 is already used by another ingress rule", editor.Find("[data-testid=problems]").TextContent));
    }

    [Fact]
    public async Task TheNetworkPageShowsEligibilityAndBandwidthPerInstance()
    {
        await LoadDemoAsync();
        SignInAs(PortalRoles.Auditor);
        RenderProviders();

        var page = Render<NetworkPage>();

        page.WaitForAssertion(() => Assert.Contains("security", page.Find("[data-testid=vpcs]").TextContent));
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Create VPC");
    }

    [Fact]
    public async Task TheNetworkPageShowsIpv6BlocksAndEveryInterfacesAddresses()
    {
        await LoadDemoAsync();
        SignInAs(PortalRoles.Auditor);
        RenderProviders();

        var page = Render<NetworkPage>();
        page.WaitForAssertion(() => Assert.Contains("2600:1f18:4c1:a00::/56", page.Find("[data-testid=vpcs]").TextContent));
        await page.InvokeAsync(() => page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Instances and ENIs")).Click());

        var rows = page.FindAll("[data-testid=network-interfaces] tbody tr");
        Assert.Contains(rows, r => r.TextContent.Contains("2600:1f18:4c1:a01::a") && r.TextContent.Contains("web-1"));
        Assert.Contains(rows, r => r.TextContent.Contains("app-1") && r.TextContent.Contains("none"));
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Create interface");
    }

    [Fact]
    public async Task AccessKeysAreListedWithoutTheirSecretAndCanBeRevoked()
    {
        await LoadDemoAsync();
        SignInAs(PortalRoles.Admin);
        RenderProviders();
        using var scope = Factory.Services.CreateScope();
        var admin = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>().FindByEmailAsync(PortalFactory.AdminEmail);
        var account = (await Factory.Services.GetRequiredService<MirrorTower.Portal.Features.Organization.OrganizationService>().GetTreeAsync()).Accounts.First(a => a.Name == "web-prod");
        var created = (await Factory.Services.GetRequiredService<AccessKeyService>().CreateAsync(new Actor(admin!.Id, admin.Email!, Actor.Ui, Role: PortalRoles.Admin), new NewAccessKey(account.Id, "bunit"))).Value!;
        Auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, admin.Id));

        var page = Render<AccessKeysPage>();
        page.WaitForAssertion(() => Assert.Contains(created.AccessKeyId, page.Find("[data-testid=access-keys]").TextContent));
        Assert.DoesNotContain(created.SecretAccessKey, page.Markup);
        var row = page.FindAll("[data-testid=access-keys] tbody tr").Single(r => r.TextContent.Contains(created.AccessKeyId));
        await page.InvokeAsync(() => row.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click());

        page.WaitForAssertion(() => Assert.Contains("Revoked", page.FindAll("[data-testid=access-keys] tbody tr").Single(r => r.TextContent.Contains(created.AccessKeyId)).TextContent));
    }

    [Fact]
    public async Task ThePacketTesterOnAnEniSaysWhichSessionAndRuleWouldMirror()
    {
        await LoadDemoAsync();
        SignInAs(PortalRoles.Auditor);
        RenderProviders();
        var eni = (await Factory.Services.GetRequiredService<MirroringQueries>().OverviewAsync()).Enis.Single(e => e.InstanceName == "web-1").EniId;

        var panel = Render<PacketTestPanel>(p => p.Add(x => x.EniId, eni));
        await panel.InvokeAsync(() => panel.FindAll("button").Single(b => b.TextContent.Trim() == "Test").Click());

        panel.WaitForAssertion(() => Assert.Contains("Mirrored by session 1, rule 100, to ids-nlb", panel.Find("[data-testid=packet-test-result]").TextContent));
        Assert.Contains("Mirrored by rule 100 (accept).", panel.Markup);
    }
}
