using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization;

public enum DriftType
{
    ACCOUNT_MOVED_BETWEEN_OUS,
    ACCOUNT_REMOVED_FROM_ORGANIZATION,
    SCP_UPDATED,
    SCP_DETACHED_FROM_OU,
    ORGANIZATIONAL_UNIT_DELETED,
}

public enum DriftRepair
{
    UpdateAccount,
    ReRegisterOu,
    ResetControls,
    ResetLandingZone,
}

/// <summary>One drift, where it is, and the repair that the reference names for it.</summary>
public sealed record DriftItem(DriftType Type, string TargetId, string Description, DriftRepair Repair, string RepairTargetId);

/// <summary>Finds drift by comparing the organization with what Control Tower last wrote.</summary>
public static class DriftDetector
{
    public static IReadOnlyList<DriftItem> Detect(OrganizationSnapshot org)
    {
        var drift = new List<DriftItem>();
        foreach (var ou in org.Ous.Where(o => o.DeletedOutOfBand))
        {
            drift.Add(new(DriftType.ORGANIZATIONAL_UNIT_DELETED, ou.Id,
                $"The foundational OU {ou.Name} ({ou.Id}) was deleted outside the portal.", DriftRepair.ResetLandingZone, org.Zone?.RootId ?? ""));
        }
        foreach (var account in org.Accounts.Where(a => a.Enrolled && a.OuId != a.ExpectedOuId))
        {
            drift.Add(new(DriftType.ACCOUNT_MOVED_BETWEEN_OUS, account.Id,
                $"Account {account.Name} ({account.Id}) was moved from {Name(org, account.ExpectedOuId)} to {Name(org, account.OuId)} outside the portal; " +
                "its SCPs are now the new OU's, but the old OU's detective controls stay deployed in it until it is updated.", DriftRepair.UpdateAccount, account.Id));
        }
        foreach (var policy in org.Policies.Where(p => p.Kind == PolicyKind.ControlTower))
        {
            if (policy.ExpectedDocument is not null && policy.Document != policy.ExpectedDocument)
            {
                drift.Add(new(DriftType.SCP_UPDATED, policy.OwnerOuId ?? policy.Id,
                    $"Control Tower's SCP {policy.Name} on {Name(org, policy.OwnerOuId)} was edited outside the portal.",
                    DriftRepair.ResetControls, policy.OwnerOuId ?? ""));
            }
            if (policy.OwnerOuId is { } ou && !org.Attachments.Any(a => a.PolicyId == policy.Id && a.TargetId == ou)
                && org.Ou(ou) is { DeletedOutOfBand: false })
            {
                drift.Add(new(DriftType.SCP_DETACHED_FROM_OU, ou,
                    $"Control Tower's SCP {policy.Name} was detached from {Name(org, ou)} outside the portal; its controls are not enforced there.",
                    DriftRepair.ResetControls, ou));
            }
        }
        return drift;
    }

    private static string Name(OrganizationSnapshot org, string? ouId) =>
        ouId is null ? "the root" : org.Ou(ouId) is { } ou ? $"OU {ou.Name}" : ouId;
}
