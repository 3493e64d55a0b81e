using MirrorTower.Portal.Features.Mirroring.Network;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Actions;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Mirroring.Ec2;

/// <summary>The state a planned change reads and validates against, read inside the change's serialized write transaction.</summary>
public sealed class ChangeContext(PendingChange change, OrganizationSnapshot org, Account account, NetworkSnapshot network, Ec2Caller caller)
{
    public PendingChange Change { get; } = change;
    public PortalDbContext Db => Change.Db;
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
}

/// <summary>What a valid change will do: the resource the SCPs judge, a line for the audit, and the change itself.</summary>
public sealed record PlannedChange<T>(string ResourceArn, string Summary, Func<T> Apply);

/// <summary>
/// EC2-style changes through the <see cref="ChangePipeline"/>, whichever door they came through (pages, REST, imports,
/// the EC2 Query API): validate everything first, then ask the account's SCP chain as the caller's principal, then
/// apply and audit in one transaction. A refused change saves nothing but its audit event. Counted limits (sessions
/// per ENI, sources per target, rules per direction, resources per account) hold under parallel requests because
/// the pipeline serializes writers: the second request reads what the first committed.
/// </summary>
public sealed class Ec2Changes(ChangePipeline pipeline, AuditTrail auditTrail)
{
    public Task<OperationResult<T>> RunAsync<T>(Ec2Caller caller, string action, Func<ChangeContext, Task<PlannedChange<T>>> plan) =>
        RunInAccountAsync(caller, action, async context =>
        {
            var planned = await plan(context);
            var change = context.Change;
            if (context.Missing is { } missing)
            {
                return OperationResult<T>.NotFound(missing.Message) with { Code = missing.Code };
            }
            if (planned.ResourceArn is not "")
            {
                change.Target = planned.ResourceArn;
            }
            if (!context.Errors.IsEmpty)
            {
                return OperationResult<T>.Invalid(context.Errors);
            }
            if (Decide(context, action, planned.ResourceArn) is { } denial)
            {
                return OperationResult<T>.Denied($"{action} on {planned.ResourceArn} was denied by the account's SCPs. {denial}") with { Code = "UnauthorizedOperation" };
            }
            if (caller.DryRun)
            {
                return DryRun<T>();
            }
            return change.Succeed(planned.Apply(), planned.Summary);
        });

    /// <summary>
    /// One change in the caller's account through the pipeline: the Region must be real, the caller allowed to write
    /// and the account exist; <paramref name="work"/> then reads, checks and applies with the loaded state.
    /// </summary>
    public async Task<OperationResult<T>> RunInAccountAsync<T>(Ec2Caller caller, string action, Func<ChangeContext, Task<OperationResult<T>>> work)
    {
        if (!AwsRegions.IsKnown(caller.Region))
        {
            return await auditTrail.RefuseAsync<T>(caller.Actor, action, caller.AccountId, new FieldErrors().Add("region", $"'{caller.Region}' is not a Region."));
        }
        if (!caller.CanWrite)
        {
            await RecordAsync(caller, action, caller.AccountId, AuditOutcome.Denied, "Auditors may describe but not change.");
            return OperationResult<T>.Denied("Your role may describe but not change: Auditors are read-only.") with { Code = "UnauthorizedOperation" };
        }
        return await pipeline.RunAsync(caller.Actor, new ChangeSpec(action, caller.AccountId, Clearance.Member), async change =>
        {
            change.Context = (caller.AccountId, caller.PrincipalArn, caller.Region);
            change.UniqueConflict = new FieldErrors().Add("request", "A concurrent change took the same number or resource; nothing was saved. Describe again and retry.");
            var org = await OrganizationSnapshot.LoadAsync(change.Db);
            if (org.Account(caller.AccountId) is not { } account)
            {
                return change.NotFound<T>($"No account of the organization has the id '{caller.AccountId}'.");
            }
            var result = await work(new ChangeContext(change, org, account, await NetworkSnapshot.LoadAsync(change.Db), caller));
            change.Touches(ChangeArea.Network);
            return result;
        });
    }

    /// <summary>EC2's answer to a valid DryRun request.</summary>
    public static OperationResult<T> DryRun<T>() =>
        OperationResult<T>.Denied("Request would have succeeded, but DryRun flag is set.") with { Code = "DryRunOperation" };

    /// <summary>The account's SCP chain on the call, as the caller's principal: null when allowed, else why not.</summary>
    public static string? Decide(ChangeContext context, string action, string resourceArn)
    {
        var decision = InAccountDecision.Decide(context.Org, context.Account, context.Caller.PrincipalArn, action, resourceArn, context.Caller.Region,
            context.Change.Now, context.Caller.Actor.ClientIp);
        return decision.Allowed ? null : decision.Reason;
    }

    public Task RecordAsync(Ec2Caller caller, string action, string target, AuditOutcome outcome, string reason) =>
        auditTrail.RecordAsync(caller.Actor.Record(action, target, outcome, reason, caller.AccountId, caller.PrincipalArn, caller.Region));
}
