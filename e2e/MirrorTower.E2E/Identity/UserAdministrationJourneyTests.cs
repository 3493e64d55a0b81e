using Microsoft.Playwright;
using MirrorTower.E2E.Infrastructure;
using MirrorTower.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Identity;

[Collection(PortalCollection.Name)]
public sealed class UserAdministrationJourneyTests(PortalServer server)
{
    [Fact]
    public async Task AdminCreatesAMemberWhoIsRefusedTheAdminPageAndTheAuditShowsBoth()
    {
        var memberEmail = $"member-{Guid.NewGuid():N}"[..15] + "@e2e.example";
        const string memberPassword = "E2e-Member-Password-1";
        var page = await server.NewPageAsync();
        var login = new LoginPage(page);
        var shell = new Shell(page);
        var users = new UsersAdminPage(page);
        var audit = new AuditTrailPage(page);

        // The bootstrap administrator signs in and creates a Member.
        await login.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await Expect(shell.SignedInUser).ToHaveTextAsync(PortalServer.AdminEmail);
        await users.OpenAsync();
        await users.CreateAsync(memberEmail, memberPassword);
        await Expect(users.Dialog).ToHaveCountAsync(0);
        await Expect(users.Table).ToContainTextAsync(memberEmail);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "users.png") });
        await shell.WaitForInteractiveAsync();
        await shell.SignOutAsync();

        // The Member signs in, sees no administration, and is refused the user-admin page by the server.
        await login.SignInAsync(memberEmail, memberPassword);
        await Expect(shell.Role).ToHaveTextAsync("Member");
        await Expect(shell.NavLink("Users")).ToHaveCountAsync(0);
        await page.GotoAsync("/admin/users");
        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("users-table")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "access-denied.png") });

        // The administrator finds both the creation and the refused attempt in the audit trail.
        await login.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await audit.OpenAsync();
        await Expect(audit.Row("iam:CreateUser", memberEmail, "Succeeded")).ToHaveCountAsync(1);
        await audit.FilterByUserAsync(memberEmail);
        await Expect(audit.Row("portal:OpenPage", "GET /admin/users", "Denied")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "audit.png"), FullPage = true });
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedWithAMessageAndAudited()
    {
        var page = await server.NewPageAsync();
        var login = new LoginPage(page);

        await login.SignInAsync(PortalServer.AdminEmail, "Not-The-Password-1");

        await Expect(login.Error).ToContainTextAsync("Invalid sign-in");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "login-error.png") });
        await login.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var audit = new AuditTrailPage(page);
        await audit.OpenAsync();
        await Expect(audit.Row("signin:ConsoleLogin", PortalServer.AdminEmail, "Failed").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnAuditorChecksTheTrailAndFindsItIntact()
    {
        var page = await server.NewPageAsync();
        await new LoginPage(page).SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var audit = new AuditTrailPage(page);
        await audit.OpenAsync();
        await new Shell(page).WaitForInteractiveAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Check the trail" }).ClickAsync();

        await Expect(page.GetByTestId("audit-verification")).ToContainTextAsync("Intact:");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "audit-verified.png") });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "audit-verified-390.png"), FullPage = true });
    }

    [Fact]
    public async Task AnAnonymousVisitorIsSentToTheSignInPage()
    {
        var page = await server.NewPageAsync();

        await page.GotoAsync("/audit");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login\\?ReturnUrl=%2Faudit"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task DarkModeTogglesAndIsRemembered()
    {
        var page = await server.NewPageAsync();
        var shell = new Shell(page);
        await new LoginPage(page).SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await shell.WaitForInteractiveAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark mode" }).ClickAsync();
        // The preference is written by the server's call back into the page; reload only once it is stored.
        await page.WaitForFunctionAsync("() => localStorage.getItem('mirrortower-dark') === 'true'");
        await page.ReloadAsync();
        await shell.WaitForInteractiveAsync();

        await page.WaitForFunctionAsync(
            "() => getComputedStyle(document.documentElement).getPropertyValue('--mud-native-html-color-scheme').trim() === 'dark'");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "home-dark.png") });
    }
}
