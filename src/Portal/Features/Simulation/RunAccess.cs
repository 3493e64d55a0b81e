using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Identity;

namespace MirrorTower.Portal.Features.Simulation;

/// <summary>
/// Who may see and steer a run: Admins every run, Auditors read every run, a Member only the runs it started
/// (captures hold its traffic). The runner applies it on every door, pages and API alike.
/// </summary>
public static class RunAccess
{
    public static bool MayRead(Actor viewer, string? owner) =>
        viewer.Role is PortalRoles.Admin or PortalRoles.Auditor || IsOwner(viewer, owner);

    public static bool MaySteer(Actor viewer, string? owner) =>
        viewer.Role == PortalRoles.Admin || (viewer.Role != PortalRoles.Auditor && IsOwner(viewer, owner));

    private static bool IsOwner(Actor viewer, string? owner) => owner is not null && string.Equals(owner, viewer.Name, StringComparison.OrdinalIgnoreCase);
}
