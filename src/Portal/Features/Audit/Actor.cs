using System.Security.Claims;

namespace MirrorTower.Portal.Features.Audit;

/// <summary>
/// Who performs an operation, through which door, and in which role, so that a service checks the role itself
/// rather than trusting the page or endpoint that called it; every feature service takes one.
/// </summary>
public sealed record Actor(string? UserId, string Name, string Source, string? ClientIp = null, string? Role = null)
{
    public const string Ui = "UI";
    public const string Api = "API";

    public static readonly Actor System = new(null, "system", "System", Role: Identity.PortalRoles.Admin);

    public static Actor From(ClaimsPrincipal user, string source, string? clientIp = null) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier),
        user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "anonymous",
        source,
        clientIp,
        user.FindFirstValue(ClaimTypes.Role));

    /// <summary>
    /// An audit event by this actor. AWS-style actions inside a member account also give the account, the
    /// principal and the Region, which the SCP check used and a control's preview replays.
    /// </summary>
    public AuditEvent Record(string action, string target, AuditOutcome outcome, string? reason = null,
        string? accountId = null, string? principalArn = null, string? region = null) => new()
    {
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
