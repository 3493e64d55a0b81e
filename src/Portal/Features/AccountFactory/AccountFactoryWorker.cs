using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Data.Cluster;
using MirrorTower.Portal.Features.Audit;
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
/// Runs provisioning records, at most <see cref="AccountFactoryOptions.MaxConcurrentOperations"/> IN_PROGRESS at once
/// across every instance on the database; the others stay CREATED (queued). An instance takes records with leases, in
/// one serialized change that counts what is in progress cluster-wide, renews them while it works and gives them up
/// when a record ends. Each step is persisted before and after it runs, so a record whose instance died (its lease
/// expired) is taken by another instance, or by the same one restarted, and resumes from its first unfinished step,
/// which (idempotent) runs again.
/// </summary>
public sealed class AccountFactoryWorker(
    IDbContextFactory<PortalDbContext> dbFactory,
    ClusterMember member,
    ChangePipeline changes,
    ProvisioningSteps steps,
    AccountFactoryFaults faults,
    AccountFactorySignal signal,
    ChangeFeed feed,
    IOptions<AccountFactoryOptions> options,
    TimeProvider time,
    ILogger<AccountFactoryWorker> logger) : BackgroundService
{
    // The worker acts for the users whose requests it carries out; their roles were checked when they asked.
    private static readonly Actor Worker = new(null, "Account Factory", "System", Role: Identity.PortalRoles.Admin);

    private readonly ConcurrentDictionary<string, Task> _running = new();

    // Products are reconciled with their accounts after someone else changed the organization (and once at start),
    // not at every look, and not after the worker's own steps, which keep their products in line.
    private volatile bool _reconcile = true;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe(change =>
        {
            if (change.Area == ChangeArea.Organization && !ReferenceEquals(change.Origin, this))
            {
                _reconcile = true;
                signal.Notify();
            }
            else if (change.Area == ChangeArea.AccountFactory && ReferenceEquals(change.Origin, ChangeRelay.Remote))
            {
                // Another instance submitted, approved or ended a record: there may be work, or a free slot, here.
                signal.Notify();
            }
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
        if (_reconcile)
        {
            _reconcile = false;
            await ChangeAsync("servicecatalog:ReconcileProvisionedProducts", "provisioned-products", async change =>
            {
                if (await ProductReconciler.ReconcileAsync(change.Db, stoppingToken) is { Count: > 0 } changed)
                {
                    foreach (var id in changed)
                    {
                        change.Touches(ChangeArea.AccountFactory, id);
                    }
                }
            });
        }
        await RenewLeasesAsync();
        var capacity = options.Value.MaxConcurrentOperations - _running.Count;
        if (capacity <= 0 || !await WorkWaitingAsync(stoppingToken))
        {
            return;
        }
        var claimed = await ClaimAsync(capacity);
        foreach (var id in claimed)
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
                    catch (LeaseLostException exception)
                    {
                        logger.LogWarning("{Message} This instance stops working on it.", exception.Message);
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

    /// <summary>Whether a record could be taken: a runnable one is queued, or one in progress has no live lease here.</summary>
    private async Task<bool> WorkWaitingAsync(CancellationToken stoppingToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
        var now = time.GetUtcNow().UtcDateTime;
        var running = _running.Keys.ToList();
        return await db.ProvisioningRecords.AnyAsync(ProvisioningRecord.Queued, stoppingToken)
            || await db.ProvisioningRecords.AnyAsync(r => r.Status == RecordStatus.IN_PROGRESS && !running.Contains(r.Id)
                && (r.LeaseHolder == null || r.LeaseExpiresUtc < now || r.LeaseHolder == member.Id), stoppingToken);
    }

    /// <summary>
    /// Takes records for this instance in one serialized change: first those IN_PROGRESS whose instance is gone (their
    /// lease expired) or that this instance holds but no longer runs (it restarted under its name); then queued ones in
    /// order of submission, only while fewer than the maximum are IN_PROGRESS in the whole cluster.
    /// </summary>
    private async Task<IReadOnlyList<string>> ClaimAsync(int capacity)
    {
        var result = await changes.RunAsync(Worker, new ChangeSpec("servicecatalog:ClaimRecords", member.Id, Clearance.Admin), async change =>
        {
            change.Origin = this;
            var now = change.Now;
            var until = now + member.Lease;
            var inProgress = await change.Db.ProvisioningRecords.Where(r => r.Status == RecordStatus.IN_PROGRESS).ToListAsync();
            var claimed = inProgress.Where(r => !_running.ContainsKey(r.Id) && r.Claimable(member.Id, now)).Take(capacity).ToList();
            var free = Math.Min(capacity - claimed.Count, options.Value.MaxConcurrentOperations - inProgress.Count);
            if (free > 0)
            {
                var queued = await change.Db.ProvisioningRecords.Where(ProvisioningRecord.Queued).OrderBy(r => r.CreatedUtc).Take(free).ToListAsync();
                foreach (var record in queued)
                {
                    record.Start(now);
                    var product = await change.Db.ProvisionedProducts.FirstAsync(p => p.Id == record.ProvisionedProductId);
                    product.Note($"{record.Type} in progress.");
                    change.Touches(ChangeArea.AccountFactory, record.Id);
                }
                claimed.AddRange(queued);
            }
            foreach (var record in claimed)
            {
                record.Lease(member.Id, until);
            }
            return change.SucceedWithOwnAudit<IReadOnlyList<string>>(claimed.Select(r => r.Id).ToList());
        });
        return result.Value ?? [];
    }

    private DateTime _renewedUtc;

    /// <summary>Keeps the leases of the records running here alive between steps (a realistic step takes minutes).</summary>
    private async Task RenewLeasesAsync()
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (_running.IsEmpty || now - _renewedUtc < member.Lease / 3)
        {
            return;
        }
        _renewedUtc = now;
        var ids = _running.Keys.ToList();
        await ChangeAsync("servicecatalog:RenewRecordLeases", member.Id, async change =>
        {
            foreach (var record in await change.Db.ProvisioningRecords.Where(r => ids.Contains(r.Id) && r.LeaseHolder == member.Id).ToListAsync())
            {
                record.Lease(member.Id, change.Now + member.Lease);
            }
        });
    }

    /// <summary>
    /// Runs the record's unfinished steps in order. Each step's completion and the next step's start are one change
    /// (the last step's completion ends the record), so a record takes one serialized write per step; the step is
    /// Running, with its attempt counted, before its work begins, so that a crash restarts it.
    /// </summary>
    private async Task RunAsync(string recordId, CancellationToken stoppingToken)
    {
        var pending = (await OnRecordAsync(recordId, (record, product, change) =>
        {
            var names = record.Steps.OrderBy(s => s.Order).Where(s => s.Status != StepStatus.Succeeded).Select(s => s.Name).ToList();
            if (names.Count > 0)
            {
                record.StartStep(names[0], change.Now);
            }
            else
            {
                Finish(record, product, change.Now);
            }
            return Task.FromResult<IReadOnlyList<string>>(names);
        })).Value ?? [];
        var changedAccount = false;
        for (var i = 0; i < pending.Count; i++)
        {
            var step = ProvisioningStepTable.Named(pending[i]);
            await Task.Delay(options.Value.Realistic ? step.RealisticDuration : TimeSpan.FromMilliseconds(options.Value.StepDelayMilliseconds), stoppingToken);
            var failure = await RunStepAsync(recordId, step, i + 1 < pending.Count ? pending[i + 1] : null);
            if (failure is not null)
            {
                await FailAsync(recordId, step.Name, failure, changedAccount);
                return;
            }
            changedAccount |= step.Touches.Contains(ChangeArea.Organization);
        }
    }

    /// <summary>Every step succeeded: the record succeeds and the product matches its account.</summary>
    private static void Finish(ProvisioningRecord record, ProvisionedProduct product, DateTime now)
    {
        record.Succeed(now);
        var ou = record.Parameters.GetValueOrDefault(AccountParameters.ManagedOrganizationalUnit);
        switch (record.Type)
        {
            case RecordType.TERMINATE_PROVISIONED_PRODUCT:
                product.Terminate("Terminated: the account left governance; it is not closed.", now);
                break;
            case RecordType.UPDATE_PROVISIONED_PRODUCT:
                product.Settle($"Updated: the account is in {ou}.");
                break;
            default:
                product.Settle($"Account {product.AccountId} is governed in {ou}.");
                break;
        }
        if (record.Type != RecordType.TERMINATE_PROVISIONED_PRODUCT)
        {
            product.Parameters = record.Parameters;
            product.TargetOuId = record.TargetOuId;
        }
    }

    /// <summary>
    /// Runs one step and, in the same change, records its completion and starts <paramref name="next"/> (or ends the
    /// record when there is none); null when it succeeded, else why it failed.
    /// </summary>
    private async Task<string?> RunStepAsync(string recordId, ProvisioningStep step, string? next)
    {
        try
        {
            string? outcome = null;
            if (step.OwnTransaction)
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                outcome = await step.Run(steps, await ContextAsync(db, recordId, time.GetUtcNow().UtcDateTime));
            }
            var completed = await OnRecordAsync(recordId, async (record, product, change) =>
            {
                faults.ThrowIfInjected(step.Name, record.Parameters.GetValueOrDefault(AccountParameters.AccountEmail));
                var message = outcome ?? await step.Run(steps, await ContextAsync(change.Db, record, product, change.Now));
                var now = change.Now;
                record.CompleteStep(step.Name, message, now);
                if (next is not null)
                {
                    record.StartStep(next, now);
                }
                else
                {
                    Finish(record, product, now);
                }
                foreach (var area in step.Touches)
                {
                    change.Touches(area, record.AccountId);
                }
                return (string?)message;
            }, failure: true);
            return completed.Succeeded ? null : completed.Message;
        }
        catch (StepFailedException exception)
        {
            return exception.Message;
        }
    }

    /// <summary>
    /// A step that cannot complete fails the record with the reason. The product shows ERROR, or TAINTED when an update
    /// had already changed the account; a launch that failed before creating its account releases its e-mail.
    /// </summary>
    private async Task FailAsync(string recordId, string stepName, string reason, bool changed)
    {
        await OnRecordAsync<bool>(recordId, (record, product, change) =>
        {
            record.Fail(stepName, reason, change.Now);
            switch (record.Type)
            {
                case RecordType.UPDATE_PROVISIONED_PRODUCT when changed:
                    product.MarkTainted(TaintCause.FailedUpdate, $"The update failed after it changed the account: {record.Message}");
                    break;
                case RecordType.UPDATE_PROVISIONED_PRODUCT:
                    product.Settle($"The update failed and changed nothing: {record.Message}");
                    break;
                default:
                    product.MarkError(record.Message!);
                    break;
            }
            return Task.FromResult(true);
        });
        logger.LogWarning("Record {Record} failed at {Step}: {Reason}", recordId, stepName, reason);
    }

    /// <summary>
    /// One transition of a record and its product through the change pipeline, published as a change of the record.
    /// With <paramref name="failure"/>, a step's refusal (or a unique index refusing its writes) is answered as a
    /// failed result carrying the reason instead of thrown.
    /// </summary>
    private async Task<OperationResult<T>> OnRecordAsync<T>(string recordId, Func<ProvisioningRecord, ProvisionedProduct, PendingChange, Task<T>> transition, bool failure = false)
    {
        var result = await changes.RunAsync(Worker, new ChangeSpec("servicecatalog:RunRecord", recordId, Clearance.Admin), async change =>
        {
            change.Origin = this;
            change.UniqueConflict = new FieldErrors().Add("record", "The step conflicted with another change (an e-mail or name another request took first).");
            var record = await change.Db.ProvisioningRecords.Include(r => r.Steps).FirstAsync(r => r.Id == recordId);
            var product = await change.Db.ProvisionedProducts.FirstAsync(p => p.Id == record.ProvisionedProductId);
            if (record.LeaseHolder != member.Id)
            {
                // This instance stalled past its lease and another took the record: it stops here, changing nothing.
                throw new LeaseLostException($"Record {recordId} is now run by {record.LeaseHolder ?? "no instance"}.");
            }
            record.Lease(member.Id, change.Now + member.Lease);
            try
            {
                var value = await transition(record, product, change);
                change.Touches(ChangeArea.AccountFactory, recordId);
                return change.SucceedWithOwnAudit(value);
            }
            catch (StepFailedException exception) when (failure)
            {
                return change.Invalid<T>(new FieldErrors().Add("step", exception.Message)) with { Message = exception.Message };
            }
        });
        if (!result.Succeeded && !failure)
        {
            throw new InvalidTransitionException($"Record {recordId}: {result.Message}");
        }
        return result;
    }

    private Task ChangeAsync(string action, string target, Func<PendingChange, Task> work) =>
        changes.RunAsync(Worker, new ChangeSpec(action, target, Clearance.Admin), async change =>
        {
            change.Origin = this;
            await work(change);
            return change.SucceedWithOwnAudit(true);
        });

    private static async Task<StepContext> ContextAsync(PortalDbContext db, ProvisioningRecord record, ProvisionedProduct product, DateTime now)
    {
        var org = await OrganizationSnapshot.LoadAsync(db, tracking: true);
        return new StepContext(db, org, org.Zone ?? throw new StepFailedException("The landing zone is gone."), record, product, now);
    }

    private static async Task<StepContext> ContextAsync(PortalDbContext db, string recordId, DateTime now)
    {
        var record = await db.ProvisioningRecords.AsNoTracking().FirstAsync(r => r.Id == recordId);
        var product = await db.ProvisionedProducts.AsNoTracking().FirstAsync(p => p.Id == record.ProvisionedProductId);
        return await ContextAsync(db, record, product, now);
    }
}

/// <summary>The instance's lease on a record expired and another instance took the record.</summary>
public sealed class LeaseLostException(string message) : Exception(message);
