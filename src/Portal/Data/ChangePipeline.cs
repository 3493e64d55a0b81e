using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Identity;

namespace MirrorTower.Portal.Data;

/// <summary>The least role a change needs. Auditors and callers without a role change nothing.</summary>
public enum Clearance
{
    /// <summary>Every role, Auditors included: changes to what a user owns for themselves, such as access keys.</summary>
    AnyRole,

    /// <summary>Admins and Members: self-service requests and designing networks and mirroring.</summary>
    Member,

    /// <summary>Admins only: governance.</summary>
    Admin,
}

/// <summary>A change's action (as the audit trail names it), what it acts on, and the role it needs.</summary>
public sealed record ChangeSpec(string Action, string Target, Clearance Requires);

/// <summary>
/// The one way every change is made (pages, REST, the EC2 Query API, imports, demo loading, the Account Factory
/// worker, drift repair, remediation): the role is checked first; then, inside one <see cref="WriteGate"/> scope, the
/// feature reads, validates and applies; its audit event is written in the same transaction; a unique index that
/// refuses the write becomes the same 400 a validator gives; and what changed is published only after the commit.
/// A feature states only what differs: its checks, its writes, its summary and the areas it touched.
/// </summary>
public sealed class ChangePipeline(WriteGate gate, AuditTrail auditTrail, ChangeFeed feed, TimeProvider time)
{
    public async Task<OperationResult<T>> RunAsync<T>(Actor actor, ChangeSpec spec, Func<PendingChange, Task<OperationResult<T>>> work,
        CancellationToken cancellationToken = default)
    {
        if (RoleRefusal(actor, spec.Requires) is { } refusal)
        {
            await auditTrail.RecordAsync(actor.Record(spec.Action, spec.Target, AuditOutcome.Denied, refusal), cancellationToken);
            return OperationResult<T>.Denied(refusal);
        }
        IReadOnlyList<Change> changed;
        OperationResult<T> result;
        await using (var scope = await gate.BeginAsync(cancellationToken))
        {
            var change = new PendingChange(scope, actor, spec, time.GetUtcNow().UtcDateTime);
            result = await work(change);
            if (!result.Succeeded)
            {
                await scope.RefuseAsync(change.Audit(result.Status == OperationStatus.Denied ? AuditOutcome.Denied : AuditOutcome.Failed,
                    result.Message ?? result.Errors.ToString()));
                return result;
            }
            if (change.Summary is { } summary)
            {
                scope.Db.AuditEvents.Add(change.Audit(AuditOutcome.Succeeded, summary));
            }
            try
            {
                await scope.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
            {
                // Writers of a counted or unique thing are serialized, so only a writer outside this process can
                // have taken the name or number: the index decides, and the answer is the validator's.
                var conflict = change.UniqueConflict ?? new FieldErrors().Add("request", "A concurrent change took the same name or number; nothing was saved. Read again and retry.");
                await scope.RefuseAsync(change.Audit(AuditOutcome.Failed, conflict.ToString()));
                return OperationResult<T>.Invalid(conflict);
            }
            changed = change.Changed;
        }
        foreach (var item in changed)
        {
            feed.Publish(item);
        }
        return result;
    }

    /// <summary>Null when the actor's role allows the change, else why not.</summary>
    public static string? RoleRefusal(Actor actor, Clearance requires) => (actor.Role, requires) switch
    {
        (PortalRoles.Admin, _) => null,
        (PortalRoles.Member or PortalRoles.Auditor, Clearance.AnyRole) => null,
        (PortalRoles.Member, Clearance.Member) => null,
        (PortalRoles.Member, _) => "Only Admins may make this change.",
        (PortalRoles.Auditor, _) => "Auditors are read-only: they may look at everything but change nothing.",
        _ => "The caller has no portal role: it may change nothing.",
    };
}

/// <summary>
/// A change in progress inside its write scope: the database, the actor, the audit target and details, and what the
/// change will publish. The feature returns <see cref="Succeed{T}"/> or one of the refusals; nothing else ends it.
/// </summary>
public sealed class PendingChange(WriteScope scope, Actor actor, ChangeSpec spec, DateTime now)
{
    private readonly List<Change> _changed = [];

    public PortalDbContext Db => scope.Db;
    public Actor Actor { get; } = actor;

    /// <summary>The moment of the change, from the portal's clock: every time the change writes is this one.</summary>
    public DateTime Now { get; } = now;

    /// <summary>What the audit event names as the action: the spec's, or the one call of several that was refused.</summary>
    public string Action { get; set; } = spec.Action;

    /// <summary>What the audit event names; the spec's target until the change knows better (the new OU's id, …).</summary>
    public string Target { get; set; } = spec.Target;

    public FieldErrors Errors { get; } = new();

    /// <summary>For in-account actions: the account, the principal and the Region the SCPs judged.</summary>
    public (string? AccountId, string? PrincipalArn, string? Region) Context { get; set; }

    /// <summary>Who publishes the change's events, when a worker must recognise (and ignore) its own.</summary>
    public object? Origin { get; set; }

    /// <summary>The answer when a unique index refuses the commit (the validator's message for the same rule).</summary>
    public FieldErrors? UniqueConflict { get; set; }

    internal string? Summary { get; private set; }
    internal IReadOnlyList<Change> Changed => _changed;

    /// <summary>Publishes <paramref name="area"/> (and the id of what changed) once the change is committed.</summary>
    public PendingChange Touches(ChangeArea area, string? id = null)
    {
        _changed.Add(new Change(area, id, Origin));
        return this;
    }

    /// <summary>The change is valid and applied to <see cref="Db"/>: commit it with a Succeeded audit event saying <paramref name="summary"/>.</summary>
    public OperationResult<T> Succeed<T>(T value, string summary)
    {
        Summary = summary;
        return OperationResult<T>.Success(value);
    }

    /// <summary>
    /// The change succeeded and wrote its own audit events (one per element of an import, or as the user who
    /// requested a queued operation), or none because it changed nothing.
    /// </summary>
    public OperationResult<T> SucceedWithOwnAudit<T>(T value) => OperationResult<T>.Success(value);

    public OperationResult<T> Invalid<T>() => OperationResult<T>.Invalid(Errors);

    public OperationResult<T> Invalid<T>(FieldErrors errors) => OperationResult<T>.Invalid(errors);

    public OperationResult<T> NotFound<T>(string message) => OperationResult<T>.NotFound(message);

    public OperationResult<T> Conflict<T>(FieldErrors errors) => OperationResult<T>.Conflict(errors);

    public OperationResult<T> Denied<T>(string message) => OperationResult<T>.Denied(message);

    public OperationResult<T> Blocked<T>(GateReport report) => OperationResult<T>.Blocked(report);

    internal AuditEvent Audit(AuditOutcome outcome, string reason) =>
        Actor.Record(Action, Target, outcome, reason, Context.AccountId, Context.PrincipalArn, Context.Region);
}
