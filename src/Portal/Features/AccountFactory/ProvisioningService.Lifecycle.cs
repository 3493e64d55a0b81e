using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.AccountFactory.Model;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Network;
using MirrorTower.Portal.Features.Organization;

namespace MirrorTower.Portal.Features.AccountFactory;

public sealed partial class ProvisioningService
{
    /// <summary>Update: a new ManagedOrganizationalUnit moves the account, and the new OU's controls replace the old ones.</summary>
    public async Task<OperationResult<ProvisionedProductView>> UpdateAsync(Requester requester, string provisionedProductId, UpdateRequest request)
    {
        const string Action = "servicecatalog:UpdateProvisionedProduct";
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await OwnedAsync(db, requester, provisionedProductId) is not { } product)
        {
            return OperationResult<ProvisionedProductView>.NotFound($"You have no provisioned product '{provisionedProductId}'.");
        }
        var errors = Ready(product);
        var org = await OrganizationSnapshot.LoadAsync(db);
        var ouText = request.Parameters?.GetValueOrDefault(AccountParameters.ManagedOrganizationalUnit);
        foreach (var key in (request.Parameters?.Keys ?? []).Where(k => k != AccountParameters.ManagedOrganizationalUnit))
        {
            errors.Add(key, $"{key} cannot change after the account exists: only ManagedOrganizationalUnit can be updated.");
        }
        var ou = string.IsNullOrWhiteSpace(ouText) ? null : AccountRequestValidator.ResolveOu(org, ouText);
        if (ou is null)
        {
            errors.Add(AccountParameters.ManagedOrganizationalUnit, $"'{ouText}' is not a registered OU you can vend into.");
        }
        else
        {
            var constraints = await db.CatalogConstraints.AsNoTracking().Where(c => c.PortfolioId == product.PortfolioId && c.ProductId == product.ProductId).ToListAsync();
            var artifact = await db.ProvisioningArtifacts.AsNoTracking().FirstAsync(a => a.Id == product.ArtifactId);
            var parameters = product.Parameters.ToDictionary(p => p.Key, p => (string?)p.Value);
            parameters[AccountParameters.ManagedOrganizationalUnit] = ouText;
            // Re-validate what constraints say about the new OU; the account's own e-mail is of course allowed.
            var check = new FieldErrors();
            AccountRequestValidator.Validate(check, parameters, artifact, constraints, org, await NetworkSnapshot.LoadAsync(db), new HashSet<string>(), product.AccountId);
            foreach (var message in check.For(AccountParameters.ManagedOrganizationalUnit))
            {
                errors.Add(AccountParameters.ManagedOrganizationalUnit, message);
            }
        }
        if (!errors.IsEmpty)
        {
            return await auditTrail.RefuseAsync<ProvisionedProductView>(requester.Actor, Action, provisionedProductId, errors);
        }
        var values = new Dictionary<string, string>(product.Parameters) { [AccountParameters.ManagedOrganizationalUnit] = $"{ou!.Name} ({ou.Id})" };
        var record = NewRecord(product, RecordType.UPDATE_PROVISIONED_PRODUCT, requester, values, ApprovalState.NotRequired, existingAccount: true, product.AccountId);
        product.Status = ProvisionedProductStatus.UNDER_CHANGE;
        product.StatusMessage = $"Moving to {ou.Name}.";
        db.ProvisioningRecords.Add(record);
        db.AuditEvents.Add(requester.Actor.Record(Action, product.Id, AuditOutcome.Succeeded, $"Move account {product.AccountId} to {ou.Name}; record {record.Id}.", product.AccountId));
        await db.SaveChangesAsync();
        signal.Notify();
        events.Publish();
        return OperationResult<ProvisionedProductView>.Success(await ViewAsync(product.Id));
    }

    /// <summary>Terminate: the account is unmanaged (it leaves governance and its OU) but not closed.</summary>
    public async Task<OperationResult<ProvisionedProductView>> TerminateAsync(Requester requester, string provisionedProductId)
    {
        const string Action = "servicecatalog:TerminateProvisionedProduct";
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await OwnedAsync(db, requester, provisionedProductId) is not { } product)
        {
            return OperationResult<ProvisionedProductView>.NotFound($"You have no provisioned product '{provisionedProductId}'.");
        }
        var errors = Ready(product);
        if (!errors.IsEmpty)
        {
            return await auditTrail.RefuseAsync<ProvisionedProductView>(requester.Actor, Action, provisionedProductId, errors);
        }
        var record = NewRecord(product, RecordType.TERMINATE_PROVISIONED_PRODUCT, requester, new Dictionary<string, string>(product.Parameters), ApprovalState.NotRequired,
            existingAccount: true, product.AccountId);
        product.Status = ProvisionedProductStatus.UNDER_CHANGE;
        product.StatusMessage = "Terminating: the account leaves governance; it is not closed.";
        db.ProvisioningRecords.Add(record);
        db.AuditEvents.Add(requester.Actor.Record(Action, product.Id, AuditOutcome.Succeeded, $"Unmanage account {product.AccountId}; record {record.Id}.", product.AccountId));
        await db.SaveChangesAsync();
        signal.Notify();
        events.Publish();
        return OperationResult<ProvisionedProductView>.Success(await ViewAsync(product.Id));
    }

    /// <summary>Enroll an existing, ungoverned account of the organization; refused until it has the execution role.</summary>
    public async Task<OperationResult<ProvisionedProductView>> EnrollAsync(Requester requester, EnrollRequest request)
    {
        const string Action = "controltower:EnrollAccount";
        await using var db = await dbFactory.CreateDbContextAsync();
        var errors = new FieldErrors();
        if (!requester.IsAdmin)
        {
            return OperationResult<ProvisionedProductView>.Denied("Only Admins enroll existing accounts.");
        }
        var org = await OrganizationSnapshot.LoadAsync(db);
        var account = org.Account(request.AccountId);
        if (account is null || account.Kind != Organization.Model.AccountKind.Member)
        {
            errors.Add("accountId", $"'{request.AccountId}' is not a member account of the organization.");
        }
        else if (account.Enrolled)
        {
            errors.Add("accountId", $"{account.Name} is already enrolled.");
        }
        else if (!await db.AccountResources.AnyAsync(r => r.AccountId == account.Id && r.Type == "AWS::IAM::Role" && r.Name == Organization.Baseline.ExecutionRole))
        {
            errors.Add("accountId", $"{account.Name} has no {Organization.Baseline.ExecutionRole} role yet: create it in the account (it trusts the management account), then enroll it.");
        }
        else if (await db.ProvisionedProducts.AnyAsync(p => p.AccountId == account.Id && p.TerminatedUtc == null && p.Status == ProvisionedProductStatus.UNDER_CHANGE))
        {
            errors.Add("accountId", $"{account.Name} has an operation in progress.");
        }
        var ou = string.IsNullOrWhiteSpace(request.ManagedOrganizationalUnit) ? null : AccountRequestValidator.ResolveOu(org, request.ManagedOrganizationalUnit);
        if (ou is null)
        {
            errors.Add(AccountParameters.ManagedOrganizationalUnit, $"'{request.ManagedOrganizationalUnit}' is not a registered OU you can enroll into.");
        }
        var launch = (await LaunchableAsync(db, requester)).FirstOrDefault(l => l.Name == AccountFactoryCatalog.ProductName);
        if (launch is null)
        {
            errors.Add("productId", "The Account Factory product is not shared with you.");
        }
        if (!errors.IsEmpty)
        {
            return await auditTrail.RefuseAsync<ProvisionedProductView>(requester.Actor, Action, request.AccountId ?? "account", errors);
        }
        var values = new Dictionary<string, string>
        {
            [AccountParameters.AccountEmail] = account!.Email, [AccountParameters.AccountName] = account.Name,
            [AccountParameters.ManagedOrganizationalUnit] = $"{ou!.Name} ({ou.Id})",
            [AccountParameters.SsoUserEmail] = request.SsoUserEmail ?? "", [AccountParameters.SsoUserFirstName] = request.SsoUserFirstName ?? "",
            [AccountParameters.SsoUserLastName] = request.SsoUserLastName ?? "", [AccountParameters.VpcRegions] = "",
        };
        var product = new ProvisionedProduct
        {
            Id = ids.CatalogId("pp"), Name = account.Name, ProductId = launch!.ProductId, ArtifactId = launch.ArtifactId, PortfolioId = launch.PortfolioId,
            Status = ProvisionedProductStatus.UNDER_CHANGE, StatusMessage = "Enrolling.", OwnerUserId = requester.Actor.UserId ?? "", OwnerName = requester.Actor.Name,
            AccountId = account.Id, Parameters = values, CreatedUtc = DateTime.UtcNow,
        };
        var record = NewRecord(product, RecordType.PROVISION_PRODUCT, requester, values, ApprovalState.NotRequired, existingAccount: true, account.Id);
        db.ProvisionedProducts.Add(product);
        db.ProvisioningRecords.Add(record);
        db.AuditEvents.Add(requester.Actor.Record(Action, account.Id, AuditOutcome.Succeeded, $"Enroll {account.Name} into {ou.Name}; record {record.Id}.", account.Id));
        await db.SaveChangesAsync();
        signal.Notify();
        events.Publish();
        return OperationResult<ProvisionedProductView>.Success(await ViewAsync(product.Id));
    }

    private static async Task<ProvisionedProduct?> OwnedAsync(Data.PortalDbContext db, Requester requester, string id) =>
        await db.ProvisionedProducts.FirstOrDefaultAsync(p => p.Id == id && p.TerminatedUtc == null && (requester.IsAdmin || p.OwnerUserId == requester.Actor.UserId));

    /// <summary>An operation needs a settled product with an account.</summary>
    private static FieldErrors Ready(ProvisionedProduct product)
    {
        var errors = new FieldErrors();
        if (product.Status == ProvisionedProductStatus.UNDER_CHANGE)
        {
            errors.Add("provisionedProductId", $"{product.Name} has an operation in progress: wait for it to end.");
        }
        else if (product.AccountId is null)
        {
            errors.Add("provisionedProductId", $"{product.Name} has no account (its launch failed): launch again instead.");
        }
        return errors;
    }
}
