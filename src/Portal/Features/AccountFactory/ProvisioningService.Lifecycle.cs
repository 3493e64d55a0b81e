using MirrorTower.Portal.Features.Identity;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.AccountFactory.Model;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Mirroring.Network;
using MirrorTower.Portal.Features.Organization;

namespace MirrorTower.Portal.Features.AccountFactory;

public sealed partial class ProvisioningService
{
    /// <summary>Update: a new ManagedOrganizationalUnit moves the account, and the new OU's controls replace the old ones.</summary>
    public Task<OperationResult<ProvisionedProductView>> UpdateAsync(Requester requester, string provisionedProductId, UpdateRequest request) =>
        OnProductAsync(requester, "servicecatalog:UpdateProvisionedProduct", provisionedProductId, Clearance.Member, (change, db, product) => UpdateAsync(change, db, product, request));

    private static async Task<OperationResult<string>> UpdateAsync(PendingChange change, Data.PortalDbContext db, ProvisionedProduct product, UpdateRequest request)
    {
        var errors = Ready(product, change.Errors);
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
            AccountRequestValidator.Validate(check, parameters, artifact, constraints.Select(ConstraintDetail.From), org, await NetworkSnapshot.LoadAsync(db), new HashSet<string>(), product.AccountId);
            foreach (var message in check.For(AccountParameters.ManagedOrganizationalUnit))
            {
                errors.Add(AccountParameters.ManagedOrganizationalUnit, message);
            }
        }
        if (!errors.IsEmpty)
        {
            return change.Invalid<string>();
        }
        var values = new Dictionary<string, string>(product.Parameters) { [AccountParameters.ManagedOrganizationalUnit] = $"{ou!.Name} ({ou.Id})" };
        product.BeginChange($"Moving to {ou.Name}.");
        var record = NewRecord(change, product, RecordType.UPDATE_PROVISIONED_PRODUCT, change.Actor, values, ou.Id, existingAccount: true, product.AccountId);
        db.ProvisioningRecords.Add(record);
        change.Touches(ChangeArea.AccountFactory, record.Id);
        return change.Succeed(product.Id, $"Move account {product.AccountId} to {ou.Name}; record {record.Id}.");
    }

    /// <summary>Terminate: the account is unmanaged (it leaves governance and its OU) but not closed.</summary>
    public Task<OperationResult<ProvisionedProductView>> TerminateAsync(Requester requester, string provisionedProductId) =>
        OnProductAsync(requester, "servicecatalog:TerminateProvisionedProduct", provisionedProductId, Clearance.Member, (change, db, product) =>
        {
            if (!Ready(product, change.Errors).IsEmpty)
            {
                return Task.FromResult(change.Invalid<string>());
            }
            product.BeginChange("Terminating: the account leaves governance; it is not closed.");
            var record = NewRecord(change, product, RecordType.TERMINATE_PROVISIONED_PRODUCT, change.Actor, new Dictionary<string, string>(product.Parameters), product.TargetOuId,
                existingAccount: true, product.AccountId);
            db.ProvisioningRecords.Add(record);
            change.Touches(ChangeArea.AccountFactory, record.Id);
            return Task.FromResult(change.Succeed(product.Id, $"Unmanage account {product.AccountId}; record {record.Id}."));
        });

    /// <summary>
    /// An update or terminate of one product through the change pipeline: serialized, so of N parallel requests on a
    /// settled product exactly one starts an operation and the others find it UNDER_CHANGE. The owner or an Admin only.
    /// </summary>
    private async Task<OperationResult<ProvisionedProductView>> OnProductAsync(Requester requester, string action, string productId, Clearance clearance,
        Func<PendingChange, Data.PortalDbContext, ProvisionedProduct, Task<OperationResult<string>>> work)
    {
        var changed = await changes.RunAsync(requester.Actor, new ChangeSpec(action, productId, clearance), async change =>
        {
            if (await OwnedAsync(change.Db, requester, productId) is not { } product)
            {
                return change.NotFound<string>($"You have no provisioned product '{productId}'.");
            }
            change.Context = (product.AccountId, null, null);
            return await work(change, change.Db, product);
        });
        if (!changed.Succeeded)
        {
            return changed.As<ProvisionedProductView>();
        }
        signal.Notify();
        return OperationResult<ProvisionedProductView>.Success(await ViewAsync(changed.Value!));
    }

    /// <summary>Enroll an existing, ungoverned account of the organization; refused until it has the execution role.</summary>
    public async Task<OperationResult<ProvisionedProductView>> EnrollAsync(Requester requester, EnrollRequest request)
    {
        var enrolled = await changes.RunAsync(requester.Actor, new ChangeSpec("controltower:EnrollAccount", request.AccountId ?? "account", Clearance.Admin),
            change => EnrollAsync(change, change.Db, requester, request));
        if (!enrolled.Succeeded)
        {
            return enrolled.As<ProvisionedProductView>();
        }
        signal.Notify();
        return OperationResult<ProvisionedProductView>.Success(await ViewAsync(enrolled.Value!));
    }

    private async Task<OperationResult<string>> EnrollAsync(PendingChange change, Data.PortalDbContext db, Requester requester, EnrollRequest request)
    {
        var errors = change.Errors;
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
            return change.Invalid<string>();
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
            OwnerUserId = requester.Actor.UserId ?? "", OwnerName = requester.Actor.Name,
            AccountId = account.Id, TargetOuId = ou.Id, Parameters = values, CreatedUtc = change.Now,
        };
        product.Note("Enrolling.");
        var record = NewRecord(change, product, RecordType.PROVISION_PRODUCT, requester, values, ou.Id, ApprovalState.NotRequired, existingAccount: true, account.Id);
        db.ProvisionedProducts.Add(product);
        db.ProvisioningRecords.Add(record);
        change.Target = account.Id;
        change.Context = (account.Id, null, null);
        change.Touches(ChangeArea.AccountFactory, record.Id);
        return change.Succeed(product.Id, $"Enroll {account.Name} into {ou.Name}; record {record.Id}.");
    }

    private static async Task<ProvisionedProduct?> OwnedAsync(Data.PortalDbContext db, Requester requester, string id) =>
        await db.ProvisionedProducts.FirstOrDefaultAsync(p => p.Id == id && p.TerminatedUtc == null && (requester.IsAdmin || p.OwnerUserId == requester.Actor.UserId));

    /// <summary>An operation needs a settled product with an account.</summary>
    private static FieldErrors Ready(ProvisionedProduct product, FieldErrors errors) =>
        product.NotReady() is { } problem ? errors.Add("provisionedProductId", problem) : errors;
}
