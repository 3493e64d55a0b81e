using System.Security.Claims;

namespace MirrorTower.Portal.Features.Audit;

/// <summary>Who performs an operation, and through which door; every feature service takes one.</summary>
public sealed record Actor(string? UserId, string Name, string Source, string? ClientIp = null)
{
    public const string Ui = "UI";
    public const string Api = "API";

    public static readonly Actor System = new(null, "system", "System");

    public static Actor From(ClaimsPrincipal user, string source, string? clientIp = null) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier),
        user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "anonymous",
        source,
        clientIp);

    public AuditEvent Record(string action, string target, AuditOutcome outcome, string? reason = null) => new()
    {
        TimeUtc = DateTime.UtcNow,
        Actor = Name,
        ActorId = UserId,
        Action = action,
        Target = target,
        Outcome = outcome,
        Reason = reason,
        Source = Source,
        ClientIp = ClientIp,
    };

    /// <summary>An AWS-style action inside a member account, with what the SCP check and the preview need.</summary>
    public AuditEvent RecordInAccount(string action, string target, AuditOutcome outcome, string? reason, string accountId, string principalArn, string? region) => new()
    {
        TimeUtc = DateTime.UtcNow,
        Actor = Name,
        ActorId = UserId,
        Action = action,
        Target = target,
        Outcome = outcome,
        Reason = reason,
        Source = Source,
        ClientIp = ClientIp,
        AccountId = accountId,
        PrincipalArn = principalArn,
        Region = region,
    };
}
