using Microsoft.AspNetCore.Components;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Organization.Drift;
using MudBlazor;

namespace MirrorTower.Portal.Features.Organization.Pages;

/// <summary>The organization tree: OUs with their SCP slots, controls and drift, accounts, and an Admin's OU actions.</summary>
public partial class OrganizationPage
{
    private OrganizationTree? _tree;
    private IReadOnlyList<DriftItem> _drift = [];
    private OuBranch.OuActions? _actions;

    [Inject] private OrganizationService Organization { get; set; } = default!;
    [Inject] private DriftService Drift { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override IReadOnlySet<ChangeArea> Watches { get; } = new HashSet<ChangeArea> { ChangeArea.Organization, ChangeArea.Policies, ChangeArea.Controls };

    protected override async Task LoadAsync()
    {
        _actions ??= new OuBranch.OuActions(ou => CreateOuAsync(ou.Id), RenameAsync, DeleteAsync, ReRegisterAsync);
        _tree = await Organization.GetTreeAsync();
        _drift = await Drift.DetectAsync();
    }

    private async Task ReRegisterAsync(OuView ou)
    {
        if (IsAdmin)
        {
            Report(await Drift.RepairAsync(await ActorAsync(), new(DriftRepair.ReRegisterOu, ou.Id)), ou.Registered ? $"{ou.Name} re-registered: its controls and accounts are governed again."
                : $"{ou.Name} registered with Control Tower: the mandatory controls are enabled.");
        }
    }

    private async Task CreateOuAsync(string? parentId)
    {
        if (!IsAdmin)
        {
            return;
        }
        var name = await AskNameAsync("Create OU", "");
        if (name is not null)
        {
            Report(await Organization.CreateOuAsync(await ActorAsync(), new NewOu(name, parentId)), $"OU {name} created and registered.");
        }
    }

    private async Task RenameAsync(OuView ou)
    {
        if (!IsAdmin)
        {
            return;
        }
        var name = await AskNameAsync($"Rename {ou.Name}", ou.Name);
        if (name is not null)
        {
            Report(await Organization.RenameOuAsync(await ActorAsync(), ou.Id, new OuRename(name)), $"Renamed to {name}.");
        }
    }

    private async Task DeleteAsync(OuView ou)
    {
        if (!IsAdmin)
        {
            return;
        }
        if (await Dialogs.ShowMessageBoxAsync("Delete OU", $"Delete {ou.Name}?", yesText: "Delete", cancelText: "Cancel") == true)
        {
            Report(await Organization.DeleteOuAsync(await ActorAsync(), ou.Id), $"OU {ou.Name} deleted.");
        }
    }

    private async Task<string?> AskNameAsync(string title, string current)
    {
        var dialog = await Dialogs.ShowAsync<OuNameDialog>(title, new DialogParameters<OuNameDialog> { { d => d.Name, current } });
        return await dialog.Result is { Canceled: false, Data: string name } ? name : null;
    }

    private void Report<T>(OperationResult<T> result, string success) =>
        Snackbar.Add(result.Succeeded ? success : result.Message ?? "Refused.", result.Succeeded ? Severity.Success : Severity.Error);
}
