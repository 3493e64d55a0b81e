using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;

namespace MirrorTower.Portal.Features.Audit;

/// <summary>
/// Writes audit events that stand on their own: refusals and failures, whose operation saved nothing.
/// Successful changes add their event to the same transaction as the change instead.
/// </summary>
public sealed class AuditTrail(IDbContextFactory<PortalDbContext> dbFactory, ILogger<AuditTrail> logger)
{
    public async Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEvents.Add(auditEvent);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Audit {Action} on {Target} by {Actor}: {Outcome} {Reason}",
            auditEvent.Action, auditEvent.Target, auditEvent.Actor, auditEvent.Outcome, auditEvent.Reason);
    }

    /// <summary>Records an operation refused for invalid input as Failed, and answers with the field errors.</summary>
    public async Task<OperationResult<T>> RefuseAsync<T>(Actor actor, string action, string target, FieldErrors errors)
    {
        await RecordAsync(actor.Record(action, target, AuditOutcome.Failed, errors.ToString()));
        return OperationResult<T>.Invalid(errors);
    }
}
