using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Features.AccountFactory;
using MirrorTower.Portal.Features.AccountFactory.Pages;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Components;

/// <summary>The Account Factory pages on the demo (launches by Members need approval there).</summary>
public sealed class AccountFactoryPagesTests(PortalFactory factory) : ComponentTest(factory)
{
    private ProvisioningService Provisioning => Factory.Services.GetRequiredService<ProvisioningService>();

    private static Dictionary<string, string?> Parameters(string email) => new()
    {
        ["AccountEmail"] = email, ["AccountName"] = email.Split('@')[0], ["ManagedOrganizationalUnit"] = "Sandbox",
        ["SSOUserEmail"] = "owner@tests.example", ["SSOUserFirstName"] = "Ada", ["SSOUserLastName"] = "Lovelace",
    };

    [Fact]
    public async Task AMemberSeesTheProductItMayLaunchAndItsOwnRequestsOnly()
    {
        await LoadDemoAsync();
        var member = new Requester(new Actor("member-1", "member@tests.example", Actor.Ui), PortalRoles.Member, "member@tests.example");
        var other = new Requester(new Actor("member-2", "other@tests.example", Actor.Ui), PortalRoles.Member, "other@tests.example");
        await Provisioning.LaunchAsync(member, new LaunchRequest(null, Parameters("mine@tests.example")));
        await Provisioning.LaunchAsync(other, new LaunchRequest(null, Parameters("theirs@tests.example")));
        SignInAs(PortalRoles.Member, "member-1");
        RenderProviders();

        var page = Render<AccountFactoryPage>();

        page.WaitForAssertion(() => Assert.Contains("AWS Control Tower Account Factory", page.Find("[data-testid=launchable-product]").TextContent));
        Assert.Contains("launches need an admin's approval", page.Find("[data-testid=launchable-product]").TextContent);
        var requests = page.Find("[data-testid=provisioned-products]").TextContent;
        Assert.Contains("mine", requests);
        Assert.Contains("waiting for approval", requests);
        Assert.DoesNotContain("theirs", requests);
    }

    [Fact]
    public async Task TheLaunchWizardKeepsAStepWithAnEmptyRequiredFieldAndShowsTheServersMessage()
    {
        await LoadDemoAsync();
        SignInAs(PortalRoles.Member, "member-3");
        RenderProviders();
        var requester = new Requester(new Actor("member-3", "member@tests.example", Actor.Ui), PortalRoles.Member, "member@tests.example");
        var product = (await Provisioning.LaunchableAsync(requester)).Single();

        var wizard = Render<LaunchWizard>(p => p.Add(x => x.Product, product).Add(x => x.Ous, []).Add(x => x.Requester, requester));
        await wizard.InvokeAsync(() => wizard.FindAll("button").Single(b => b.TextContent.Trim() == "Next").Click());

        // Still on the first step, each message under its field; the Identity Center fields are not judged yet.
        wizard.WaitForAssertion(() => Assert.Contains("AccountEmail is required", wizard.Markup));
        Assert.Contains("ManagedOrganizationalUnit is required", wizard.Markup);
        Assert.DoesNotContain("SSOUserEmail is required", wizard.Markup);
        Assert.NotNull(wizard.Find("input[type=text]"));
        Assert.DoesNotContain(wizard.FindAll("button"), b => b.TextContent.Trim() == "Request account");
    }

    [Fact]
    public async Task AnAdminApprovesAPendingLaunchFromTheAdminPage()
    {
        await LoadDemoAsync();
        var member = new Requester(new Actor("member-4", "member4@tests.example", Actor.Ui), PortalRoles.Member, "member4@tests.example");
        var launched = await Provisioning.LaunchAsync(member, new LaunchRequest(null, Parameters("approve-me@tests.example")));
        SignInAs(PortalRoles.Admin);
        RenderProviders();
        var menu = Render<MirrorTower.Portal.Components.Layout.NavMenu>();
        var waiting = await Provisioning.PendingAsync();
        menu.WaitForAssertion(() => Assert.Equal(waiting.Count.ToString(), menu.Find("[data-testid=nav-count-account-factory-admin]").TextContent.Trim()));

        var page = Render<AccountFactoryAdminPage>();
        page.WaitForAssertion(() => Assert.Contains("approve-me@tests.example", page.Find("[data-testid=pending-approvals]").TextContent));
        var row = page.FindAll("[data-testid=pending-approvals] tbody tr").Single(r => r.TextContent.Contains("approve-me@tests.example"));
        await page.InvokeAsync(() => row.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Approve").Click());

        page.WaitForAssertion(() => Assert.DoesNotContain("approve-me@tests.example", page.Find("[data-testid=pending-approvals]").TextContent));
        Toasts.WaitForAssertion(() => Assert.Contains("approve-me approved", Toasts.Markup));
        // The navigation's count follows the approval without a reload (it is gone when nothing waits).
        menu.WaitForAssertion(() => Assert.Equal((waiting.Count - 1).ToString(),
            menu.FindAll("[data-testid=nav-count-account-factory-admin]").SingleOrDefault()?.TextContent.Trim() ?? "0"));
        var record = await Provisioning.RecordAsync(launched.Value!.LastRecord!.RecordId);
        Assert.Equal(MirrorTower.Portal.Features.AccountFactory.Model.ApprovalState.Approved, record!.Approval);
    }

    [Fact]
    public async Task AnAdminCreatesAProductOfferedInTheAccountFactoryPortfolio()
    {
        await LoadDemoAsync();
        SignInAs(PortalRoles.Admin);
        RenderProviders();
        var catalog = Factory.Services.GetRequiredService<CatalogService>();
        var view = await catalog.GetAsync();

        var forms = Render<CatalogForms>(p => p.Add(x => x.View, view).Add(x => x.ActorAsync, () => Task.FromResult(new Actor(null, PortalFactory.AdminEmail, Actor.Ui, Role: PortalRoles.Admin))));
        await forms.InvokeAsync(() => forms.FindAll("input")[0].Change("Sandbox account"));
        await forms.InvokeAsync(() => forms.FindAll("button").Single(b => b.TextContent.Trim() == "Create product").Click());

        var after = await catalog.GetAsync();
        var product = Assert.Single(after.Products, p => p.Name == "Sandbox account");
        Assert.Single(after.Artifacts, a => a.ProductId == product.Id && a.IsDefault);
    }
}
