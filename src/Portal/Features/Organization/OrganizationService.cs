using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization;

/// <summary>The organization's tree: OUs and accounts, and what is in effect on each account.</summary>
public sealed class OrganizationService(
    IDbContextFactory<PortalDbContext> dbFactory,
    ChangePipeline changes,
    AwsIdentifiers ids)
{
    public async Task<OrganizationTree> GetTreeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        return new OrganizationTree(
            org.Zone?.RootId,
            org.LiveOus.Select(o => ToView(org, o)).ToList(),
            org.Accounts.Select(a => ToView(org, a)).ToList(),
            org.Zone is null ? [] : Policies(org, org.Zone.RootId));
    }

    public async Task<AccountDetail?> GetAccountAsync(string accountId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        if (org.Account(accountId) is not { } account)
        {
            return null;
        }
        var resources = await db.AccountResources.AsNoTracking().Where(r => r.AccountId == accountId)
            .OrderBy(r => r.Type).ThenBy(r => r.Name).ToListAsync(cancellationToken);
        return new AccountDetail(
            ToView(org, account),
            org.PathOf(account.OuId).Select(o => ToView(org, o)).ToList(),
            org.TargetsOf(account).Select(t => new ScpLevelView(t, org.DescribeTarget(t), Policies(org, t))
            {
                Rcps = Policies(org, t, Engine.Policies.PolicyType.ResourceControlPolicy),
            }).ToList(),
            org.ControlsInEffect(account).Select(c => ToView(c.Control, c.From)).ToList(),
            resources,
            DriftDetector.Detect(org).Where(d => d.TargetId == account.Id || d.TargetId == account.OuId).ToList());
    }

    public async Task<OperationResult<OuView>> CreateOuAsync(Actor actor, NewOu request)
    {
        var created = await changes.RunAsync(actor, new ChangeSpec("organizations:CreateOrganizationalUnit", request.Name ?? "(no name)", Clearance.Admin), async change =>
        {
            var org = await OrganizationSnapshot.LoadAsync(change.Db, tracking: true);
            var errors = change.Errors;
            if (org.Zone is null)
            {
                errors.Add("landingZone", "Set up the landing zone first.");
            }
            CheckName(errors, org, request.Name, request.ParentId, exceptId: null);
            if (request.ParentId is not null && org.Ou(request.ParentId) is not { DeletedOutOfBand: false })
            {
                errors.Add("parentId", $"No OU has the id '{request.ParentId}'.");
            }
            if (org.PathOf(request.ParentId).Count >= 5)
            {
                errors.Add("parentId", "OUs nest at most 5 levels deep.");
            }
            if (!errors.IsEmpty)
            {
                return change.Invalid<string>();
            }
            var builder = new OrganizationBuilder(change.Db, ids, org.Zone!, change.Now);
            var ou = builder.AddOu(request.Name!.Trim(), request.ParentId, registered: request.Register);
            if (request.Tags is { Count: > 0 } tags && !await OrganizationTags.ApplyAsync(change, ou.Id, tags))
            {
                return change.Invalid<string>();
            }
            await builder.WriteGuardrailsAsync();
            change.Target = ou.Id;
            change.UniqueConflict = NameTaken(ou.Name);
            change.Touches(ChangeArea.Organization, ou.Id).Touches(ChangeArea.Controls);
            return change.Succeed(ou.Id, $"OU {ou.Name} under {(request.ParentId is null ? "the root" : org.DescribeTarget(request.ParentId))}, "
                + (request.Register ? "registered with the mandatory controls." : "not registered with Control Tower."));
        });
        return created.Succeeded ? OperationResult<OuView>.Success(await OuViewAsync(created.Value!)) : created.As<OuView>();
    }

    /// <summary>
    /// Registers an OU with Control Tower (what enabling AWSControlTowerBaseline on it does): the mandatory controls and
    /// their SCPs; its accounts are governed from then on. Its parent must be the root or a registered OU. The answer is
    /// the operation's identifier, recorded as finished.
    /// </summary>
    public Task<OperationResult<string>> RegisterOuAsync(Actor actor, string ouId) =>
        changes.RunAsync(actor, new ChangeSpec("controltower:EnableBaseline", ouId, Clearance.Admin), async change =>
        {
            var org = await OrganizationSnapshot.LoadAsync(change.Db, tracking: true);
            if (org.Ou(ouId) is not { DeletedOutOfBand: false } ou)
            {
                return change.NotFound<string>($"No OU has the id '{ouId}'.");
            }
            if (ou.Registered)
            {
                change.Errors.Add("ouId", $"{ou.Name} is already registered: AWSControlTowerBaseline is enabled on it.");
            }
            else if (ou.ParentId is { } parent && org.Ou(parent) is not { Registered: true })
            {
                change.Errors.Add("ouId", $"{ou.Name}'s parent {org.DescribeTarget(parent)} is not registered: register it first.");
            }
            if (!change.Errors.IsEmpty)
            {
                return change.Invalid<string>();
            }
            var builder = new OrganizationBuilder(change.Db, ids, org.Zone!, change.Now);
            builder.Register(ou);
            foreach (var account in org.Accounts.Where(a => a.OuId == ou.Id))
            {
                account.ExpectedOuId = ou.Id;
            }
            await builder.WriteGuardrailsAsync();
            var operation = new ControlOperation
            {
                Id = Guid.NewGuid().ToString(), OperationType = ControlOperationType.ENABLE_BASELINE, Status = ControlOperationStatus.SUCCEEDED,
                ControlIdentifier = Baselines.ControlTower, TargetId = ou.Id, RequestedBy = actor.Name, RequestedVia = actor.Source,
                StartUtc = change.Now, EndUtc = change.Now, StatusMessage = "Registered with the mandatory controls.",
            };
            change.Db.ControlOperations.Add(operation);
            change.Touches(ChangeArea.Organization, ou.Id).Touches(ChangeArea.Controls);
            return change.Succeed(operation.Id, $"{ou.Name} registered with Control Tower: the mandatory controls are enabled.");
        });

    public async Task<OperationResult<OuView>> RenameOuAsync(Actor actor, string ouId, OuRename request)
    {
        var renamed = await changes.RunAsync(actor, new ChangeSpec("organizations:UpdateOrganizationalUnit", ouId, Clearance.Admin), async change =>
        {
            var org = await OrganizationSnapshot.LoadAsync(change.Db, tracking: true);
            if (org.Ou(ouId) is not { DeletedOutOfBand: false } ou)
            {
                return change.NotFound<string>($"No OU has the id '{ouId}'.");
            }
            if (ou.Foundational)
            {
                change.Errors.Add("name", $"{ou.Name} is a foundational OU of the landing zone: it cannot be renamed.");
            }
            CheckName(change.Errors, org, request.Name, ou.ParentId, exceptId: ouId);
            if (!change.Errors.IsEmpty)
            {
                return change.Invalid<string>();
            }
            var old = ou.Name;
            ou.Name = request.Name!.Trim();
            change.UniqueConflict = NameTaken(ou.Name);
            change.Touches(ChangeArea.Organization, ouId);
            return change.Succeed(ouId, $"Renamed from {old} to {ou.Name}.");
        });
        return renamed.Succeeded ? OperationResult<OuView>.Success(await OuViewAsync(ouId)) : renamed.As<OuView>();
    }

    public Task<OperationResult<string>> DeleteOuAsync(Actor actor, string ouId) =>
        changes.RunAsync(actor, new ChangeSpec("organizations:DeleteOrganizationalUnit", ouId, Clearance.Admin), async change =>
        {
            var db = change.Db;
            var org = await OrganizationSnapshot.LoadAsync(db, tracking: true);
            if (org.Ou(ouId) is not { DeletedOutOfBand: false } ou)
            {
                return change.NotFound<string>($"No OU has the id '{ouId}'.");
            }
            if (ou.Foundational)
            {
                change.Errors.Add("ouId", $"{ou.Name} is a foundational OU of the landing zone: it cannot be deleted.");
            }
            if (org.Accounts.Any(a => a.OuId == ouId) || org.LiveOus.Any(o => o.ParentId == ouId))
            {
                change.Errors.Add("ouId", $"{ou.Name} is not empty: move or remove its accounts and child OUs first.");
            }
            if (!change.Errors.IsEmpty)
            {
                return change.Invalid<string>();
            }
            var owned = org.Policies.Where(p => p.OwnerOuId == ouId).Select(p => p.Id).ToHashSet();
            db.PolicyAttachments.RemoveRange(org.Attachments.Where(a => a.TargetId == ouId || owned.Contains(a.PolicyId)));
            db.Policies.RemoveRange(org.Policies.Where(p => owned.Contains(p.Id)));
            db.OrganizationTags.RemoveRange(db.OrganizationTags.Where(t => t.ResourceId == ouId));
            db.EnabledControls.RemoveRange(org.ControlsOn(ouId));
            db.OrganizationalUnits.Remove(ou);
            change.Touches(ChangeArea.Organization, ouId).Touches(ChangeArea.Policies).Touches(ChangeArea.Controls);
            return change.Succeed(ouId, $"OU {ou.Name} deleted.");
        });

    private async Task<OuView> OuViewAsync(string ouId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var org = await OrganizationSnapshot.LoadAsync(db);
        return ToView(org, org.Ou(ouId)!);
    }

    internal static OuView ToView(OrganizationSnapshot org, OrganizationalUnit ou)
    {
        var attached = org.AttachedTo(ou.Id);
        return new OuView(ou.Id, ou.Name, ou.ParentId, ou.Registered, ou.Foundational,
            org.Accounts.Count(a => a.OuId == ou.Id), attached.Count, attached.Sum(p => p.Document.Length),
            org.ControlsOn(ou.Id).Select(c => c.ControlIdentifier).ToList())
        {
            AttachedRcps = org.AttachedTo(ou.Id, Engine.Policies.PolicyType.ResourceControlPolicy).Count,
        };
    }

    internal static AccountView ToView(OrganizationSnapshot org, Account account) =>
        new(account.Id, account.Name, account.Email, account.OuId, org.Ou(account.OuId)?.Name, account.Enrolled, account.Kind, account.CreatedUtc);

    private static ControlInEffect ToView(EnabledControl control, OrganizationalUnit from)
    {
        var entry = OrganizationSnapshot.CatalogEntry(control);
        return new ControlInEffect(control.ControlIdentifier, entry?.Name ?? control.ControlIdentifier,
            entry?.Behavior.ToString() ?? "", entry?.Guidance.ToString() ?? "", from.Id, from.Name);
    }

    private static List<PolicyAtLevel> Policies(OrganizationSnapshot org, string targetId, Engine.Policies.PolicyType type = Engine.Policies.PolicyType.ServiceControlPolicy) =>
        org.AttachedTo(targetId, type).Select(p => new PolicyAtLevel(p.Id, p.Name, p.Kind, p.Document.Length)).ToList();

    private static void CheckName(FieldErrors errors, OrganizationSnapshot org, string? name, string? parentId, string? exceptId)
    {
        errors.CheckText("name", name);
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("name", "The OU name is required.");
        }
        else if (name.Trim().Length > 128)
        {
            errors.Add("name", "An OU name has at most 128 characters.");
        }
        else if (org.Ous.FirstOrDefault(o => o.ParentId == parentId && o.Id != exceptId && string.Equals(o.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)) is { } taken)
        {
            errors.Add("name", taken.DeletedOutOfBand
                ? $"An OU named '{name.Trim()}' was deleted outside the portal and comes back when the landing zone is repaired: choose another name."
                : NameTakenMessage(name.Trim()));
        }
    }

    // The unique index on (parent, name) says the same when a writer outside the gate got there first.
    private static FieldErrors NameTaken(string name) => new FieldErrors().Add("name", NameTakenMessage(name));

    private static string NameTakenMessage(string name) => $"An OU named '{name}' already exists there: OU names are unique under one parent, whatever their case.";

}
