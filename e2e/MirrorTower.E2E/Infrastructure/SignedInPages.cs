using Microsoft.Playwright;
using MirrorTower.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Infrastructure;

public static class SignedInPages
{
    /// <summary>A new browser context signed in as the bootstrap Admin, once the app bar names them.</summary>
    public static async Task<IPage> AdminPageAsync(this PortalServer server)
    {
        var page = await server.NewPageAsync();
        await new LoginPage(page).SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await Expect(new Shell(page).SignedInUser).ToBeVisibleAsync();
        return page;
    }
}
