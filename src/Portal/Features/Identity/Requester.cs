using MirrorTower.Portal.Features.Audit;

namespace MirrorTower.Portal.Features.Identity;

/// <summary>Who asks: the actor for the audit trail, and the role and e-mail that portfolio access is checked against.</summary>
public sealed record Requester(Actor Actor, string Role, string Email)
{
    /// <summary>The actor with the requester's role, which the change pipeline checks.</summary>
    public Actor Actor { get; init; } = Actor with { Role = Role };

    public bool IsAdmin => Role == PortalRoles.Admin;
}
