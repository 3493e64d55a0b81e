using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.AccountFactory.Model;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Network;
using MirrorTower.Portal.Features.Organization;

namespace MirrorTower.Portal.Features.AccountFactory;

/// <summary>
/// Launch, update, terminate and enroll; approvals. Everything is validated up front and saved in one transaction with
/// its audit event; the work itself is the worker's (<see cref="AccountFactoryWorker"/>).
/// </summary>
public sealed partial class ProvisioningService(
    IDbContextFactory<PortalDbContext> dbFactory,
    WriteGate gate,
    AwsIdentifiers ids,
    AuditTrail auditTrail,
    AccountFactorySignal signal,
    OrganizationEvents events)
{
    public async Task<OperationResult<ProvisionedProductView>> LaunchAsync(Requester requester, LaunchRequest request)
    {
        var result = await LaunchOnceAsync(requester, request);
        if (result.Succeeded || request.ProvisionToken is null)
        {
            return result;
        }
        // A retry that raced the first launch with its token saw the first one's e-mail as taken: it is that launch.
        await using var db = await dbFactory.CreateDbContextAsync();
        return await EarlierLaunchAsync(db, requester, request) ?? result;
    }

    private async Task<OperationResult<ProvisionedProductView>> LaunchOnceAsync(Requester requester, LaunchRequest request)
    {
        const string Action = "servicecatalog:ProvisionProduct";
        await using var db = await dbFactory.CreateDbContextAsync();
        var errors = new FieldErrors();
        if (request.ProvisionToken is { } token && (token.Length is 0 or > 128 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return await auditTrail.RefuseAsync<ProvisionedProductView>(requester.Actor, Action, "provisionToken",
                errors.Add("provisionToken", "The provision token has 1-128 letters, digits, '-' or '_'."));
        }
        if (await EarlierLaunchAsync(db, requester, request) is { } earlier)
        {
            return earlier;
        }
        var launchable = await LaunchableAsync(db, requester);
        var choice = launchable.FirstOrDefault(l => (request.ProductId is null ? l.Name == AccountFactoryCatalog.ProductName : l.ProductId == request.ProductId)
            && (request.PathId is null || l.PortfolioId == request.PathId));
        if (choice is null)
        {
            return await auditTrail.RefuseAsync<ProvisionedProductView>(requester.Actor, Action, request.ProductId ?? AccountFactoryCatalog.ProductName,
                errors.Add("productId", $"You may not launch '{request.ProductId ?? AccountFactoryCatalog.ProductName}'{(request.PathId is null ? "" : $" through {request.PathId}")}: no portfolio shares it with you."));
        }
        var artifact = await db.ProvisioningArtifacts.FirstOrDefaultAsync(a => a.ProductId == choice.ProductId && a.Active
            && (request.ProvisioningArtifactId == null ? a.IsDefault : a.Id == request.ProvisioningArtifactId));
        if (artifact is null)
        {
            return await auditTrail.RefuseAsync<ProvisionedProductView>(requester.Actor, Action, choice.ProductId,
                errors.Add("provisioningArtifactId", $"'{request.ProvisioningArtifactId}' is not an active version of {choice.Name}."));
        }
        var name = string.IsNullOrWhiteSpace(request.ProvisionedProductName) ? request.Parameters?.GetValueOrDefault(AccountParameters.AccountName) : request.ProvisionedProductName;
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 128 || !name.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ' '))
        {
            errors.Add("provisionedProductName", "The provisioned product name has 1-128 letters, digits, spaces, '-', '_' or '.' (it defaults to AccountName).");
        }
        var org = await OrganizationSnapshot.LoadAsync(db);
        var network = await NetworkSnapshot.LoadAsync(db);
        var reserved = await ReservedEmailsAsync(db);
        var validated = AccountRequestValidator.Validate(errors, request.Parameters ?? new Dictionary<string, string?>(), artifact, choice.Constraints, org, network, reserved);
        if (!errors.IsEmpty)
        {
            return await auditTrail.RefuseAsync<ProvisionedProductView>(requester.Actor, Action, choice.ProductId, errors);
        }

        var product = new ProvisionedProduct
        {
            Id = ids.CatalogId("pp"), Name = name!.Trim(), ProductId = choice.ProductId, ArtifactId = artifact.Id, PortfolioId = choice.PortfolioId,
            Status = ProvisionedProductStatus.UNDER_CHANGE, OwnerUserId = requester.Actor.UserId ?? "", OwnerName = requester.Actor.Name,
            ReservedEmail = validated.Values[AccountParameters.AccountEmail], Parameters = validated.Values, CreatedUtc = DateTime.UtcNow,
            ProvisionToken = request.ProvisionToken, LaunchFingerprint = request.ProvisionToken is null ? null : request.Fingerprint(),
        };
        var approval = choice.RequiresApproval && !requester.IsAdmin ? ApprovalState.Pending : ApprovalState.NotRequired;
        product.StatusMessage = approval == ApprovalState.Pending ? "Waiting for an admin's approval." : "Queued.";
        var record = NewRecord(product, RecordType.PROVISION_PRODUCT, requester, validated.Values, approval, existingAccount: false);
        db.ProvisionedProducts.Add(product);
        db.ProvisioningRecords.Add(record);
        db.AuditEvents.Add(requester.Actor.Record(Action, product.Id, AuditOutcome.Succeeded,
            $"Account {validated.Values[AccountParameters.AccountName]} ({validated.Values[AccountParameters.AccountEmail]}) requested in {validated.Values[AccountParameters.ManagedOrganizationalUnit]}; record {record.Id}{(approval == ApprovalState.Pending ? ", waiting for approval" : "")}."));
        if (await SaveAsync<ProvisionedProductView>(db, requester, Action, product.Id) is { } conflict)
        {
            return conflict;
        }
        signal.Notify();
        events.Publish();
        return OperationResult<ProvisionedProductView>.Success(await ViewAsync(product.Id) with { Warnings = validated.Warnings });
    }

    public async Task<OperationResult<RecordView>> DecideAsync(Requester requester, string recordId, ApprovalDecision decision)
    {
        const string Action = "mirrortower:ApproveProvisioning";
        // A guarded transition: the write transaction is taken before the record is read, so of N decisions at once
        // exactly one finds it Pending; the others find the state it left and get a conflict naming it.
        await using var change = await gate.BeginAsync();
        var db = change.Db;
        var record = await db.ProvisioningRecords.FirstOrDefaultAsync(r => r.Id == recordId);
        if (record is null)
        {
            return OperationResult<RecordView>.NotFound($"No record has the id '{recordId}'.");
        }
        var errors = new FieldErrors();
        if (!requester.IsAdmin)
        {
            return OperationResult<RecordView>.Denied("Only Admins approve or reject launches.");
        }
        if (record.Approval != ApprovalState.Pending)
        {
            var conflict = new FieldErrors().Add("recordId", $"Record {recordId} is not waiting for approval: it is {record.Approval}{(record.ApprovedBy is null ? "" : $" by {record.ApprovedBy}")}.");
            await change.RefuseAsync(requester.Actor.Record(Action, recordId, AuditOutcome.Failed, conflict.ToString()));
            return OperationResult<RecordView>.Conflict(conflict);
        }
        if (!decision.Approve && string.IsNullOrWhiteSpace(decision.Reason))
        {
            errors.Add("reason", "A rejection needs a reason, which the requester sees.");
        }
        if (decision.Reason?.Length > 500)
        {
            errors.Add("reason", "The reason is at most 500 characters.");
        }
        if (!errors.IsEmpty)
        {
            return await change.RefuseAsync<RecordView>(requester.Actor, Action, recordId, errors);
        }
        var product = await db.ProvisionedProducts.FirstAsync(p => p.Id == record.ProvisionedProductId);
        record.Approval = decision.Approve ? ApprovalState.Approved : ApprovalState.Rejected;
        record.ApprovedBy = requester.Actor.Name;
        record.ApprovalReason = decision.Reason?.Trim();
        record.UpdatedUtc = DateTime.UtcNow;
        if (!decision.Approve)
        {
            record.Status = RecordStatus.FAILED;
            record.Message = $"Rejected by {requester.Actor.Name}: {decision.Reason!.Trim()}";
            product.Status = ProvisionedProductStatus.ERROR;
            product.StatusMessage = record.Message;
            product.ReservedEmail = null;
        }
        else
        {
            product.StatusMessage = "Approved; queued.";
        }
        db.AuditEvents.Add(requester.Actor.Record(Action, recordId, AuditOutcome.Succeeded, decision.Approve ? "Approved." : $"Rejected: {decision.Reason!.Trim()}"));
        await change.CommitAsync();
        signal.Notify();
        events.Publish();
        return OperationResult<RecordView>.Success((await RecordAsync(recordId))!);
    }

    /// <summary>The product an earlier launch with the same token made: the same answer for the same request, a conflict for another.</summary>
    private async Task<OperationResult<ProvisionedProductView>?> EarlierLaunchAsync(PortalDbContext db, Requester requester, LaunchRequest request)
    {
        if (request.ProvisionToken is not { } token || requester.Actor.UserId is not { } owner
            || await db.ProvisionedProducts.AsNoTracking().FirstOrDefaultAsync(p => p.OwnerUserId == owner && p.ProvisionToken == token) is not { } earlier)
        {
            return null;
        }
        return earlier.LaunchFingerprint == request.Fingerprint()
            ? OperationResult<ProvisionedProductView>.Success(await ViewAsync(earlier.Id))
            : OperationResult<ProvisionedProductView>.Conflict(new FieldErrors().Add("provisionToken",
                $"The provision token '{token}' was used for another launch ({earlier.Id}) with other parameters."));
    }

    private static ProvisioningRecord NewRecord(ProvisionedProduct product, RecordType type, Requester requester, Dictionary<string, string> parameters,
        ApprovalState approval, bool existingAccount, string? accountId = null)
    {
        var id = $"rec-{Guid.NewGuid():N}"[..17];
        var record = new ProvisioningRecord
        {
            Id = id, ProvisionedProductId = product.Id, Type = type, Status = RecordStatus.CREATED, Approval = approval, RequestedBy = requester.Actor.Name,
            Parameters = parameters, AccountId = accountId, CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow,
        };
        record.Steps = StepNames.For(type, existingAccount).Select((name, i) => new RecordStep { RecordId = id, Order = i + 1, Name = name }).ToList();
        product.LastRecordId = id;
        return record;
    }

    private static async Task<HashSet<string>> ReservedEmailsAsync(PortalDbContext db) =>
        (await db.ProvisionedProducts.Where(p => p.ReservedEmail != null).Select(p => p.ReservedEmail!).ToListAsync()).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Saves; a launch that lost the race for its e-mail (the unique index on reserved e-mails) is refused with the reason.</summary>
    private async Task<OperationResult<T>?> SaveAsync<T>(PortalDbContext db, Requester requester, string action, string target)
    {
        try
        {
            await db.SaveChangesAsync();
            return null;
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return await auditTrail.RefuseAsync<T>(requester.Actor, action, target,
                new FieldErrors().Add(AccountParameters.AccountEmail, "Another launch requested the same e-mail at the same moment and got it first."));
        }
    }
}
