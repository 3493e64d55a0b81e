using Microsoft.AspNetCore.Components;

namespace MirrorTower.Portal.Features.Identity.Account;

/// <summary>Redirects from the statically rendered account pages, refusing open redirects.</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public void RedirectTo(string? uri) => navigationManager.NavigateTo(IsLocal(uri) ? uri! : "/");

    /// <summary>
    /// A path of this portal: one slash then not a second one or a backslash (browsers read <c>//host</c> and
    /// <c>/\host</c> as another host), no scheme (<c>javascript:</c>, <c>https:</c>) and no control character.
    /// </summary>
    public static bool IsLocal(string? uri) =>
        uri is ['/', ..] && (uri.Length == 1 || uri[1] is not ('/' or '\\')) && !uri.Any(char.IsControl);
}
