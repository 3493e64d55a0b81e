using System.Collections.Concurrent;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Organization.Model;
using MudBlazor;

namespace MirrorTower.Portal.Features.Controls;

/// <summary>An operation the user started in this browser tab, in words for its toasts.</summary>
public sealed record FollowedOperation(string OperationIdentifier, string Doing, string Done);

/// <summary>
/// One circuit's toasts for the control operations its user started: "Enabling … " while the worker runs, replaced by
/// the outcome when the operation ends, wherever the user has gone meanwhile (issue #19, finding 8: the toast used to
/// stay at IN_PROGRESS after the operation had succeeded).
/// </summary>
public sealed class ControlOperationToasts : IDisposable
{
    private readonly ISnackbar _snackbar;
    private readonly ControlService _controls;
    private readonly IDisposable _subscription;
    private readonly ConcurrentDictionary<string, (FollowedOperation Operation, Snackbar? Toast)> _following = new();

    public ControlOperationToasts(ISnackbar snackbar, ControlService controls, ChangeFeed changes)
    {
        _snackbar = snackbar;
        _controls = controls;
        _subscription = changes.Subscribe(change =>
        {
            if (change is { Area: ChangeArea.Controls, Id: { } id } && _following.ContainsKey(id))
            {
                _ = SettleAsync(id);
            }
        });
    }

    /// <summary>Shows the running toast and replaces it once the operation has ended (it may already have).</summary>
    public async Task FollowAsync(FollowedOperation operation)
    {
        var toast = _snackbar.Add($"{operation.Doing}…", Severity.Info, o => o.RequireInteraction = true);
        _following[operation.OperationIdentifier] = (operation, toast);
        await SettleAsync(operation.OperationIdentifier);
    }

    private async Task SettleAsync(string operationId)
    {
        var view = await _controls.GetOperationAsync(operationId);
        if (view is null or { Status: ControlOperationStatus.IN_PROGRESS } || !_following.TryRemove(operationId, out var followed))
        {
            return;
        }
        if (followed.Toast is not null)
        {
            _snackbar.Remove(followed.Toast);
        }
        if (view.Status == ControlOperationStatus.SUCCEEDED)
        {
            _snackbar.Add($"{followed.Operation.Done}.", Severity.Success);
        }
        else
        {
            _snackbar.Add($"{followed.Operation.Doing} failed: {view.StatusMessage}", Severity.Error, o => o.RequireInteraction = true);
        }
    }

    public void Dispose() => _subscription.Dispose();
}
