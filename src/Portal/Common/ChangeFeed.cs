namespace MirrorTower.Portal.Common;

/// <summary>What a committed change touched; pages reload only for the areas they show.</summary>
public enum ChangeArea
{
    /// <summary>The landing zone, OUs, accounts and their drift.</summary>
    Organization,

    /// <summary>Service control policies and their attachments.</summary>
    Policies,

    /// <summary>Enabled controls and their operations.</summary>
    Controls,

    /// <summary>Accounts' resource inventories and the compliance results over them.</summary>
    Resources,

    /// <summary>The EC2 model: VPCs, instances, ENIs, load balancers and traffic mirroring.</summary>
    Network,

    /// <summary>The Account Factory's catalog, provisioned products and records.</summary>
    AccountFactory,

    /// <summary>Users and their access keys.</summary>
    Identity,
}

/// <summary>
/// One committed change: its area, the id of the thing when one thing changed (a record, an OU), and who published it,
/// so that a worker can ignore the changes it made itself.
/// </summary>
public sealed record Change(ChangeArea Area, string? Id = null, object? Origin = null);

/// <summary>The portal's committed changes, keyed by area (see <see cref="Change"/>).</summary>
public sealed class ChangeFeed : Feed<Change>
{
    public void Publish(ChangeArea area, string? id = null) => Publish(new Change(area, id));
}
