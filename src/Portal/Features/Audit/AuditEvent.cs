namespace MirrorTower.Portal.Features.Audit;

/// <summary>One append-only entry of the portal's audit trail (its CloudTrail).</summary>
public sealed class AuditEvent
{
    public long Id { get; init; }

    /// <summary>Set by <see cref="AuditSeal"/> from the portal's clock as the event is written, unless the event came with one.</summary>
    public DateTime TimeUtc { get; set; }

    /// <summary>The signed-in user's e-mail, or the attempted e-mail for sign-ins, or "system".</summary>
    public required string Actor { get; init; }

    public string? ActorId { get; init; }

    /// <summary>AWS style: <c>service:Operation</c>, e.g. <c>iam:CreateUser</c>.</summary>
    public required string Action { get; init; }

    public required string Target { get; init; }

    public AuditOutcome Outcome { get; init; }

    public string? Reason { get; init; }

    /// <summary>Where the request came from: UI, API or System.</summary>
    public required string Source { get; init; }

    public string? ClientIp { get; init; }

    /// <summary>For AWS-style actions inside a member account: the account, the principal and the Region.</summary>
    public string? AccountId { get; init; }

    public string? PrincipalArn { get; init; }

    public string? Region { get; init; }

    /// <summary>HMAC-SHA256 of the event's fields with the audit key, which is not in the database (<see cref="AuditSeal"/>).</summary>
    public string? Seal { get; set; }
}

public enum AuditOutcome
{
    Succeeded,
    Denied,
    Failed,
}
