using MirrorTower.Portal.Features.Identity;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.AccountFactory.Model;

namespace MirrorTower.Portal.Features.AccountFactory;

public sealed partial class ProvisioningService
{
    /// <summary>The products the requester may launch: those of portfolios shared with its role or its e-mail.</summary>
    public async Task<IReadOnlyList<LaunchableProduct>> LaunchableAsync(Requester requester)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await LaunchableAsync(db, requester);
    }

    private static async Task<IReadOnlyList<LaunchableProduct>> LaunchableAsync(PortalDbContext db, Requester requester)
    {
        var portfolios = (await db.Portfolios.AsNoTracking().ToListAsync())
            .Where(p => p.Principals.Any(principal => string.Equals(principal, requester.Role, StringComparison.Ordinal) || string.Equals(principal, requester.Email, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(p => p.Name).ToList();
        var products = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id);
        var artifacts = await db.ProvisioningArtifacts.AsNoTracking().Where(a => a.Active && a.IsDefault).ToListAsync();
        var constraints = await db.CatalogConstraints.AsNoTracking().ToListAsync();
        return portfolios.SelectMany(portfolio => portfolio.ProductIds.Where(products.ContainsKey).Select(id => (portfolio, product: products[id])))
            .Select(p => (p.portfolio, p.product, artifact: artifacts.FirstOrDefault(a => a.ProductId == p.product.Id)))
            .Where(p => p.artifact is not null)
            .Select(p => new LaunchableProduct(p.product.Id, p.product.Name, p.product.Description, p.portfolio.Id, p.portfolio.Name, p.portfolio.RequiresApproval,
                p.artifact!.Id, p.artifact.Name, p.artifact.Parameters, [.. constraints.Where(c => c.PortfolioId == p.portfolio.Id && c.ProductId == p.product.Id).Select(ConstraintDetail.From)]))
            .ToList();
    }

    /// <summary>The requester's provisioned products (all of them for an Admin), newest first.</summary>
    public async Task<IReadOnlyList<ProvisionedProductView>> ListAsync(Requester requester, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.ProvisionedProducts.AsNoTracking();
        if (!requester.IsAdmin && requester.Role != Identity.PortalRoles.Auditor)
        {
            query = query.Where(p => p.OwnerUserId == requester.Actor.UserId);
        }
        var products = await query.OrderByDescending(p => p.CreatedUtc).Take(500).ToListAsync(cancellationToken);
        var records = await RecordViewsAsync(db, products.Select(p => p.LastRecordId).OfType<string>().ToList(), cancellationToken);
        var names = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return products.Select(p => View(p, names.GetValueOrDefault(p.ProductId, p.ProductId), p.LastRecordId is { } r ? records.GetValueOrDefault(r) : null)).ToList();
    }

    /// <summary>The records of the requester's provisioned products (every product's for an Admin or Auditor), newest first, at most 500.</summary>
    public async Task<IReadOnlyList<RecordView>> RecordHistoryAsync(Requester requester, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var records = db.ProvisioningRecords.AsNoTracking();
        if (!requester.IsAdmin && requester.Role != Identity.PortalRoles.Auditor)
        {
            records = records.Where(r => db.ProvisionedProducts.Any(p => p.Id == r.ProvisionedProductId && p.OwnerUserId == requester.Actor.UserId));
        }
        var ids = await records.OrderByDescending(r => r.CreatedUtc).Take(500).Select(r => r.Id).ToListAsync(cancellationToken);
        var views = await RecordViewsAsync(db, ids, cancellationToken);
        return ids.Select(id => views[id]).ToList();
    }

    /// <summary>Launches waiting for an admin's approval, oldest first.</summary>
    public async Task<IReadOnlyList<RecordView>> PendingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = await db.ProvisioningRecords.Where(r => r.Approval == ApprovalState.Pending).OrderBy(r => r.CreatedUtc).Select(r => r.Id).ToListAsync(cancellationToken);
        var views = await RecordViewsAsync(db, ids, cancellationToken);
        return ids.Select(id => views[id]).ToList();
    }

    public async Task<ProvisionedProductView> ViewAsync(string provisionedProductId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var product = await db.ProvisionedProducts.AsNoTracking().FirstAsync(p => p.Id == provisionedProductId);
        var name = (await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == product.ProductId))?.Name ?? product.ProductId;
        var record = product.LastRecordId is { } id ? (await RecordViewsAsync(db, [id])).GetValueOrDefault(id) : null;
        return View(product, name, record);
    }

    public async Task<ProvisionedProduct?> FindAsync(string provisionedProductId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.ProvisionedProducts.AsNoTracking().FirstOrDefaultAsync(p => p.Id == provisionedProductId);
    }

    public async Task<RecordView?> RecordAsync(string recordId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await RecordViewsAsync(db, [recordId], cancellationToken)).GetValueOrDefault(recordId);
    }

    /// <summary>The owner of a record's product, for the API's access check.</summary>
    public async Task<string?> OwnerOfRecordAsync(string recordId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.ProvisioningRecords.Where(r => r.Id == recordId)
            .Join(db.ProvisionedProducts, r => r.ProvisionedProductId, p => p.Id, (r, p) => p.OwnerUserId).FirstOrDefaultAsync();
    }

    private static async Task<Dictionary<string, RecordView>> RecordViewsAsync(PortalDbContext db, IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        var records = await db.ProvisioningRecords.AsNoTracking().Include(r => r.Steps).Where(r => ids.Contains(r.Id)).ToListAsync(cancellationToken);
        var productNames = await db.ProvisionedProducts.AsNoTracking().Where(p => records.Select(r => r.ProvisionedProductId).Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        // The queue: records ready to run but not started, in order of submission.
        var queue = await db.ProvisioningRecords.AsNoTracking()
            .Where(r => r.Status == RecordStatus.CREATED && (r.Approval == ApprovalState.NotRequired || r.Approval == ApprovalState.Approved))
            .OrderBy(r => r.CreatedUtc).Select(r => r.Id).ToListAsync(cancellationToken);
        return records.ToDictionary(r => r.Id, r => new RecordView(r.Id, r.ProvisionedProductId, productNames.GetValueOrDefault(r.ProvisionedProductId, ""), r.Type, r.Status,
            r.Approval, r.ApprovedBy, r.ApprovalReason, r.RequestedBy, r.AccountId, r.Message, r.Parameters,
            r.Steps.OrderBy(s => s.Order).Select(s => new StepView(s.Order, s.Name, s.Status, s.Attempts, s.StartedUtc, s.EndedUtc, s.Message)).ToList(),
            queue.IndexOf(r.Id) is var position and >= 0 ? position + 1 : null, r.CreatedUtc, r.UpdatedUtc));
    }

    private static ProvisionedProductView View(ProvisionedProduct product, string productName, RecordView? record) =>
        new(product.Id, product.Name, productName, product.Status, product.StatusMessage, product.OwnerName, product.AccountId, product.Parameters, record,
            product.CreatedUtc, product.TerminatedUtc, []);
}
