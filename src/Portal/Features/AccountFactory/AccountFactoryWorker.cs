using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.AccountFactory.Model;
using MirrorTower.Portal.Features.Organization;

namespace MirrorTower.Portal.Features.AccountFactory;

/// <summary>Wakes the worker when a record is submitted or approved, instead of waiting for its next look.</summary>
public sealed class AccountFactorySignal
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Notify() => _signal.Release();

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// Runs provisioning records, at most <see cref="AccountFactoryOptions.MaxConcurrentOperations"/> at once; the others
/// stay CREATED (queued). Each step is persisted before and after it runs, so after a crash the records that were
/// IN_PROGRESS resume from their first unfinished step, and that step (idempotent) runs again.
/// </summary>
public sealed class AccountFactoryWorker(
    IDbContextFactory<PortalDbContext> dbFactory,
    ProvisioningSteps steps,
    AccountFactoryFaults faults,
    AccountFactorySignal signal,
    OrganizationEvents events,
    IOptions<AccountFactoryOptions> options,
    ILogger<AccountFactoryWorker> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Task> _running = new();

    // Products are reconciled with their accounts after the organization changes (and once at start), not at every look.
    private volatile bool _reconcile = true;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = events.Subscribe(() =>
        {
            _reconcile = true;
            signal.Notify();
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await FillAsync(stoppingToken);
                await signal.WaitAsync(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "The Account Factory worker failed to pick work; it tries again.");
                await Task.Delay(1000, stoppingToken);
            }
        }
        await Task.WhenAll(_running.Values);
    }

    private async Task FillAsync(CancellationToken stoppingToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
        if (_reconcile)
        {
            _reconcile = false;
            if (await ProductReconciler.ReconcileAsync(db, stoppingToken))
            {
                events.Publish();
            }
        }
        var slots = options.Value.MaxConcurrentOperations - _running.Count;
        if (slots <= 0)
        {
            return;
        }
        // Records already IN_PROGRESS (resumed after a restart) first, then the queue in order of submission.
        var resumed = await db.ProvisioningRecords.Where(r => r.Status == RecordStatus.IN_PROGRESS).Select(r => r.Id).ToListAsync(stoppingToken);
        var queued = await db.ProvisioningRecords
            .Where(r => r.Status == RecordStatus.CREATED && (r.Approval == ApprovalState.NotRequired || r.Approval == ApprovalState.Approved))
            .OrderBy(r => r.CreatedUtc).Select(r => r.Id).Take(slots + _running.Count).ToListAsync(stoppingToken);
        foreach (var id in resumed.Concat(queued).Where(id => !_running.ContainsKey(id)).Take(slots))
        {
            var task = new TaskCompletionSource();
            if (_running.TryAdd(id, task.Task))
            {
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await RunAsync(id, stoppingToken);
                    }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                    {
                        // Stopping: the record stays IN_PROGRESS and resumes at the next start.
                    }
                    catch (Exception exception)
                    {
                        logger.LogError(exception, "Record {Record} stopped unexpectedly; it resumes at the next start.", id);
                    }
                    finally
                    {
                        _running.TryRemove(id, out _);
                        task.SetResult();
                        signal.Notify();
                    }
                }, CancellationToken.None);
            }
        }
    }

    private async Task RunAsync(string recordId, CancellationToken stoppingToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
        var record = await db.ProvisioningRecords.Include(r => r.Steps).FirstAsync(r => r.Id == recordId, stoppingToken);
        var product = await db.ProvisionedProducts.FirstAsync(p => p.Id == record.ProvisionedProductId, stoppingToken);
        if (record.Status == RecordStatus.CREATED)
        {
            record.Status = RecordStatus.IN_PROGRESS;
            product.Status = ProvisionedProductStatus.UNDER_CHANGE;
            product.StatusMessage = $"{record.Type} in progress.";
            record.UpdatedUtc = DateTime.UtcNow;
            await db.SaveChangesAsync(stoppingToken);
            events.Publish();
        }
        var changed = false;
        foreach (var step in record.Steps.OrderBy(s => s.Order).Where(s => s.Status != StepStatus.Succeeded))
        {
            step.Status = StepStatus.Running;
            step.Attempts++;
            step.StartedUtc = DateTime.UtcNow;
            record.UpdatedUtc = DateTime.UtcNow;
            await db.SaveChangesAsync(stoppingToken);
            events.Publish();
            await Task.Delay(options.Value.Realistic ? StepNames.RealisticDuration(step.Name) : TimeSpan.FromMilliseconds(options.Value.StepDelayMilliseconds), stoppingToken);
            try
            {
                faults.ThrowIfInjected(step.Name, record.Parameters.GetValueOrDefault(AccountParameters.AccountEmail));
                step.Message = await steps.RunAsync(db, record, product, step.Name);
                step.Status = StepStatus.Succeeded;
                step.EndedUtc = DateTime.UtcNow;
                await db.SaveChangesAsync(stoppingToken);
                changed |= step.Name is StepNames.MoveToOu or StepNames.CreateAccount or StepNames.Unmanage;
                events.Publish();
            }
            catch (Exception exception) when (exception is StepFailedException or DbUpdateException)
            {
                var reason = exception is DbUpdateException ? $"The change conflicted with another one: {exception.InnerException?.Message ?? exception.Message}" : exception.Message;
                await FailAsync(recordId, step.Name, reason, changed, stoppingToken);
                return;
            }
        }
        record.Status = RecordStatus.SUCCEEDED;
        record.UpdatedUtc = DateTime.UtcNow;
        product.Status = ProvisionedProductStatus.AVAILABLE;
        product.StatusMessage = record.Type switch
        {
            RecordType.TERMINATE_PROVISIONED_PRODUCT => "Terminated: the account left governance; it is not closed.",
            RecordType.UPDATE_PROVISIONED_PRODUCT => $"Updated: the account is in {record.Parameters[AccountParameters.ManagedOrganizationalUnit]}.",
            _ => $"Account {product.AccountId} is governed in {record.Parameters[AccountParameters.ManagedOrganizationalUnit]}.",
        };
        if (record.Type == RecordType.TERMINATE_PROVISIONED_PRODUCT)
        {
            product.TerminatedUtc = DateTime.UtcNow;
            product.ReservedEmail = null;
        }
        else
        {
            product.Parameters = record.Parameters;
        }
        await db.SaveChangesAsync(stoppingToken);
        events.Publish();
    }

    /// <summary>
    /// A step that cannot complete fails the record with the reason. The product shows ERROR, or TAINTED when an update
    /// had already changed the account; a launch that failed before creating its account releases its e-mail.
    /// </summary>
    private async Task FailAsync(string recordId, string stepName, string reason, bool changed, CancellationToken stoppingToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
        var record = await db.ProvisioningRecords.Include(r => r.Steps).FirstAsync(r => r.Id == recordId, stoppingToken);
        var product = await db.ProvisionedProducts.FirstAsync(p => p.Id == record.ProvisionedProductId, stoppingToken);
        var step = record.Steps.Single(s => s.Name == stepName);
        step.Status = StepStatus.Failed;
        step.EndedUtc = DateTime.UtcNow;
        step.Message = reason;
        record.Status = RecordStatus.FAILED;
        record.Message = $"{stepName} failed: {reason}";
        record.UpdatedUtc = DateTime.UtcNow;
        (product.Status, product.StatusMessage) = record.Type switch
        {
            RecordType.UPDATE_PROVISIONED_PRODUCT when changed => (ProvisionedProductStatus.TAINTED, $"The update failed after it changed the account: {record.Message}"),
            RecordType.UPDATE_PROVISIONED_PRODUCT => (ProvisionedProductStatus.AVAILABLE, $"The update failed and changed nothing: {record.Message}"),
            _ => (ProvisionedProductStatus.ERROR, record.Message),
        };
        if (record.Type == RecordType.PROVISION_PRODUCT && product.AccountId is null)
        {
            product.ReservedEmail = null;
        }
        await db.SaveChangesAsync(stoppingToken);
        logger.LogWarning("Record {Record} failed at {Step}: {Reason}", recordId, stepName, reason);
        events.Publish();
    }
}
