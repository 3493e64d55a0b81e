using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MirrorTower.E2E.Pages;

internal static class MudSelectExtensions
{
    /// <summary>
    /// Opens a MudSelect by its label and picks the option whose text is the given text, or else the first
    /// option that starts with it ("Sandbox" picks "Sandbox (2/5 SCPs)" but never "NonProd" for "Prod").
    /// </summary>
    public static async Task SelectAsync(this ILocator scope, IPage page, string label, string option)
    {
        await scope.GetByLabel(label, new() { Exact = true }).ClickAsync();
        var items = page.Locator(".mud-popover-open .mud-list-item");
        await items.First.WaitForAsync();
        var exact = items.Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(option)}\\s*$") });
        var chosen = await exact.CountAsync() > 0 ? exact.First : items.Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(option)}") }).First;
        await chosen.ClickAsync();
        await page.Locator(".mud-popover-open").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>Picks the first option whose text contains every one of the given parts.</summary>
    public static async Task SelectContainingAsync(this ILocator scope, IPage page, string label, params string[] parts)
    {
        await scope.GetByLabel(label, new() { Exact = true }).ClickAsync();
        var items = page.Locator(".mud-popover-open .mud-list-item");
        await items.First.WaitForAsync();
        foreach (var part in parts)
        {
            items = items.Filter(new() { HasText = part });
        }
        await items.First.ClickAsync();
        await page.Locator(".mud-popover-open").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }
}
