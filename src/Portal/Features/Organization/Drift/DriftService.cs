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
public sealed class DriftService(IDbContextFactory<PortalDbContext> dbFactory, AuditTrail auditTrail, OrganizationEvents events, ChangeGate gate,
    Compliance.ComplianceQueue compliance)
{
    private const string OutOfBand = "Out of band, bypassing the portal.";

    public async Task<IReadOnlyList<DriftItem>> DetectAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return DriftDetector.Detect(await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken));
    }

    public async Task<OperationResult<IReadOnlyList<DriftItem>>> ApplyOutOfBandAsync(Actor actor, OutOfBandChange change)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var org = await OrganizationSnapshot.LoadAsync(db, tracking: true);
        var errors = new FieldErrors();
        string action;
        string target;
        // The organization as the change leaves it, for the policy test suites, before anything is touched.
        OrganizationSnapshot? proposed = null;
        Action? apply = null;
        switch (change.Kind)
        {
            case OutOfBandKinds.MoveAccount:
                action = "organizations:MoveAccount";
                target = change.AccountId ?? "";
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
                action = "organizations:UpdatePolicy";
                target = change.PolicyId ?? "";
                var edited = ControlTowerPolicy(org, change.PolicyId, errors);
                foreach (var error in PolicyParser.Parse(change.Document ?? "", "edited").Errors)
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
                action = "organizations:DetachPolicy";
                target = change.PolicyId ?? "";
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
                action = "organizations:DeleteOrganizationalUnit";
                target = change.OuId ?? "";
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
                action = "organizations:Unknown";
                target = "";
                errors.Add("kind", $"'{change.Kind}' is not an out-of-band change: use {string.Join(", ", OutOfBandKinds.All)}.");
                break;
        }

        if (!errors.IsEmpty)
        {
            return await auditTrail.RefuseAsync<IReadOnlyList<DriftItem>>(actor, action, target, errors);
        }
        var report = await gate.CheckAsync(org, proposed!);
        if (report.Blocks && (report.Refuses || !change.ConfirmFailingTests))
        {
            return await auditTrail.BlockAsync<IReadOnlyList<DriftItem>>(actor, action, target, report);
        }
        apply!();
        db.AuditEvents.Add(actor.Record(action, target, AuditOutcome.Succeeded, $"{OutOfBand} {ServiceControlPolicies.PolicyService.Confirmed(report)}"));
        await db.SaveChangesAsync();
        compliance.Enqueue(Compliance.ComplianceScope.All);
        events.Publish();
        return OperationResult<IReadOnlyList<DriftItem>>.Success(DriftDetector.Detect(await OrganizationSnapshot.LoadAsync(db)));
    }

    public async Task<OperationResult<IReadOnlyList<DriftItem>>> RepairAsync(Actor actor, RepairRequest request)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var org = await OrganizationSnapshot.LoadAsync(db, tracking: true);
        var errors = new FieldErrors();
        var target = request.TargetId ?? "";
        string action;
        switch (request.Repair)
        {
            case DriftRepair.UpdateAccount:
                action = "controltower:UpdateEnrolledAccount";
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
                action = "controltower:RegisterOrganizationalUnit";
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
                    Rebuild(db, org, ou.Id, errors);
                }
                break;
            case DriftRepair.ResetControls:
                action = "controltower:ResetEnabledControl";
                if (org.Ou(target) is not { DeletedOutOfBand: false })
                {
                    errors.Add("targetId", $"'{target}' is not an OU of the organization.");
                }
                else
                {
                    Rebuild(db, org, target, errors);
                }
                break;
            case DriftRepair.ResetLandingZone:
                action = "controltower:ResetLandingZone";
                target = org.Zone?.RootId ?? "";
                if (org.Zone is null)
                {
                    errors.Add("landingZone", "There is no landing zone to reset.");
                    break;
                }
                foreach (var deleted in org.Ous.Where(o => o.DeletedOutOfBand))
                {
                    deleted.DeletedOutOfBand = false;
                    db.PolicyAttachments.Add(new PolicyAttachment { PolicyId = ScpPolicy.FullAwsAccessId, TargetId = deleted.Id });
                    foreach (var returning in org.Accounts.Where(a => a.ExpectedOuId == deleted.Id && a.OuId is null))
                    {
                        returning.OuId = deleted.Id;
                    }
                }
                await db.SaveChangesAsync();
                org = await OrganizationSnapshot.LoadAsync(db, tracking: true);
                foreach (var live in org.LiveOus.ToList())
                {
                    Rebuild(db, org, live.Id, errors);
                }
                break;
            default:
                action = "controltower:Repair";
                errors.Add("repair", $"'{request.Repair}' is not a repair: use {string.Join(", ", Enum.GetNames<DriftRepair>())}.");
                break;
        }

        if (!errors.IsEmpty)
        {
            await transaction.RollbackAsync();
            await auditTrail.RecordAsync(actor.Record(action, target, AuditOutcome.Failed, errors.ToString()));
            return OperationResult<IReadOnlyList<DriftItem>>.Invalid(errors);
        }
        db.AuditEvents.Add(actor.Record(action, target, AuditOutcome.Succeeded, $"Repair {request.Repair}."));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        compliance.Enqueue(Compliance.ComplianceScope.All);
        events.Publish();
        return OperationResult<IReadOnlyList<DriftItem>>.Success(DriftDetector.Detect(await OrganizationSnapshot.LoadAsync(db)));
    }

    private static void Rebuild(PortalDbContext db, OrganizationSnapshot org, string ouId, FieldErrors errors)
    {
        if (Guardrails.Rebuild(db, org, ouId, org.ControlsOn(ouId)) is { } problem)
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
