using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Components.Shared;

/// <summary>
/// Base of the organization pages: who acts (for the audit trail), whether they are an Admin, and a reload
/// whenever the organization changes, from this circuit or any other (operations, drift, other users).
/// </summary>
public abstract class PortalPage : ComponentBase, IDisposable
{
    private IDisposable? _subscription;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private OrganizationEvents Events { get; set; } = default!;

    protected bool IsAdmin { get; private set; }

    /// <summary>Admins and Members design networks and mirroring; Auditors read. The services enforce it again.</summary>
    protected bool CanDesign { get; private set; }

    protected async Task<Actor> ActorAsync() => Actor.From((await AuthenticationState).User, Actor.Ui);

    /// <summary>The signed-in user's role and e-mail with the actor, for the Account Factory's portfolio access.</summary>
    protected async Task<Features.AccountFactory.Requester> RequesterAsync()
    {
        var user = (await AuthenticationState).User;
        return new(await ActorAsync(), user.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value ?? "",
            user.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value ?? user.Identity?.Name ?? "");
    }

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        IsAdmin = (await Authorization.AuthorizeAsync(user, Policies.Admin)).Succeeded;
        CanDesign = (await Authorization.AuthorizeAsync(user, Policies.Builder)).Succeeded;
        await LoadAsync();
        _subscription = Events.Subscribe(() => _ = InvokeAsync(async () =>
        {
            await LoadAsync();
            StateHasChanged();
        }));
    }

    /// <summary>Reads what the page shows; called first and after every change of the organization.</summary>
    protected abstract Task LoadAsync();

    public void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
