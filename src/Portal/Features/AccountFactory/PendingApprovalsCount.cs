using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.AccountFactory.Model;

namespace MirrorTower.Portal.Features.AccountFactory;

/// <summary>The launches waiting for an Admin, beside "Approvals and catalog" (a link only Admins see).</summary>
public sealed class PendingApprovalsCount(IDbContextFactory<PortalDbContext> dbFactory) : INavigationCount
{
    public const string Link = "/account-factory/admin";

    public string Href => Link;

    public ChangeArea Area => ChangeArea.AccountFactory;

    public async Task<int> CountAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.ProvisioningRecords.CountAsync(r => r.Approval == ApprovalState.Pending);
    }

    public string Describe(int count) => count == 1 ? "1 launch waits for approval" : $"{count} launches wait for approval";
}
