using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine.Controls;
using MirrorTower.Engine.Policies;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization;

/// <summary>
/// The whole organization read at once (it is small: OUs, accounts, SCPs, attachments, controls), so that
/// paths, SCP chains, drift and quotas are computed in memory from one consistent read.
/// </summary>
public sealed partial class OrganizationSnapshot
{
    public LandingZone? Zone { get; private init; }
    public IReadOnlyList<OrganizationalUnit> Ous { get; private init; } = [];
    public IReadOnlyList<Account> Accounts { get; private init; } = [];
    public IReadOnlyList<ScpPolicy> Policies { get; private init; } = [];
    public IReadOnlyList<PolicyAttachment> Attachments { get; private init; } = [];
    public IReadOnlyList<EnabledControl> Controls { get; private init; } = [];

    /// <summary>Loads the organization; with tracking, the entities can be changed and saved through the same context.</summary>
    public static async Task<OrganizationSnapshot> LoadAsync(PortalDbContext db, bool tracking = false, CancellationToken cancellationToken = default)
    {
        IQueryable<T> Set<T>() where T : class => tracking ? db.Set<T>() : db.Set<T>().AsNoTracking();
        return new OrganizationSnapshot
        {
            Zone = await Set<LandingZone>().OrderBy(z => z.Id).FirstOrDefaultAsync(cancellationToken),
            Ous = await Set<OrganizationalUnit>().OrderBy(o => o.Name).ToListAsync(cancellationToken),
            Accounts = await Set<Account>().OrderBy(a => a.Name).ToListAsync(cancellationToken),
            Policies = await Set<ScpPolicy>().OrderBy(p => p.Name).ToListAsync(cancellationToken),
            Attachments = await Set<PolicyAttachment>().ToListAsync(cancellationToken),
            Controls = await Set<EnabledControl>().OrderBy(c => c.ControlIdentifier).ToListAsync(cancellationToken),
        };
    }

    /// <summary>The organization as a change would leave it, for the policy test suites; nothing is saved.</summary>
    public OrganizationSnapshot With(
        IReadOnlyList<ScpPolicy>? policies = null,
        IReadOnlyList<PolicyAttachment>? attachments = null,
        IReadOnlyList<Account>? accounts = null,
        IReadOnlyList<OrganizationalUnit>? ous = null) => new()
    {
        Zone = Zone,
        Ous = ous ?? Ous,
        Accounts = accounts ?? Accounts,
        Policies = policies ?? Policies,
        Attachments = attachments ?? Attachments,
        Controls = Controls,
    };

    public IEnumerable<OrganizationalUnit> LiveOus => Ous.Where(o => !o.DeletedOutOfBand);

    private Dictionary<string, OrganizationalUnit>? _ousById;
    private Dictionary<string, Account>? _accountsById;

    // Lookups by id are hot (a full compliance pass asks for the account of every resource): index once.
    public OrganizationalUnit? Ou(string? id) =>
        id is not null && (_ousById ??= Ous.ToDictionary(o => o.Id)).TryGetValue(id, out var ou) ? ou : null;

    public Account? Account(string? id) =>
        id is not null && (_accountsById ??= Accounts.ToDictionary(a => a.Id)).TryGetValue(id, out var account) ? account : null;

    /// <summary>The OUs from the top level down to the given one.</summary>
    public IReadOnlyList<OrganizationalUnit> PathOf(string? ouId)
    {
        var path = new List<OrganizationalUnit>();
        for (var ou = Ou(ouId); ou is not null && path.Count < 16; ou = Ou(ou.ParentId))
        {
            path.Insert(0, ou);
        }
        return path;
    }

    /// <summary>The OU and every OU nested in it.</summary>
    public IEnumerable<OrganizationalUnit> Subtree(string ouId) =>
        LiveOus.Where(o => PathOf(o.Id).Any(p => p.Id == ouId));

    public IEnumerable<Account> AccountsUnder(string ouId)
    {
        var ids = Subtree(ouId).Select(o => o.Id).ToHashSet();
        return Accounts.Where(a => a.OuId is not null && ids.Contains(a.OuId));
    }

    /// <summary>The policies of one type attached to the root, an OU or an account.</summary>
    public IReadOnlyList<ScpPolicy> AttachedTo(string targetId, PolicyType type = PolicyType.ServiceControlPolicy) => Attachments
        .Where(a => a.TargetId == targetId)
        .Select(a => Policies.FirstOrDefault(p => p.Id == a.PolicyId))
        .OfType<ScpPolicy>()
        .Where(p => p.Type == type)
        .OrderBy(p => p.Kind).ThenBy(p => p.Name)
        .ToList();

    public string DescribeTarget(string targetId) => targetId switch
    {
        _ when targetId == Zone?.RootId => $"Root ({targetId})",
        _ when Ou(targetId) is { } ou => $"OU {ou.Name} ({targetId})",
        _ when Account(targetId) is { } account => $"Account {account.Name} ({targetId})",
        _ => targetId,
    };

    /// <summary>The targets whose SCPs apply to an account: the root, each OU on its path, the account.</summary>
    public IReadOnlyList<string> TargetsOf(Account account) =>
        [Zone?.RootId ?? "", .. PathOf(account.OuId).Select(o => o.Id), account.Id];

    /// <summary>The SCPs (as the principal's account) or RCPs (as the resource's account) from the root down to the account.</summary>
    public PolicyChain ChainFor(Account account, PolicyType type = PolicyType.ServiceControlPolicy) => new(TargetsOf(account)
        .Select(target => new PolicyLevel(DescribeTarget(target), AttachedTo(target, type).Select(CompiledPolicies.Get).ToList()))
        .ToList(), type);

    /// <summary>The controls in effect on an account, each with the OU it is enabled on.</summary>
    public IEnumerable<(EnabledControl Control, OrganizationalUnit From)> ControlsInEffect(Account account) =>
        PathOf(account.OuId).SelectMany(ou => Controls.Where(c => c.OuId == ou.Id).Select(c => (c, ou)));

    public IEnumerable<EnabledControl> ControlsOn(string ouId) => Controls.Where(c => c.OuId == ouId);

    public static Control? CatalogEntry(EnabledControl control) => ControlCatalog.Default.Find(control.ControlIdentifier);
}
