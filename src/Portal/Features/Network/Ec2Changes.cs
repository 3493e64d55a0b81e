using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Actions;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Network;

/// <summary>The state a planned change reads and validates against, read inside the change's serialized write transaction.</summary>
public sealed class ChangeContext(WriteScope scope, OrganizationSnapshot org, Account account, NetworkSnapshot network, Ec2Caller caller) : IAsyncDisposable
{
    public WriteScope Scope { get; } = scope;
    public PortalDbContext Db => Scope.Db;
    public OrganizationSnapshot Org { get; } = org;
    public Account Account { get; } = account;
    public NetworkSnapshot Network { get; } = network;
    public Ec2Caller Caller { get; } = caller;
    public FieldErrors Errors { get; private set; } = new();

    internal (string Message, string Code)? Missing { get; set; }

    /// <summary>Ends the plan: the named thing does not exist (AWS's "...NotFound" errors).</summary>
    public PlannedChange<T> NotFound<T>(string message, string code)
    {
        Missing = (message, code);
        return new PlannedChange<T>("", "", () => default!);
    }

    public PlannedChange<T> Plan<T>(string resourceArn, string summary, Func<T> apply) => new(resourceArn, summary, apply);

    /// <summary>Takes the errors gathered so far and starts a fresh list (a batch reports them per element).</summary>
    internal FieldErrors TakeErrors()
    {
        var errors = Errors;
        Errors = new FieldErrors();
        Missing = null;
        return errors;
    }

    /// <summary>Ends the change unsaved and records why (Failed or Denied) in the audit trail.</summary>
    public Task RefuseAsync(string action, string target, AuditOutcome outcome, string reason) =>
        Scope.RefuseAsync(Caller.Actor.Record(action, target, outcome, reason, Caller.AccountId, Caller.PrincipalArn, Caller.Region));

    public ValueTask DisposeAsync() => Scope.DisposeAsync();
}

/// <summary>What a valid change will do: the resource the SCPs judge, a line for the audit, and the change itself.</summary>
public sealed record PlannedChange<T>(string ResourceArn, string Summary, Func<T> Apply);

/// <summary>
/// Runs every EC2-style change the same way, whichever door it came through (pages, REST, imports, the EC2 Query
/// API): validate everything first, then ask the account's SCP chain as the caller's principal, then apply and audit
/// in one transaction. A refused change saves nothing but its audit event. The whole change runs inside one
/// <see cref="WriteGate"/> scope, so counted limits (sessions per ENI, sources per target, rules per direction,
/// resources per account) hold under parallel requests: the second request reads what the first committed.
/// </summary>
public sealed class Ec2Changes(WriteGate gate, AuditTrail auditTrail, OrganizationEvents events)
{
    public async Task<OperationResult<T>> RunAsync<T>(Ec2Caller caller, string action, Func<ChangeContext, Task<PlannedChange<T>>> plan)
    {
        var (context, refusal) = await OpenAsync<T>(caller, action);
        if (context is null)
        {
            return refusal!;
        }
        await using var _ = context;
        var planned = await plan(context);
        if (context.Missing is { } missing)
        {
            await context.RefuseAsync(action, caller.AccountId, AuditOutcome.Failed, missing.Message);
            return OperationResult<T>.NotFound(missing.Message) with { Code = missing.Code };
        }
        if (!context.Errors.IsEmpty)
        {
            await context.RefuseAsync(action, planned.ResourceArn is "" ? caller.AccountId : planned.ResourceArn, AuditOutcome.Failed, context.Errors.ToString());
            return OperationResult<T>.Invalid(context.Errors);
        }
        if (Decide(context, action, planned.ResourceArn) is { } denial)
        {
            await context.RefuseAsync(action, planned.ResourceArn, AuditOutcome.Denied, denial);
            return OperationResult<T>.Denied($"{action} on {planned.ResourceArn} was denied by the account's SCPs. {denial}") with { Code = "UnauthorizedOperation" };
        }
        if (caller.DryRun)
        {
            return OperationResult<T>.Denied("Request would have succeeded, but DryRun flag is set.") with { Code = "DryRunOperation" };
        }

        var value = planned.Apply();
        context.Db.AuditEvents.Add(caller.Actor.Record(action, planned.ResourceArn, AuditOutcome.Succeeded, planned.Summary, caller.AccountId, caller.PrincipalArn, caller.Region));
        return await SaveAsync(context, action, planned.ResourceArn) is { } conflict ? conflict.As<T>() : OperationResult<T>.Success(value);
    }

    /// <summary>Opens a change: the caller's account must exist, the Region be real, and the caller allowed to write.</summary>
    public async Task<(ChangeContext? Context, OperationResult<T>? Refusal)> OpenAsync<T>(Ec2Caller caller, string action)
    {
        if (!AwsRegions.IsKnown(caller.Region))
        {
            return (null, await auditTrail.RefuseAsync<T>(caller.Actor, action, caller.AccountId, new FieldErrors().Add("region", $"'{caller.Region}' is not a Region.")));
        }
        if (!caller.CanWrite)
        {
            await RecordAsync(caller, action, caller.AccountId, AuditOutcome.Denied, "Auditors may describe but not change.");
            return (null, OperationResult<T>.Denied("Your role may describe but not change: Auditors are read-only.") with { Code = "UnauthorizedOperation" });
        }
        var scope = await gate.BeginAsync();
        var org = await OrganizationSnapshot.LoadAsync(scope.Db);
        if (org.Account(caller.AccountId) is not { } account)
        {
            await scope.DisposeAsync();
            return (null, OperationResult<T>.NotFound($"No account of the organization has the id '{caller.AccountId}'."));
        }
        return (new ChangeContext(scope, org, account, await NetworkSnapshot.LoadAsync(scope.Db), caller), null);
    }

    /// <summary>The account's SCP chain on the call, as the caller's principal: null when allowed, else why not.</summary>
    public static string? Decide(ChangeContext context, string action, string resourceArn)
    {
        var decision = InAccountDecision.Decide(context.Org, context.Account, context.Caller.PrincipalArn, action, resourceArn, context.Caller.Region);
        return decision.Allowed ? null : decision.Reason;
    }

    /// <summary>Saves the context's changes and audit events in one transaction; a unique-index race becomes a refusal.</summary>
    public async Task<OperationResult<bool>?> SaveAsync(ChangeContext context, string action, string target)
    {
        try
        {
            await context.Scope.CommitAsync();
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // Changes are serialized, so only a writer outside the gate can have taken the number: the unique index decides.
            var conflict = new FieldErrors().Add("request", "A concurrent change took the same number or resource; nothing was saved. Describe again and retry.");
            await context.RefuseAsync(action, target, AuditOutcome.Failed, conflict.ToString());
            return OperationResult<bool>.Invalid(conflict);
        }
        events.Publish();
        return null;
    }

    public Task RecordAsync(Ec2Caller caller, string action, string target, AuditOutcome outcome, string reason) =>
        auditTrail.RecordAsync(caller.Actor.Record(action, target, outcome, reason, caller.AccountId, caller.PrincipalArn, caller.Region));
}
