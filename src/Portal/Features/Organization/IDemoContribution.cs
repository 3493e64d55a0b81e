using MirrorTower.Portal.Data;

namespace MirrorTower.Portal.Features.Organization;

/// <summary>
/// What a feature above the organization adds to the demo (the mirroring area adds its hub-and-spoke network, the
/// Account Factory makes launches wait for approval); written
/// in the demo's one change; the organization knows only this interface, not the features that implement it.
/// </summary>
public interface IDemoContribution
{
    /// <param name="accountIds">The demo accounts' ids by account name.</param>
    Task AddAsync(PortalDbContext db, string homeRegion, IReadOnlyDictionary<string, string> accountIds);
}
