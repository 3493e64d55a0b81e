using Microsoft.EntityFrameworkCore;

namespace MirrorTower.Portal.Data.Cluster;

/// <summary>
/// Named leases in the database. Taking one is a single conditional update (held by me, or expired), so two instances
/// racing for it cannot both win on either provider; a lease nobody has held yet is inserted, and the primary key
/// refuses the second insert.
/// </summary>
public static class ClusterLeases
{
    public static async Task<bool> HoldAsync(PortalDbContext db, string name, string holder, DateTime now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var until = now + lease;
        var taken = await db.ClusterLeases.Where(l => l.Name == name && (l.Holder == holder || l.ExpiresUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresUtc, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }
        if (await db.ClusterLeases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }
        db.ClusterLeases.Add(new ClusterLease { Name = name, Holder = holder, ExpiresUtc = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
