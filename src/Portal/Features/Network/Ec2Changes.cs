using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Actions;

namespace MirrorTower.Portal.Features.Network;

/// <summary>The state a planned change reads and validates against; one database context, one transaction.</summary>
public sealed class ChangeContext(PortalDbContext db, OrganizationSnapshot org, NetworkSnapshot network, Ec2Caller caller)
{
    public PortalDbContext Db { get; } = db;
    public OrganizationSnapshot Org { get; } = org;
    public NetworkSnapshot Network { get; } = network;
    public Ec2Caller Caller { get; } = caller;
    public FieldErrors Errors { get; } = new();

    internal (string Message, string Code)? Missing { get; private set; }

    /// <summary>Ends the plan: the named thing does not exist (AWS's "...NotFound" errors).</summary>
    public PlannedChange<T> NotFound<T>(string message, string code)
    {
        Missing = (message, code);
        return new PlannedChange<T>("", "", () => default!);
    }

    public PlannedChange<T> Plan<T>(string resourceArn, string summary, Func<T> apply) => new(resourceArn, summary, apply);
}

/// <summary>What a valid change will do: the resource the SCPs judge, a line for the audit, and the change itself.</summary>
public sealed record PlannedChange<T>(string ResourceArn, string Summary, Func<T> Apply);

/// <summary>
/// Runs every EC2-style change the same way, whichever door it came through (pages, REST, the EC2 Query API):
/// validate everything first, then ask the account's SCP chain as the caller's principal, then apply and audit in
/// one transaction. A refused change saves nothing but its audit event.
/// </summary>
public sealed class Ec2Changes(IDbContextFactory<PortalDbContext> dbFactory, AuditTrail auditTrail, OrganizationEvents events)
{
    public async Task<OperationResult<T>> RunAsync<T>(Ec2Caller caller, string action, Func<ChangeContext, Task<PlannedChange<T>>> plan)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var org = await OrganizationSnapshot.LoadAsync(db);
        if (org.Account(caller.AccountId) is not { } account)
        {
            return OperationResult<T>.NotFound($"No account of the organization has the id '{caller.AccountId}'.");
        }
        if (!caller.CanWrite)
        {
            await auditTrail.RecordAsync(caller.Actor.Record(action, caller.AccountId, AuditOutcome.Denied, "Auditors may describe but not change.", caller.AccountId, caller.PrincipalArn, caller.Region));
            return OperationResult<T>.Denied("Your role may describe but not change: Auditors are read-only.") with { Code = "UnauthorizedOperation" };
        }

        var context = new ChangeContext(db, org, await NetworkSnapshot.LoadAsync(db), caller);
        var planned = await plan(context);
        if (context.Missing is { } missing)
        {
            await auditTrail.RecordAsync(caller.Actor.Record(action, caller.AccountId, AuditOutcome.Failed, missing.Message, caller.AccountId, caller.PrincipalArn, caller.Region));
            return OperationResult<T>.NotFound(missing.Message) with { Code = missing.Code };
        }
        if (!context.Errors.IsEmpty)
        {
            await auditTrail.RecordAsync(caller.Actor.Record(action, planned.ResourceArn is "" ? caller.AccountId : planned.ResourceArn, AuditOutcome.Failed,
                context.Errors.ToString(), caller.AccountId, caller.PrincipalArn, caller.Region));
            return OperationResult<T>.Invalid(context.Errors);
        }

        var decision = InAccountDecision.Decide(org, account, caller.PrincipalArn, action, planned.ResourceArn, caller.Region);
        if (!decision.Allowed)
        {
            await auditTrail.RecordAsync(caller.Actor.Record(action, planned.ResourceArn, AuditOutcome.Denied, decision.Reason, caller.AccountId, caller.PrincipalArn, caller.Region));
            return OperationResult<T>.Denied($"{action} on {planned.ResourceArn} was denied by the account's SCPs. {decision.Reason}") with { Code = "UnauthorizedOperation" };
        }

        if (caller.DryRun)
        {
            return OperationResult<T>.Denied("Request would have succeeded, but DryRun flag is set.") with { Code = "DryRunOperation" };
        }

        var value = planned.Apply();
        db.AuditEvents.Add(caller.Actor.Record(action, planned.ResourceArn, AuditOutcome.Succeeded, planned.Summary, caller.AccountId, caller.PrincipalArn, caller.Region));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException exception) when (exception.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 })
        {
            // Two requests raced past validation (a rule or session number taken meanwhile): the database's unique index decides.
            var conflict = new FieldErrors().Add("request", "A concurrent change took the same number or resource; nothing was saved. Describe again and retry.");
            await auditTrail.RecordAsync(caller.Actor.Record(action, planned.ResourceArn, AuditOutcome.Failed, conflict.ToString(), caller.AccountId, caller.PrincipalArn, caller.Region));
            return OperationResult<T>.Invalid(conflict);
        }
        events.Publish();
        return OperationResult<T>.Success(value);
    }
}
