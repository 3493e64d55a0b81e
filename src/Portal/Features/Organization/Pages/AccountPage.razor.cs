using Microsoft.AspNetCore.Components;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Compliance;
using MirrorTower.Portal.Features.Organization.Actions;
using MudBlazor;

namespace MirrorTower.Portal.Features.Organization.Pages;

/// <summary>One account: its OU path, SCPs per level, controls in effect and their status, resources, and AWS calls checked by the SCPs.</summary>
public partial class AccountPage
{
    [Inject] private OrganizationService Organization { get; set; } = default!;
    [Inject] private AccountActions Actions { get; set; } = default!;
    [Inject] private ResourceService Resources { get; set; } = default!;
    [Inject] private ComplianceQueries Compliance { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    protected override IReadOnlySet<ChangeArea> Watches { get; } = new HashSet<ChangeArea> { ChangeArea.Organization, ChangeArea.Policies, ChangeArea.Controls, ChangeArea.Resources };

    private AccountDetail? _detail;
    private IReadOnlyList<ResourceView> _resources = [];
    private AccountCompliance? _compliance;
    private AccountActionResult? _result;
    private string? _principal, _accountAction, _region, _error;
    private bool _loaded;

    [Parameter]
    public string AccountId { get; set; } = "";

    protected override async Task LoadAsync()
    {
        _detail = await Organization.GetAccountAsync(AccountId);
        _resources = await Resources.ListAsync(AccountId) ?? [];
        _compliance = await Compliance.AccountAsync(AccountId);
        _principal ??= AccountActions.UserPrincipal(AccountId);
        _region ??= "eu-west-1";
        _loaded = true;
    }

    private Color ComplianceColor() => _compliance?.Status switch
    {
        "Compliant" => Color.Success,
        "Noncompliant" => Color.Error,
        _ => Color.Default,
    };

    /// <summary>Preventive controls are Enforced; detective ones Clear, In violation, or INSUFFICIENT_DATA.</summary>
    private string StatusOf(ControlInEffect control) => control.Behavior switch
    {
        "Preventive" => "Enforced",
        "Detective" => _compliance?.Controls.FirstOrDefault(c => c.ControlIdentifier == control.ControlIdentifier) is { } found
            ? found.Noncompliant > 0 ? $"In violation ({found.Noncompliant})" : found.Status
            : "INSUFFICIENT_DATA",
        _ => "Not evaluated",
    };

    private List<BreadcrumbItem> Breadcrumbs() =>
    [
        new("Organization", "/organization"),
        .. _detail!.Path.Select(o => new BreadcrumbItem(o.Name, null, disabled: true)),
        new(_detail.Account.Name, null, disabled: true),
    ];

    private async Task EditAsync(ResourceView? resource)
    {
        if (!IsAdmin)
        {
            return;
        }
        var dialog = await Dialogs.ShowAsync<ResourceDialog>(resource is null ? "Add resource" : $"Settings of {resource.Name}",
            new DialogParameters<ResourceDialog> { { d => d.Actor, await ActorAsync() }, { d => d.AccountId, AccountId }, { d => d.Resource, resource } });
        await dialog.Result;
        await LoadAsync();
    }

    private async Task DeployAsync()
    {
        if (!IsAdmin)
        {
            return;
        }
        var dialog = await Dialogs.ShowAsync<StackDialog>("Deploy a CloudFormation template",
            new DialogParameters<StackDialog> { { d => d.Actor, await ActorAsync() }, { d => d.AccountId, AccountId }, { d => d.Region, _region } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true });
        await dialog.Result;
        await LoadAsync();
    }

    private async Task DeleteAsync(ResourceView resource)
    {
        if (!IsAdmin || !await ConfirmAsync($"Delete {resource.Name}?", $"{resource.Type} {resource.Arn} leaves the inventory with its findings; the SCPs decide the delete call first.", "Delete"))
        {
            return;
        }
        var result = await Resources.DeleteAsync(await ActorAsync(), AccountId, resource.Id, _principal);
        _error = result.Succeeded ? null : result.Message;
        await LoadAsync();
    }

    /// <summary>Runs a call on a resource (its ARN), or on the account in the chosen Region when there is none.</summary>
    private async Task ActAsync(string? action, string? resourceArn)
    {
        if (!IsAdmin)
        {
            return;
        }
        var outcome = await Actions.PerformAsync(await ActorAsync(), AccountId, new AccountActionRequest
        {
            Action = action,
            ResourceArn = resourceArn,
            Region = resourceArn is null ? _region : null,
            PrincipalArn = _principal,
        });
        _result = outcome.Value;
        _error = outcome.Succeeded ? null : outcome.Message;
        await LoadAsync();
        if (_result is not null)
        {
            RevealAfterRender("[data-testid=action-result]");
        }
    }
}
