using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization;

/// <summary>
/// What a feature above the organization sets up with the landing zone, in the setup's one change (the Account Factory
/// adds its catalog product); the organization knows only this interface.
/// </summary>
public interface ILandingZoneContribution
{
    void Add(PortalDbContext db, LandingZone zone);
}
