using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Features.Identity.Users;
using MirrorTower.Portal.Tests.Infrastructure;
using MudBlazor;

namespace MirrorTower.Portal.Tests.Components;

public sealed class UsersPageTests(PortalFactory factory) : ComponentTest(factory)
{
    [Fact]
    public void ListsTheUsersOfTheDatabaseWithTheirRole()
    {
        SignInAs(PortalRoles.Admin);
        RenderProviders();

        var page = Render<UsersPage>();

        page.WaitForAssertion(() => Assert.Contains(PortalFactory.AdminEmail, page.Find("[data-testid=users-table]").TextContent));
        Assert.Contains("Active", page.Find("[data-testid=users-table]").TextContent);
    }

    [Fact]
    public async Task TheCreateDialogShowsTheServersMessageOnTheFieldAndSavesNothing()
    {
        SignInAs(PortalRoles.Admin);
        var dialogs = Render<MudDialogProvider>();
        var service = Services.GetRequiredService<IDialogService>();
        var actor = new Portal.Features.Audit.Actor(null, PortalFactory.AdminEmail, "UI", Role: PortalRoles.Admin);

        await dialogs.InvokeAsync(() => service.ShowAsync<CreateUserDialog>("Create user",
            new DialogParameters<CreateUserDialog> { { d => d.Actor, actor } }));
        // Each event on the renderer's thread, with the elements found again: a change re-renders the dialog, and a button
        // found before that render may carry a handler id the renderer no longer knows (the flake CI saw).
        await dialogs.InvokeAsync(() => dialogs.FindAll("input")[0].Change("dialog-user@tests.example"));
        await dialogs.InvokeAsync(() => dialogs.FindAll("input")[1].Change("short"));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Create").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("at least 10 characters", dialogs.Markup));
        var users = await Services.GetRequiredService<UserAdministration>().ListAsync();
        Assert.DoesNotContain(users, u => u.Email == "dialog-user@tests.example");
    }

    [Fact]
    public async Task TheCreateDialogCreatesAValidUser()
    {
        SignInAs(PortalRoles.Admin);
        var dialogs = Render<MudDialogProvider>();
        var service = Services.GetRequiredService<IDialogService>();
        var actor = new Portal.Features.Audit.Actor(null, PortalFactory.AdminEmail, "UI", Role: PortalRoles.Admin);

        var reference = await dialogs.InvokeAsync(() => service.ShowAsync<CreateUserDialog>("Create user",
            new DialogParameters<CreateUserDialog> { { d => d.Actor, actor } }));
        // Each event on the renderer's thread, with the elements found again: a change re-renders the dialog, and a button
        // found before that render may carry a handler id the renderer no longer knows (the flake CI saw).
        await dialogs.InvokeAsync(() => dialogs.FindAll("input")[0].Change("dialog-ok@tests.example"));
        await dialogs.InvokeAsync(() => dialogs.FindAll("input")[1].Change("Dialog-Password-1"));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Create").Click());

        var result = await reference.Result;
        Assert.False(result!.Canceled);
        Assert.Equal("Member", Assert.IsType<UserSummary>(result.Data).Role);
    }
}
