using Microsoft.Playwright;
using MirrorTower.E2E.Infrastructure;
using MirrorTower.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.AccountFactory;

/// <summary>A Member requests an account, an Admin approves it, the Member watches it being vended and finds it governed.</summary>
public sealed class AccountVendingJourneyTests(DemoPortalServer server) : IClassFixture<DemoPortalServer>
{
    private const string MemberEmail = "dev-lead@e2e.example";
    private const string MemberPassword = "Member-Password-1";

    [Fact]
    public async Task AMembersRequestIsApprovedAndTheAccountArrivesInItsOuWithItsControls()
    {
        await server.CreateUserAsync(MemberEmail, MemberPassword, "Member");
        var member = await server.NewPageAsync();
        await new LoginPage(member).SignInAsync(MemberEmail, MemberPassword);
        var factory = new AccountFactoryPage(member);
        await factory.OpenAsync();

        await factory.RequestAccountAsync("team-rocket@e2e.example", "team-rocket", "Sandbox", "grace@e2e.example");
        await Expect(factory.Approval).ToContainTextAsync("Waiting for an admin's approval.");
        await Expect(factory.ProductStatus).ToHaveTextAsync("Under change");
        await member.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "account-factory-requested.png"), FullPage = true });

        var admin = await server.NewPageAsync();
        await new LoginPage(admin).SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var approvals = new AccountFactoryPage(admin);
        await approvals.OpenAsync("/account-factory/admin");
        var row = approvals.Pending.Locator("tr").Filter(new() { HasText = "team-rocket@e2e.example" });
        await admin.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "account-factory-approvals.png"), FullPage = true });
        await row.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(approvals.Pending).Not.ToContainTextAsync("team-rocket@e2e.example");

        // The Member's page follows the steps without a reload.
        await Expect(factory.RecordStatus).ToHaveTextAsync("In progress");
        await Expect(factory.Steps).ToContainTextAsync("Running");
        await member.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "account-factory-progress.png"), FullPage = true });
        await Expect(factory.ProductStatus).ToHaveTextAsync("Available");
        await Expect(factory.RecordStatus).ToHaveTextAsync("Succeeded");
        await Expect(factory.Approval).ToContainTextAsync($"Approved by {PortalServer.AdminEmail}");
        await member.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "account-factory-available.png"), FullPage = true });

        await member.GotoAsync("/organization");
        await new Shell(member).WaitForInteractiveAsync();
        var sandbox = member.GetByTestId("organization-tree").Locator(".mud-treeview-item").Filter(new() { Has = member.GetByTestId("ou-Sandbox") }).First;
        await Expect(sandbox).ToContainTextAsync("team-rocket");
        await member.GetByRole(AriaRole.Link, new() { Name = "team-rocket", Exact = true }).ClickAsync();
        await Expect(member.GetByTestId("controls-in-effect")).ToContainTextAsync("AWS-GR_REGION_DENY");
        await member.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "account-factory-account.png"), FullPage = true });
    }
}
