using MirrorTower.Portal.Features.Identity;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.AccountFactory.Model;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Mirroring.Network;

using MirrorTower.Portal.Features.Organization;

namespace MirrorTower.Portal.Features.AccountFactory;

/// <summary>
/// Launch, update, terminate and enroll; approvals. Everything is validated up front and saved in one transaction with
/// its audit event; the work itself is the worker's (<see cref="AccountFactoryWorker"/>).
/// </summary>
public sealed partial class ProvisioningService(
    IDbContextFactory<PortalDbContext> dbFactory,
    ChangePipeline changes,
    AwsIdentifiers ids,
    AccountFactorySignal signal)
{
    public async Task<OperationResult<ProvisionedProductView>> LaunchAsync(Requester requester, LaunchRequest request)
    {
        const string Action = "servicecatalog:ProvisionProduct";
        var launched = await changes.RunAsync(requester.Actor, new ChangeSpec(Action, request.ProductId ?? AccountFactoryCatalog.ProductName, Clearance.Member),
            change => LaunchAsync(change, requester, request));
        if (!launched.Succeeded)
        {
            return launched.As<ProvisionedProductView>();
        }
        signal.Notify();
        var (productId, warnings) = launched.Value;
        return OperationResult<ProvisionedProductView>.Success(await ViewAsync(productId) with { Warnings = warnings });
    }

    /// <summary>
    /// What a launch would say without making it: the same checks, field by field, and its warnings (a VPC CIDR over
    /// another account's VPC). The launch wizard asks before each Next, so a step does not pass with a field left wrong.
    /// </summary>
    public async Task<LaunchCheck> CheckLaunchAsync(Requester requester, LaunchRequest request)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var errors = new FieldErrors();
        var checkedLaunch = await CheckAsync(db, errors, requester, request);
        return new LaunchCheck(errors, checkedLaunch?.Validated.Warnings ?? []);
    }

    private sealed record CheckedLaunch(LaunchableProduct Choice, ProvisioningArtifact Artifact, string? Name, ValidatedParameters Validated);

    /// <summary>The launch's checks; null when there is nothing to check the parameters against (no product, no version).</summary>
    private static async Task<CheckedLaunch?> CheckAsync(PortalDbContext db, FieldErrors errors, Requester requester, LaunchRequest request)
    {
        var launchable = await LaunchableAsync(db, requester);
        var choice = launchable.FirstOrDefault(l => (request.ProductId is null ? l.Name == AccountFactoryCatalog.ProductName : l.ProductId == request.ProductId)
            && (request.PathId is null || l.PortfolioId == request.PathId));
        if (choice is null)
        {
            errors.Add("productId",
                $"You may not launch '{request.ProductId ?? AccountFactoryCatalog.ProductName}'{(request.PathId is null ? "" : $" through {request.PathId}")}: no portfolio shares it with you.");
            return null;
        }
        var artifact = await db.ProvisioningArtifacts.FirstOrDefaultAsync(a => a.ProductId == choice.ProductId && a.Active
            && (request.ProvisioningArtifactId == null ? a.IsDefault : a.Id == request.ProvisioningArtifactId));
        if (artifact is null)
        {
            errors.Add("provisioningArtifactId", $"'{request.ProvisioningArtifactId}' is not an active version of {choice.Name}.");
            return null;
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
        return new CheckedLaunch(choice, artifact, name, validated);
    }

    /// <summary>
    /// Checks and records a launch inside its change: a retry with the same token is answered with the first launch
    /// (read in the same serialized transaction, so 20 parallel retries make one product); e-mails are reserved.
    /// </summary>
    private async Task<OperationResult<(string ProductId, IReadOnlyList<string> Warnings)>> LaunchAsync(PendingChange change, Requester requester, LaunchRequest request)
    {
        var db = change.Db;
        var errors = change.Errors;
        if (request.ProvisionToken is { } token && (token.Length is 0 or > 128 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            change.Target = "provisionToken";
            return change.Invalid<(string, IReadOnlyList<string>)>(errors.Add("provisionToken", "The provision token has 1-128 letters, digits, '-' or '_'."));
        }
        if (await EarlierLaunchAsync(db, requester, request) is { } earlier)
        {
            return earlier.Succeeded ? change.SucceedWithOwnAudit((earlier.Value!, (IReadOnlyList<string>)[])) : earlier.As<(string, IReadOnlyList<string>)>();
        }
        var checkedLaunch = await CheckAsync(db, errors, requester, request);
        if (checkedLaunch is null)
        {
            return change.Invalid<(string, IReadOnlyList<string>)>();
        }
        var (choice, artifact, name, validated) = checkedLaunch;
        change.Target = choice.ProductId;
        if (!errors.IsEmpty)
        {
            return change.Invalid<(string, IReadOnlyList<string>)>();
        }

        var product = new ProvisionedProduct
        {
            Id = ids.CatalogId("pp"), Name = name!.Trim(), ProductId = choice.ProductId, ArtifactId = artifact.Id, PortfolioId = choice.PortfolioId,
            OwnerUserId = requester.Actor.UserId ?? "", OwnerName = requester.Actor.Name, TargetOuId = validated.OuId,
            ReservedEmail = validated.Values[AccountParameters.AccountEmail], Parameters = validated.Values, CreatedUtc = change.Now,
            ProvisionToken = request.ProvisionToken, LaunchFingerprint = request.ProvisionToken is null ? null : request.Fingerprint(),
        };
        var approval = choice.RequiresApproval && !requester.IsAdmin ? ApprovalState.Pending : ApprovalState.NotRequired;
        product.Note(approval == ApprovalState.Pending ? "Waiting for an admin's approval." : "Queued.");
        var record = NewRecord(change, product, RecordType.PROVISION_PRODUCT, requester, validated.Values, validated.OuId, approval, existingAccount: false);
        db.ProvisionedProducts.Add(product);
        db.ProvisioningRecords.Add(record);
        change.Target = product.Id;
        change.UniqueConflict = new FieldErrors().Add(AccountParameters.AccountEmail, "Another launch requested the same e-mail at the same moment and got it first.");
        change.Touches(ChangeArea.AccountFactory, record.Id);
        return change.Succeed((product.Id, validated.Warnings),
            $"Account {validated.Values[AccountParameters.AccountName]} ({validated.Values[AccountParameters.AccountEmail]}) requested in {validated.Values[AccountParameters.ManagedOrganizationalUnit]}; record {record.Id}{(approval == ApprovalState.Pending ? ", waiting for approval" : "")}.");
    }

    public async Task<OperationResult<RecordView>> DecideAsync(Requester requester, string recordId, ApprovalDecision decision)
    {
        // A guarded transition: the write transaction is taken before the record is read, so of N decisions at once
        // exactly one finds it Pending; the others find the state it left and get a conflict naming it.
        var decided = await changes.RunAsync(requester.Actor, new ChangeSpec("mirrortower:ApproveProvisioning", recordId, Clearance.Admin), async change =>
        {
            var db = change.Db;
            var record = await db.ProvisioningRecords.FirstOrDefaultAsync(r => r.Id == recordId);
            if (record is null)
            {
                return change.NotFound<bool>($"No record has the id '{recordId}'.");
            }
            if (record.NotDecidable() is { } found)
            {
                return change.Conflict<bool>(new FieldErrors().Add("recordId", found));
            }
            if (!decision.Approve && string.IsNullOrWhiteSpace(decision.Reason))
            {
                change.Errors.Add("reason", "A rejection needs a reason, which the requester sees.");
            }
            if (decision.Reason?.Length > 500)
            {
                change.Errors.Add("reason", "The reason is at most 500 characters.");
            }
            change.Errors.CheckText("reason", decision.Reason);
            var product = await db.ProvisionedProducts.FirstAsync(p => p.Id == record.ProvisionedProductId);
            try
            {
                if (decision.Approve)
                {
                    record.Approve(requester.Actor.Name, decision.Reason?.Trim(), change.Now);
                    product.Note("Approved; queued.");
                }
                else if (change.Errors.IsEmpty)
                {
                    record.Reject(requester.Actor.Name, decision.Reason!.Trim(), change.Now);
                    product.MarkError(record.Message!);
                }
            }
            catch (InvalidTransitionException conflict)
            {
                return change.Conflict<bool>(new FieldErrors().Add("recordId", conflict.Message));
            }
            if (!change.Errors.IsEmpty)
            {
                return change.Invalid<bool>();
            }
            change.Touches(ChangeArea.AccountFactory, recordId);
            return change.Succeed(true, decision.Approve ? "Approved." : $"Rejected: {decision.Reason!.Trim()}");
        });
        if (!decided.Succeeded)
        {
            return decided.As<RecordView>();
        }
        signal.Notify();
        return OperationResult<RecordView>.Success((await RecordAsync(recordId))!);
    }

    /// <summary>The product an earlier launch with the same token made: the same answer for the same request, a conflict for another.</summary>
    private static async Task<OperationResult<string>?> EarlierLaunchAsync(PortalDbContext db, Requester requester, LaunchRequest request)
    {
        if (request.ProvisionToken is not { } token || requester.Actor.UserId is not { } owner
            || await db.ProvisionedProducts.AsNoTracking().FirstOrDefaultAsync(p => p.OwnerUserId == owner && p.ProvisionToken == token) is not { } earlier)
        {
            return null;
        }
        return earlier.LaunchFingerprint == request.Fingerprint()
            ? OperationResult<string>.Success(earlier.Id)
            : OperationResult<string>.Conflict(new FieldErrors().Add("provisionToken",
                $"The provision token '{token}' was used for another launch ({earlier.Id}) with other parameters."));
    }

    private static ProvisioningRecord NewRecord(PendingChange change, ProvisionedProduct product, RecordType type, Requester requester, Dictionary<string, string> parameters,
        string? targetOuId, ApprovalState approval, bool existingAccount, string? accountId = null) =>
        ProvisioningRecord.Submit($"rec-{Guid.NewGuid():N}"[..17], product, type, approval, requester.Actor.Name, parameters, targetOuId, accountId,
            ProvisioningStepTable.For(type, existingAccount).Select(s => s.Name), change.Now);

    /// <summary>An update or terminate by its owner (or an Admin): no approval, on the product's account.</summary>
    private static ProvisioningRecord NewRecord(PendingChange change, ProvisionedProduct product, RecordType type, Actor actor, Dictionary<string, string> parameters,
        string? targetOuId, bool existingAccount, string? accountId) =>
        ProvisioningRecord.Submit($"rec-{Guid.NewGuid():N}"[..17], product, type, ApprovalState.NotRequired, actor.Name, parameters, targetOuId, accountId,
            ProvisioningStepTable.For(type, existingAccount).Select(s => s.Name), change.Now);

    private static async Task<HashSet<string>> ReservedEmailsAsync(PortalDbContext db) =>
        (await db.ProvisionedProducts.Where(p => p.ReservedEmail != null).Select(p => p.ReservedEmail!).ToListAsync()).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
