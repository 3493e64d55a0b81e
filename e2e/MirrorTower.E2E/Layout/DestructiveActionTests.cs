using Microsoft.Playwright;
using MirrorTower.E2E.Infrastructure;
using MirrorTower.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Layout;

/// <summary>
/// A destructive action asks first, names what goes, and "Keep" changes nothing (issue #19, finding 3): a mirror
/// session on the mirroring page, a VPC on the network page, a user's access on the users page.
/// </summary>
public sealed class DestructiveActionTests(DemoPortalServer server) : IClassFixture<DemoPortalServer>
{
    [Fact]
    public async Task DeletingASessionAsksFirstAndKeepLeavesItInPlace()
    {
        var page = await server.AdminPageAsync();
        await new MirroringPage(page).OpenAsync();
        var delete = page.GetByRole(AriaRole.Button, new() { Name = "Delete session 1 of web-1" });
        var dialog = page.GetByRole(AriaRole.Dialog);

        await delete.ClickAsync();
        await Expect(dialog).ToContainTextAsync("Delete session 1?");
        await Expect(dialog).ToContainTextAsync("its target and filter stay");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.ArtifactsDirectory, "confirm-delete-session.png") });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(delete).ToBeVisibleAsync();

        await delete.ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(delete).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task DeletingAVpcAndDisablingAUserAskFirst()
    {
        var page = await server.AdminPageAsync();
        await page.GotoAsync("/network");
        await new Shell(page).WaitForInteractiveAsync();
        var deleteVpc = page.GetByRole(AriaRole.Button, new() { Name = "Delete VPC" }).First;
        var dialog = page.GetByRole(AriaRole.Dialog);
        await deleteVpc.ClickAsync();
        await Expect(dialog).ToContainTextAsync("Its subnets go with it");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await server.CreateUserAsync("keep-me@e2e.example", "Keep-Me-Password-1", "Member");
        var users = new UsersAdminPage(page);
        await users.OpenAsync();
        var row = users.Table.Locator("tr").Filter(new() { HasText = "keep-me@e2e.example" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("Disable keep-me@e2e.example?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep" }).ClickAsync();
        await Expect(row).Not.ToContainTextAsync("Disabled");
        await row.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Disabled");
    }
}
