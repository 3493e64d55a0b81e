using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MirrorTower.E2E.Pages;

/// <summary>/account-factory: products, the launch wizard, requests; a provisioned product's page; the admin page.</summary>
public sealed class AccountFactoryPage(IPage page)
{
    public ILocator Wizard => page.GetByTestId("launch-wizard");
    public ILocator ProductStatus => page.GetByTestId("product-status");
    public ILocator RecordStatus => page.GetByTestId("record-status");
    public ILocator Approval => page.GetByTestId("record-approval");
    public ILocator Steps => page.GetByTestId("steps");
    public ILocator Pending => page.GetByTestId("pending-approvals");

    public async Task OpenAsync(string path = "/account-factory")
    {
        await page.GotoAsync(path);
        await new Shell(page).WaitForInteractiveAsync();
    }

    /// <summary>The wizard's Next: the server checks the step's fields before the next step opens.</summary>
    public Task NextAsync() => Wizard.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();

    public async Task RequestAccountAsync(string email, string name, string ou, string ssoEmail)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Launch AWS Control Tower Account Factory" }).ClickAsync();
        await Wizard.GetByLabel("Account e-mail").FillAsync(email);
        await Wizard.GetByLabel("Account name").FillAsync(name);
        await Wizard.SelectAsync(page, "Organizational unit", ou);
        await NextAsync();
        await Wizard.GetByLabel("Identity Center user e-mail").FillAsync(ssoEmail);
        await Wizard.GetByLabel("User's first name").FillAsync("Grace");
        await Wizard.GetByLabel("User's last name").FillAsync("Hopper");
        await NextAsync();
        await NextAsync();
        await Wizard.GetByRole(AriaRole.Button, new() { Name = "Request account" }).ClickAsync();
        await page.WaitForURLAsync("**/account-factory/products/**");
        await new Shell(page).WaitForInteractiveAsync();
    }
}
