using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.AccountFactory.Model;
using MirrorTower.Portal.Features.Organization;

namespace MirrorTower.Portal.Features.AccountFactory;

/// <summary>
/// Keeps provisioned products honest about their accounts: an account that left the organization, is no longer
/// enrolled, or was moved out of the product's OU outside Account Factory makes the product TAINTED (it exists but no
/// longer matches); a product tainted that way whose account matches again is AVAILABLE again.
/// </summary>
public static class ProductReconciler
{
    /// <summary>Updates the statuses in <paramref name="db"/> (the caller's change saves them); the ids of the products that changed.</summary>
    public static async Task<IReadOnlyList<string>> ReconcileAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var products = await db.ProvisionedProducts
            .Where(p => p.TerminatedUtc == null && p.AccountId != null && (p.Status == ProvisionedProductStatus.AVAILABLE || p.Status == ProvisionedProductStatus.TAINTED))
            .ToListAsync(cancellationToken);
        if (products.Count == 0)
        {
            return [];
        }
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        var changed = new List<string>();
        foreach (var product in products)
        {
            var problem = Problem(org, product);
            if (problem is not null && product.Status == ProvisionedProductStatus.AVAILABLE)
            {
                product.MarkTainted(TaintCause.AccountChangedOutside, $"No longer matches: {problem}");
                changed.Add(product.Id);
            }
            else if (problem is null && product.Taint == TaintCause.AccountChangedOutside)
            {
                product.Untaint("The account matches its product again.");
                changed.Add(product.Id);
            }
        }
        return changed;
    }

    private static string? Problem(OrganizationSnapshot org, ProvisionedProduct product)
    {
        if (org.Account(product.AccountId) is not { } account)
        {
            return $"account {product.AccountId} left the organization.";
        }
        if (!account.Enrolled)
        {
            return $"account {account.Name} is no longer enrolled.";
        }
        return product.TargetOuId is { } wanted && account.OuId != wanted
            ? $"account {account.Name} is in {org.Ou(account.OuId)?.Name ?? "the root"}, moved outside Account Factory; update the product to that OU, or move the account back."
            : null;
    }
}
