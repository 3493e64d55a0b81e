using MudBlazor;

namespace MirrorTower.Portal.Components.Shared;

/// <summary>
/// The question before a destructive action (delete, terminate, disable): a dialog naming what goes and what it takes
/// with it, the action on its button and "Keep" to back out. One wording for every page (issue #19, finding 3).
/// </summary>
public static class Confirmation
{
    /// <summary>True when the user confirmed.</summary>
    public static async Task<bool> AskAsync(IDialogService dialogs, string title, string consequence, string action) =>
        await dialogs.ShowMessageBoxAsync(title, consequence, yesText: action, cancelText: "Keep") == true;
}
