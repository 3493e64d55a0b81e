using Microsoft.Playwright;

namespace MirrorTower.E2E.Pages;

public sealed class UsersAdminPage(IPage page)
{
    public ILocator Table => page.GetByTestId("users-table");

    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/users");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create user" })).ToBeEnabledAsync();
    }

    public async Task CreateAsync(string email, string password)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("E-mail").FillAsync(email);
        await dialog.GetByLabel("Initial password").FillAsync(password);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
    }

    public ILocator Dialog => page.GetByRole(AriaRole.Dialog);
}
