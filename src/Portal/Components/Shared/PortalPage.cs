using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Components.Shared;

/// <summary>
/// Base of the portal's pages: who acts (for the audit trail), whether they are an Admin, and a reload whenever a
/// committed change touches what the page shows (<see cref="Watches"/>), from this circuit or any other.
/// </summary>
public abstract class PortalPage : ComponentBase, IDisposable
{
    private IDisposable? _subscription;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private ChangeFeed Changes { get; set; } = default!;

    [Inject]
    private MudBlazor.IDialogService ConfirmDialogs { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    // What to bring into view once the next render has put it on the page (a decision, an explanation).
    private string? _revealAfterRender;

    /// <summary>
    /// Scrolls the element the selector names into the middle of the window after the next render: a result appears
    /// where the user is looking, not a screen above the button that asked for it (issue #19, finding 1).
    /// </summary>
    protected void RevealAfterRender(string selector) => _revealAfterRender = selector;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_revealAfterRender is { } selector)
        {
            _revealAfterRender = null;
            await Js.InvokeVoidAsync("mirrorTower.reveal", selector);
        }
    }

    /// <summary>Asks before a destructive action (<see cref="Confirmation"/>); true when the user confirmed.</summary>
    protected Task<bool> ConfirmAsync(string title, string consequence, string action) => Confirmation.AskAsync(ConfirmDialogs, title, consequence, action);

    /// <summary>The areas the page shows: a change elsewhere (a vending step, a network edit) does not reload it.</summary>
    protected abstract IReadOnlySet<ChangeArea> Watches { get; }

    protected bool IsAdmin { get; private set; }

    /// <summary>Admins and Members design networks and mirroring; Auditors read. The services enforce it again.</summary>
    protected bool CanDesign { get; private set; }

    protected async Task<Actor> ActorAsync() => Actor.From((await AuthenticationState).User, Actor.Ui);

    /// <summary>The signed-in user's role and e-mail with the actor, for the Account Factory's portfolio access.</summary>
    protected async Task<Features.Identity.Requester> RequesterAsync()
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
        _subscription = Changes.Subscribe(change =>
        {
            if (Shows(change))
            {
                _ = InvokeAsync(async () =>
                {
                    await LoadAsync();
                    StateHasChanged();
                });
            }
        });
    }

    /// <summary>Reads what the page shows; called first and after every change it <see cref="Shows"/>.</summary>
    protected abstract Task LoadAsync();

    /// <summary>Whether a change reloads the page: by default, any change of an area it watches.</summary>
    protected virtual bool Shows(Change change) => Watches.Contains(change.Area);

    public void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
