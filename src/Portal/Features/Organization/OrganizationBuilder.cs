using MirrorTower.Engine;
using MirrorTower.Engine.Controls;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization;

/// <summary>
/// Adds OUs and accounts the way Control Tower does: FullAWSAccess on every new target, the mandatory
/// controls on every registered OU, the baseline in every enrolled account. Works inside the caller's
/// transaction; the caller saves.
/// </summary>
internal sealed class OrganizationBuilder(PortalDbContext db, AwsIdentifiers ids, LandingZone zone, DateTime now)
{
    private readonly List<(OrganizationalUnit Ou, List<EnabledControl> Controls)> _newOus = [];

    /// <summary>
    /// Adds an OU with FullAWSAccess; a registered one (the portal's way) also gets the mandatory controls, an
    /// unregistered one (Organizations' way) waits for its AWSControlTowerBaseline.
    /// </summary>
    public OrganizationalUnit AddOu(string name, string? parentId, bool foundational = false, bool registered = true)
    {
        var ou = new OrganizationalUnit
        {
            Id = ids.OrganizationalUnitId(zone.RootId),
            Name = name,
            ParentId = parentId,
            Registered = registered,
            Foundational = foundational,
            CreatedUtc = now,
        };
        db.OrganizationalUnits.Add(ou);
        AttachDefaults(ou.Id);
        if (registered)
        {
            Register(ou);
        }
        return ou;
    }

    /// <summary>Control Tower's registration: the mandatory controls, whose SCPs <see cref="WriteGuardrailsAsync"/> writes.</summary>
    public void Register(OrganizationalUnit ou)
    {
        ou.Registered = true;
        var mandatory = ControlCatalog.Default.Controls.Where(c => c.IsMandatory)
            .Select(c => new EnabledControl
            {
                ControlIdentifier = c.Identifier,
                OuId = ou.Id,
                Status = EnabledControlStatus.SUCCEEDED,
                EnabledUtc = now,
            }).ToList();
        db.EnabledControls.AddRange(mandatory);
        _newOus.Add((ou, mandatory));
    }

    public Account AddAccount(string name, string email, string? ouId, AccountKind kind = AccountKind.Member, bool enrolled = true)
    {
        var account = new Account
        {
            Id = ids.AccountId(),
            Name = name,
            Email = email,
            OuId = ouId,
            ExpectedOuId = ouId,
            Enrolled = enrolled,
            Kind = kind,
            CreatedUtc = now,
        };
        db.Accounts.Add(account);
        AttachDefaults(account.Id);
        db.AccountResources.AddRange(kind switch
        {
            AccountKind.Management => Baseline.ForManagementAccount(account.Id, zone.GovernedRegions),
            _ when enrolled => Baseline.ForEnrolledAccount(account.Id, zone.GovernedRegions),
            _ => [],
        });
        if (kind == AccountKind.LogArchive)
        {
            db.AccountResources.AddRange(Baseline.ForLogArchive(account.Id, zone.GovernedRegions, zone.LogRetentionDays));
        }
        if (kind == AccountKind.Audit)
        {
            db.AccountResources.AddRange(Baseline.ForAudit(account.Id, zone.GovernedRegions));
        }
        return account;
    }

    public void Attach(string policyId, string targetId) =>
        db.PolicyAttachments.Add(new PolicyAttachment { PolicyId = policyId, TargetId = targetId });

    /// <summary>FullAWSAccess and RCPFullAWSAccess, which every root, OU and account carries.</summary>
    public void AttachDefaults(string targetId)
    {
        foreach (var policyId in ScpPolicy.DefaultPolicyIds)
        {
            Attach(policyId, targetId);
        }
    }

    /// <summary>Writes the Control Tower SCPs of the OUs added so far; call after the first save.</summary>
    public async Task WriteGuardrailsAsync()
    {
        await db.SaveChangesAsync();
        foreach (var (ou, controls) in _newOus)
        {
            var org = await OrganizationSnapshot.LoadAsync(db, tracking: true);
            var error = Guardrails.Rebuild(db, org, ou.Id, controls, now);
            if (error is not null)
            {
                throw new InvalidOperationException(error);
            }
            await db.SaveChangesAsync();
        }
        _newOus.Clear();
    }
}
