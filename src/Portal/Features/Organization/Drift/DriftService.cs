using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine.Policies;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Organization.Model;
using MirrorTower.Portal.Features.Workbench;

namespace MirrorTower.Portal.Features.Organization.Drift;

/// <summary>
/// Causes drift the way someone bypassing the portal would (the out-of-band panel), and repairs it with the
/// reference's repair for each drift type.
/// </summary>
public sealed class DriftService(IDbContextFactory<PortalDbContext> dbFactory, ChangePipeline changes, ChangeGate gate,
    Compliance.ComplianceQueue compliance, OrganizationService organization)
{
    private const string OutOfBand = "Out of band, bypassing the portal.";

    public async Task<IReadOnlyList<DriftItem>> DetectAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return DriftDetector.Detect(await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken));
    }

    public async Task<OperationResult<IReadOnlyList<DriftItem>>> ApplyOutOfBandAsync(Actor actor, OutOfBandChange change)
    {
        var (action, target) = change.Kind switch
        {
            OutOfBandKinds.MoveAccount => ("organizations:MoveAccount", change.AccountId ?? ""),
            OutOfBandKinds.EditControlScp => ("organizations:UpdatePolicy", change.PolicyId ?? ""),
            OutOfBandKinds.DetachControlScp => ("organizations:DetachPolicy", change.PolicyId ?? ""),
            OutOfBandKinds.DeleteFoundationalOu => ("organizations:DeleteOrganizationalUnit", change.OuId ?? ""),
            _ => ("organizations:Unknown", ""),
        };
        return await DetectedAfterAsync(await changes.RunAsync(actor, new ChangeSpec(action, target, Clearance.Admin), pending => ApplyOutOfBandAsync(pending, change)));
    }

    private async Task<OperationResult<bool>> ApplyOutOfBandAsync(PendingChange pending, OutOfBandChange change)
    {
        var db = pending.Db;
        var org = await OrganizationSnapshot.LoadAsync(db, tracking: true);
        var errors = pending.Errors;
        // The organization as the change leaves it, for the policy test suites, before anything is touched.
        OrganizationSnapshot? proposed = null;
        Action? apply = null;
        switch (change.Kind)
        {
            case OutOfBandKinds.MoveAccount:
                var account = org.Account(change.AccountId);
                if (account is null or { Kind: AccountKind.Management })
                {
                    errors.Add("accountId", $"'{change.AccountId}' is not a member account of the organization.");
                }
                if (org.Ou(change.OuId) is not { DeletedOutOfBand: false } || change.OuId == account?.OuId)
                {
                    errors.Add("ouId", $"'{change.OuId}' is not another OU of the organization.");
                }
                if (errors.IsEmpty)
                {
                    proposed = Proposals.WithAccountIn(org, account!.Id, change.OuId);
                    apply = () => account.OuId = change.OuId;
                }
                break;
            case OutOfBandKinds.EditControlScp:
                var edited = ControlTowerPolicy(org, change.PolicyId, errors);
                foreach (var error in PolicyParser.Parse(change.Document ?? "", "edited", type: edited?.Type ?? PolicyType.ServiceControlPolicy).Errors)
                {
                    errors.Add("document", error.ToString());
                }
                if (errors.IsEmpty)
                {
                    proposed = Proposals.WithDocument(org, edited!.Id, change.Document!);
                    apply = () => edited.Document = change.Document!;
                }
                break;
            case OutOfBandKinds.DetachControlScp:
                var detached = ControlTowerPolicy(org, change.PolicyId, errors);
                var attachment = org.Attachments.FirstOrDefault(a => a.PolicyId == detached?.Id && a.TargetId == detached?.OwnerOuId);
                if (detached is not null && attachment is null)
                {
                    errors.Add("policyId", $"{detached.Name} is not attached to its OU.");
                }
                if (errors.IsEmpty)
                {
                    proposed = Proposals.WithoutAttachment(org, attachment!.PolicyId, attachment.TargetId);
                    apply = () => db.PolicyAttachments.Remove(attachment);
                }
                break;
            case OutOfBandKinds.DeleteFoundationalOu:
                var ou = org.Ou(change.OuId);
                if (ou is not { Foundational: true, DeletedOutOfBand: false })
                {
                    errors.Add("ouId", $"'{change.OuId}' is not a foundational OU of the landing zone.");
                }
                else
                {
                    proposed = Proposals.WithoutOu(org, ou.Id);
                    apply = () =>
                    {
                        // Organizations deletes only empty OUs: its accounts go to the root first, and its SCPs go with it.
                        ou.DeletedOutOfBand = true;
                        foreach (var moved in org.Accounts.Where(a => a.OuId == ou.Id))
                        {
                            moved.OuId = null;
                        }
                        db.PolicyAttachments.RemoveRange(org.Attachments.Where(a => a.TargetId == ou.Id));
                    };
                }
                break;
            default:
                errors.Add("kind", $"'{change.Kind}' is not an out-of-band change: use {string.Join(", ", OutOfBandKinds.All)}.");
                break;
        }

        if (!errors.IsEmpty)
        {
            return pending.Invalid<bool>();
        }
        var report = await gate.CheckAsync(org, proposed!);
        if (report.Blocks && (report.Refuses || !change.ConfirmFailingTests))
        {
            return pending.Blocked<bool>(report);
        }
        apply!();
        pending.Touches(ChangeArea.Organization).Touches(ChangeArea.Policies);
        return pending.Succeed(true, $"{OutOfBand} {ServiceControlPolicies.PolicyService.Confirmed(report)}");
    }

    /// <summary>The drift after a change that succeeded (compliance is evaluated again), or the change's refusal.</summary>
    private async Task<OperationResult<IReadOnlyList<DriftItem>>> DetectedAfterAsync(OperationResult<bool> changed)
    {
        if (!changed.Succeeded)
        {
            return changed.As<IReadOnlyList<DriftItem>>();
        }
        compliance.Enqueue(Compliance.ComplianceScope.All);
        return OperationResult<IReadOnlyList<DriftItem>>.Success(await DetectAsync());
    }

    public async Task<OperationResult<IReadOnlyList<DriftItem>>> RepairAsync(Actor actor, RepairRequest request)
    {
        if (request.Repair == DriftRepair.ReRegisterOu && await IsUnregisteredAsync(request.TargetId))
        {
            // Never registered (created through Organizations): registering it is enabling its baseline, mandatory controls included.
            var registered = await organization.RegisterOuAsync(actor, request.TargetId!);
            return await DetectedAfterAsync(registered.Succeeded ? OperationResult<bool>.Success(true) : registered.As<bool>());
        }
        var action = request.Repair switch
        {
            DriftRepair.UpdateAccount => "controltower:UpdateEnrolledAccount",
            DriftRepair.ReRegisterOu => "controltower:RegisterOrganizationalUnit",
            DriftRepair.ResetControls => "controltower:ResetEnabledControl",
            DriftRepair.ResetLandingZone => "controltower:ResetLandingZone",
            _ => "controltower:Repair",
        };
        return await DetectedAfterAsync(await changes.RunAsync(actor, new ChangeSpec(action, request.TargetId ?? "", Clearance.Admin), pending => RepairAsync(pending, request)));
    }

    /// <summary>
    /// Resets an enabled control (ResetEnabledControl): its OU's Control Tower SCPs are written again from its controls
    /// (resource drift), and the accounts moved below the OU outside Control Tower are taken in, so the control reaches
    /// them (inheritance drift). Done at once and recorded as a finished RESET_ENABLED_CONTROL operation.
    /// </summary>
    public async Task<OperationResult<string>> ResetEnabledControlAsync(Actor actor, string ouId, string controlIdentifier)
    {
        var reset = await changes.RunAsync(actor, new ChangeSpec("controltower:ResetEnabledControl", $"{controlIdentifier} on {ouId}", Clearance.Admin), async change =>
        {
            var org = await OrganizationSnapshot.LoadAsync(change.Db, tracking: true);
            if (org.Ou(ouId) is not { DeletedOutOfBand: false } ou)
            {
                return change.NotFound<string>($"No OU has the id '{ouId}'.");
            }
            if (org.ControlsOn(ouId).FirstOrDefault(c => string.Equals(c.ControlIdentifier, controlIdentifier, StringComparison.OrdinalIgnoreCase)) is not { } enabled)
            {
                return change.Invalid<string>(new FieldErrors().Add("controlIdentifier", $"'{controlIdentifier}' is not enabled on {ou.Name}."));
            }
            if (await change.Db.ControlOperations.Where(o => o.TargetId == ouId && o.ControlIdentifier == enabled.ControlIdentifier && o.Status == ControlOperationStatus.IN_PROGRESS)
                    .Select(o => o.Id).FirstOrDefaultAsync() is { } running)
            {
                return change.Invalid<string>(new FieldErrors().Add("controlIdentifier", $"Operation {running} on {enabled.ControlIdentifier} for this OU is in progress: wait for it to end."));
            }
            var before = ControlDrift.Detect(org).GetValueOrDefault((ouId, enabled.ControlIdentifier));
            var taken = ControlDrift.AccountsNotReached(org, ouId);
            foreach (var account in taken)
            {
                account.ExpectedOuId = account.OuId;
            }
            if (Guardrails.Rebuild(change.Db, org, ouId, org.ControlsOn(ouId), change.Now) is { } problem)
            {
                return change.Invalid<string>(new FieldErrors().Add("controlIdentifier", problem));
            }
            var message = $"Was {before?.DriftStatus ?? "IN_SYNC"} (inheritance {before?.Inheritance ?? "IN_SYNC"}, resource {before?.Resource ?? "NOT_CHECKING"}); "
                + $"{ou.Name}'s Control Tower SCPs written again" + (taken.Count > 0 ? $"; taken in: {string.Join(", ", taken.Select(a => a.Name))}." : ".");
            var operation = new ControlOperation
            {
                Id = Guid.NewGuid().ToString(), OperationType = ControlOperationType.RESET_ENABLED_CONTROL, Status = ControlOperationStatus.SUCCEEDED,
                ControlIdentifier = enabled.ControlIdentifier, TargetId = ouId, RequestedBy = change.Actor.Name, RequestedVia = change.Actor.Source,
                StartUtc = change.Now, EndUtc = change.Now, StatusMessage = message,
            };
            change.Db.ControlOperations.Add(operation);
            change.Touches(ChangeArea.Controls, operation.Id).Touches(ChangeArea.Organization).Touches(ChangeArea.Policies);
            return change.Succeed(operation.Id, message);
        });
        if (reset.Succeeded)
        {
            compliance.Enqueue(Compliance.ComplianceScope.All);
        }
        return reset;
    }

    private async Task<bool> IsUnregisteredAsync(string? ouId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.OrganizationalUnits.AnyAsync(o => o.Id == ouId && !o.Registered && !o.DeletedOutOfBand);
    }

    private static async Task<OperationResult<bool>> RepairAsync(PendingChange pending, RepairRequest request)
    {
        var db = pending.Db;
        var org = await OrganizationSnapshot.LoadAsync(db, tracking: true);
        var errors = pending.Errors;
        var target = request.TargetId ?? "";
        switch (request.Repair)
        {
            case DriftRepair.UpdateAccount:
                if (org.Account(target) is not { } account || account.OuId is null)
                {
                    errors.Add("targetId", $"'{target}' is not an account in an OU.");
                }
                else
                {
                    // Accept the move: the account is governed by its new OU's controls from now on.
                    account.ExpectedOuId = account.OuId;
                }
                break;
            case DriftRepair.ReRegisterOu:
                if (org.Ou(target) is not { DeletedOutOfBand: false } ou)
                {
                    errors.Add("targetId", $"'{target}' is not an OU of the organization.");
                }
                else
                {
                    ou.Registered = true;
                    foreach (var moved in org.Accounts.Where(a => a.OuId == ou.Id))
                    {
                        moved.ExpectedOuId = ou.Id;
                    }
                    Rebuild(db, org, ou.Id, errors, pending.Now);
                }
                break;
            case DriftRepair.ResetControls:
                if (org.Ou(target) is not { DeletedOutOfBand: false })
                {
                    errors.Add("targetId", $"'{target}' is not an OU of the organization.");
                }
                else
                {
                    Rebuild(db, org, target, errors, pending.Now);
                }
                break;
            case DriftRepair.ResetLandingZone:
                await ResetLandingZoneAsync(pending, org);
                break;
            default:
                errors.Add("repair", $"'{request.Repair}' is not a repair: use {string.Join(", ", Enum.GetNames<DriftRepair>())}.");
                break;
        }

        if (!errors.IsEmpty)
        {
            return pending.Invalid<bool>();
        }
        pending.Touches(ChangeArea.Organization).Touches(ChangeArea.Controls).Touches(ChangeArea.Policies);
        return pending.Succeed(true, $"Repair {request.Repair}.");
    }

    /// <summary>
    /// Brings the landing zone back to its manifest inside the caller's change: foundational OUs deleted behind its back
    /// return with their accounts, and every OU's Control Tower SCPs are written again from its controls. Recorded as a
    /// RESET_LANDING_ZONE operation, whose id is returned (null, with the errors in the change, when it cannot be done).
    /// </summary>
    /// <param name="recordOperation">False when another operation (a version update) records the work.</param>
    internal static async Task<string?> ResetLandingZoneAsync(PendingChange pending, OrganizationSnapshot org, bool recordOperation = true)
    {
        var db = pending.Db;
        pending.Target = org.Zone?.RootId ?? "";
        if (org.Zone is null)
        {
            pending.Errors.Add("landingZone", "There is no landing zone to reset.");
            return null;
        }
        var drifted = DriftDetector.Detect(org).Count;
        foreach (var deleted in org.Ous.Where(o => o.DeletedOutOfBand))
        {
            deleted.DeletedOutOfBand = false;
            db.PolicyAttachments.AddRange(ScpPolicy.DefaultPolicyIds.Select(id => new PolicyAttachment { PolicyId = id, TargetId = deleted.Id }));
            foreach (var returning in org.Accounts.Where(a => a.ExpectedOuId == deleted.Id && a.OuId is null))
            {
                returning.OuId = deleted.Id;
            }
        }
        await db.SaveChangesAsync();
        org = await OrganizationSnapshot.LoadAsync(db, tracking: true);
        foreach (var live in org.LiveOus.ToList())
        {
            Rebuild(db, org, live.Id, pending.Errors, pending.Now);
        }
        var operation = new ControlOperation
        {
            Id = Guid.NewGuid().ToString(), OperationType = ControlOperationType.RESET_LANDING_ZONE, Status = ControlOperationStatus.SUCCEEDED,
            ControlIdentifier = ControlOperationTypes.LandingZone, TargetId = org.Zone!.RootId, RequestedBy = pending.Actor.Name, RequestedVia = pending.Actor.Source,
            StartUtc = pending.Now, EndUtc = pending.Now,
            StatusMessage = $"{drifted} drift item(s) before the reset; every OU's Control Tower SCPs written again from its controls.",
        };
        if (recordOperation)
        {
            db.ControlOperations.Add(operation);
        }
        return operation.Id;
    }

    private static void Rebuild(PortalDbContext db, OrganizationSnapshot org, string ouId, FieldErrors errors, DateTime now)
    {
        if (Guardrails.Rebuild(db, org, ouId, org.ControlsOn(ouId), now) is { } problem)
        {
            errors.Add("targetId", problem);
        }
    }

    private static ScpPolicy? ControlTowerPolicy(OrganizationSnapshot org, string? policyId, FieldErrors errors)
    {
        var policy = org.Policies.FirstOrDefault(p => p.Id == policyId && p.Kind == PolicyKind.ControlTower);
        if (policy is null)
        {
            errors.Add("policyId", $"'{policyId}' is not one of Control Tower's SCPs.");
        }
        return policy;
    }
}
