using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization;

/// <summary>
/// Builds a realistic organization to explore: nested OUs, a dozen accounts and some elective controls,
/// setting up the landing zone first when needed; other features add theirs through <see cref="IDemoContribution"/>.
/// </summary>
public sealed class DemoOrganization(
    LandingZoneService landingZones,
    AwsIdentifiers ids,
    ChangePipeline changes,
    Compliance.ComplianceQueue compliance,
    IEnumerable<IDemoContribution> contributions,
    IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>Whether the demo's accounts are there (the pages then stop offering to load it).</summary>
    public async Task<bool> IsLoadedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.AnyAsync(a => a.Email.EndsWith("@" + Domain), cancellationToken);
    }

    public const string Action = "mirrortower:LoadDemoOrganization";
    private const string Domain = "demo.mirrortower.local";

    private static readonly (string Ou, string? Parent, string[] Accounts)[] Layout =
    [
        ("Infrastructure", null, ["network-hub", "shared-services", "security-tooling"]),
        ("Workloads", null, []),
        ("Prod", "Workloads", ["payments-prod", "web-prod", "data-lake-prod"]),
        ("NonProd", "Workloads", ["payments-staging", "web-dev"]),
        ("Sandbox", null, ["sandbox-alice", "sandbox-bob", "ml-experiments"]),
    ];

    private static readonly (string Ou, string Control)[] Controls =
    [
        ("Workloads", "AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS"),
        ("Prod", "AWS-GR_DISALLOW_VPC_INTERNET_ACCESS"),
        ("Sandbox", "AWS-GR_REGION_DENY"),
        ("Infrastructure", "AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION"),
        ("Workloads", "AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED"),
        ("Workloads", "AWS-GR_RESTRICTED_SSH"),
        ("Prod", "AWS-GR_ENCRYPTED_VOLUMES"),
        ("Sandbox", "AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED"),
        ("Infrastructure", "AWS-GR_ROOT_ACCOUNT_MFA_ENABLED"),
    ];

    public async Task<OperationResult<OrganizationTree>> LoadAsync(Actor actor, OrganizationService organization)
    {
        var loaded = await changes.RunAsync(actor, new ChangeSpec(Action, "organization", Clearance.Admin), change => LoadAsync(change));
        if (!loaded.Succeeded)
        {
            return loaded.As<OrganizationTree>();
        }
        compliance.Enqueue(Compliance.ComplianceScope.All);
        return OperationResult<OrganizationTree>.Success(await organization.GetTreeAsync());
    }

    private async Task<OperationResult<bool>> LoadAsync(PendingChange change)
    {
        var db = change.Db;
        if (await db.Accounts.AnyAsync(a => a.Email.EndsWith("@" + Domain)))
        {
            return change.Invalid<bool>(new FieldErrors().Add("demo", "The demo organization is already loaded."));
        }
        var zone = await db.LandingZones.FirstOrDefaultAsync() ?? await landingZones.CreateAsync(db, change.Now, new LandingZoneRequest
        {
            GovernedRegions = ["eu-west-1", "us-east-1"],
            LogArchiveEmail = $"log-archive@{Domain}",
            AuditEmail = $"audit@{Domain}",
        });
        await db.SaveChangesAsync();

        var builder = new OrganizationBuilder(db, ids, zone, change.Now);
        var accountIds = new Dictionary<string, string>();
        var ous = await db.OrganizationalUnits.Where(o => !o.DeletedOutOfBand).ToDictionaryAsync(o => o.Name, o => o.Id);
        foreach (var (name, parent, accounts) in Layout)
        {
            if (!ous.TryGetValue(name, out var ouId))
            {
                ouId = builder.AddOu(name, parent is null ? null : ous[parent]).Id;
                ous[name] = ouId;
            }
            foreach (var account in accounts)
            {
                var added = builder.AddAccount(account, $"{account}@{Domain}", ouId);
                accountIds[account] = added.Id;
                db.AccountResources.AddRange(DemoResources.For(account, added.Id, zone.HomeRegion));
            }
        }
        await builder.WriteGuardrailsAsync();
        foreach (var contribution in contributions)
        {
            await contribution.AddAsync(db, zone.HomeRegion, accountIds);
        }

        var org = await OrganizationSnapshot.LoadAsync(db, tracking: true);
        foreach (var (ou, control) in Controls)
        {
            var ouId = ous[ou];
            var enabled = new EnabledControl
            {
                ControlIdentifier = control,
                OuId = ouId,
                Status = EnabledControlStatus.SUCCEEDED,
                EnabledUtc = change.Now,
            };
            db.EnabledControls.Add(enabled);
            if (Guardrails.Rebuild(db, org, ouId, org.ControlsOn(ouId).Append(enabled), change.Now) is { } problem)
            {
                throw new InvalidOperationException(problem);
            }
            await db.SaveChangesAsync();
            org = await OrganizationSnapshot.LoadAsync(db, tracking: true);
        }
        change.Target = zone.RootId;
        foreach (var area in Enum.GetValues<ChangeArea>())
        {
            change.Touches(area);
        }
        return change.Succeed(true,
            $"{Layout.Sum(l => l.Accounts.Length)} accounts in {Layout.Length} OUs with their resources and a hub-and-spoke network with traffic mirroring; {Controls.Length} more controls enabled.");
    }
}
