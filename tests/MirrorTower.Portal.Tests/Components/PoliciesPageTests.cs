using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Features.ServiceControlPolicies;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Components;

public sealed class PoliciesPageTests(PortalFactory factory) : ComponentTest(factory)
{
    [Fact]
    public async Task AnAdminDeletesACustomScpAttachedNowhereAfterConfirming()
    {
        await LoadDemoAsync();
        SignInAs(PortalRoles.Admin);
        RenderProviders();
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var policies = Factory.Services.GetRequiredService<PolicyService>();
        var created = await policies.CreateAsync(Actor.System, new PolicyInput
        {
            Name = "unused-bunit", Description = "nowhere", Document = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}""",
        });
        Assert.True(created.Succeeded, created.Message);

        var page = Render<PoliciesPage>();
        page.WaitForAssertion(() => Assert.Contains("unused-bunit", page.Find("[data-testid=policies]").TextContent));
        var rows = page.FindAll("[data-testid=policies] tbody tr");
        // Only a custom policy attached nowhere offers Delete: FullAWSAccess, RCPFullAWSAccess and attached ones do not.
        Assert.Contains(rows.Single(r => r.TextContent.Contains("unused-bunit")).QuerySelectorAll("button"), b => b.TextContent.Trim() == "Delete");
        foreach (var managed in new[] { "FullAWSAccess", "RCPFullAWSAccess" })
        {
            Assert.DoesNotContain(rows.Single(r => r.QuerySelector("td")?.TextContent.Trim().StartsWith(managed, StringComparison.Ordinal) == true)
                .QuerySelectorAll("button"), b => b.TextContent.Trim() == "Delete");
        }
        await page.InvokeAsync(() => page.FindAll("[data-testid=policies] tbody tr").Single(r => r.TextContent.Contains("unused-bunit"))
            .QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Delete").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("cannot be undone", dialogs.Markup));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click());

        page.WaitForAssertion(() => Assert.DoesNotContain("unused-bunit", page.Find("[data-testid=policies]").TextContent));
        Assert.DoesNotContain(await policies.ListAsync(), p => p.Name == "unused-bunit");
    }

    [Fact]
    public async Task SearchKeepsThePoliciesWhoseNameOrTargetMatchesAndAHeaderSortsThem()
    {
        await LoadDemoAsync();
        SignInAs(PortalRoles.Auditor);
        RenderProviders();

        var page = Render<PoliciesPage>();
        page.WaitForAssertion(() => Assert.Contains("RCPFullAWSAccess", page.Find("[data-testid=policies]").TextContent));
        await page.InvokeAsync(() => page.Find("input[data-testid=policy-search]").Input("rcpfull"));

        page.WaitForAssertion(() =>
        {
            var row = Assert.Single(page.FindAll("[data-testid=policies] tbody tr"));
            Assert.Contains("RCPFullAWSAccess", row.TextContent);
        });
        await page.InvokeAsync(() => page.Find("input[data-testid=policy-search]").Input(""));
        await page.InvokeAsync(() => page.FindAll("[data-testid=policies] .mud-table-sort-label").First(l => l.TextContent.Contains("Name")).Click());
        page.WaitForAssertion(() =>
        {
            var names = page.FindAll("[data-testid=policies] tbody tr b").Select(b => b.TextContent).ToList();
            Assert.True(names.Count > 2);
            Assert.Equal(names.Order(StringComparer.CurrentCulture).ToList(), names);
        });
    }
}
