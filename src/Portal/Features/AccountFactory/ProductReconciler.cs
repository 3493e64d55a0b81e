using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.AccountFactory.Model;
using MirrorTower.Portal.Features.Organization;

namespace MirrorTower.Portal.Features.AccountFactory;

/// <summary>
/// Keeps provisioned products honest about their accounts: an account that left the organization, is no longer
/// enrolled, or was moved out of the product's OU outside Account Factory makes the product TAINTED (it exists but no
/// longer matches); a tainted product whose account matches again is AVAILABLE again.
/// </summary>
public static partial class ProductReconciler
{
    private const string Marker = "No longer matches: ";

    /// <summary>Updates the statuses in <paramref name="db"/>; true when any changed.</summary>
    public static async Task<bool> ReconcileAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var products = await db.ProvisionedProducts
            .Where(p => p.TerminatedUtc == null && p.AccountId != null && (p.Status == ProvisionedProductStatus.AVAILABLE || p.Status == ProvisionedProductStatus.TAINTED))
            .ToListAsync(cancellationToken);
        if (products.Count == 0)
        {
            return false;
        }
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        var changed = false;
        foreach (var product in products)
        {
            var problem = Problem(org, product);
            if (problem is not null && product.Status == ProvisionedProductStatus.AVAILABLE)
            {
                (product.Status, product.StatusMessage, changed) = (ProvisionedProductStatus.TAINTED, Marker + problem, true);
            }
            else if (problem is null && product.Status == ProvisionedProductStatus.TAINTED && product.StatusMessage.StartsWith(Marker, StringComparison.Ordinal))
            {
                (product.Status, product.StatusMessage, changed) = (ProvisionedProductStatus.AVAILABLE, "The account matches its product again.", true);
            }
        }
        if (changed)
        {
            await db.SaveChangesAsync(cancellationToken);
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
        var wanted = OuId().Match(product.Parameters.GetValueOrDefault(AccountParameters.ManagedOrganizationalUnit) ?? "") is { Success: true } match ? match.Value : null;
        return wanted is not null && account.OuId != wanted
            ? $"account {account.Name} is in {org.Ou(account.OuId)?.Name ?? "the root"}, moved outside Account Factory; update the product to that OU, or move the account back."
            : null;
    }

    [GeneratedRegex("ou-[a-z0-9]{4}-[a-z0-9]{8}")]
    private static partial Regex OuId();
}
