using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization;

/// <summary>Sets up the landing zone and reports its status and drift; its updates and resets are in <c>LandingZoneService.Updates.cs</c>.</summary>
public sealed partial class LandingZoneService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AwsIdentifiers ids,
    ChangePipeline changes,
    Compliance.ComplianceQueue compliance,
    IEnumerable<ILandingZoneContribution> contributions)
{
    public const string SetupAction = "controltower:CreateLandingZone";
    public const string ManagementEmail = "management@mirrortower.local";
    private static readonly EmailAddressAttribute EmailRule = new();

    public async Task<LandingZoneView?> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        return org.Zone is null ? null : LandingZoneView.From(org.Zone, DriftDetector.Detect(org), DriftedControl.In(org));
    }

    /// <summary>Whether the landing zone is set up (for pages that only need to know, not its drift).</summary>
    public async Task<bool> IsSetUpAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.LandingZones.AnyAsync(cancellationToken);
    }

    public async Task<OperationResult<LandingZoneView>> SetupAsync(Actor actor, LandingZoneRequest request)
    {
        var created = await changes.RunAsync(actor, new ChangeSpec(SetupAction, "landing-zone", Clearance.Admin), async change =>
        {
            var errors = Validate(request);
            if (await change.Db.LandingZones.AnyAsync())
            {
                errors.Add("landingZone", "The landing zone is already set up: it can be set up only once.");
            }
            if (!errors.IsEmpty)
            {
                return change.Invalid<bool>(errors);
            }
            var zone = await CreateAsync(change.Db, change.Now, request);
            change.Target = zone.RootId;
            change.Touches(ChangeArea.Organization).Touches(ChangeArea.Policies).Touches(ChangeArea.Controls).Touches(ChangeArea.Resources);
            return change.Succeed(true, $"Governed Regions {string.Join(", ", zone.GovernedRegions)}; Security OU {zone.SecurityOuId}; Sandbox OU {zone.SandboxOuId ?? "none"}.");
        });
        if (!created.Succeeded)
        {
            return created.As<LandingZoneView>();
        }
        compliance.Enqueue(Compliance.ComplianceScope.All);
        return OperationResult<LandingZoneView>.Success((await GetAsync())!);
    }

    /// <summary>Creates the landing zone inside the caller's transaction (also used by the demo organization).</summary>
    internal async Task<LandingZone> CreateAsync(PortalDbContext db, DateTime now, LandingZoneRequest request)
    {
        var rootId = ids.RootId();
        var regions = request.GovernedRegions!.Select(r => r.Trim()).ToList();
        db.Policies.Add(new ScpPolicy
        {
            Id = ScpPolicy.FullAwsAccessId,
            Name = ScpPolicy.FullAwsAccessName,
            Description = "Allows access to every operation (AWS managed).",
            Document = ScpPolicy.FullAwsAccessDocument,
            Kind = PolicyKind.AwsManaged,
            UpdatedUtc = now,
        });
        db.Policies.Add(ScpPolicy.RcpFullAwsAccess(now));
        var management = ids.AccountId();
        var placeholder = new LandingZone
        {
            RootId = rootId,
            ManagementAccountId = management,
            GovernedRegions = regions,
            SecurityOuId = "",
            LogArchiveAccountId = "",
            AuditAccountId = "",
            LogRetentionDays = request.LogRetentionDays ?? 365,
            CreatedUtc = now,
        };
        var builder = new OrganizationBuilder(db, ids, placeholder, now);
        builder.AttachDefaults(rootId);
        var security = builder.AddOu(request.SecurityOuName!.Trim(), null, foundational: true);
        var sandbox = string.IsNullOrWhiteSpace(request.SandboxOuName) ? null : builder.AddOu(request.SandboxOuName.Trim(), null);
        var logArchive = builder.AddAccount("Log Archive", request.LogArchiveEmail!.Trim(), security.Id, AccountKind.LogArchive);
        var audit = builder.AddAccount("Audit", request.AuditEmail!.Trim(), security.Id, AccountKind.Audit);
        db.Accounts.Add(new Account
        {
            Id = management,
            Name = "Management",
            Email = ManagementEmail,
            Enrolled = true,
            Kind = AccountKind.Management,
            CreatedUtc = now,
        });
        builder.AttachDefaults(management);
        db.AccountResources.AddRange(Baseline.ForManagementAccount(management, regions));

        var zone = new LandingZone
        {
            RootId = rootId,
            Version = request.Version ?? LandingZone.CurrentVersion,
            ManagementAccountId = management,
            GovernedRegions = regions,
            SecurityOuId = security.Id,
            SandboxOuId = sandbox?.Id,
            LogArchiveAccountId = logArchive.Id,
            AuditAccountId = audit.Id,
            LogRetentionDays = request.LogRetentionDays ?? 365,
            CreatedUtc = now,
        };
        db.LandingZones.Add(zone);
        await builder.WriteGuardrailsAsync();
        // The Account Factory product exists from landing-zone setup on.
        foreach (var contribution in contributions)
        {
            contribution.Add(db, zone);
        }
        return zone;
    }

    private static FieldErrors Validate(LandingZoneRequest request)
    {
        var errors = new FieldErrors();
        CheckRegions(errors, request.GovernedRegions ?? []);
        CheckOuName(errors, "securityOuName", request.SecurityOuName, required: true);
        CheckOuName(errors, "sandboxOuName", request.SandboxOuName, required: false);
        if (!string.IsNullOrWhiteSpace(request.SandboxOuName)
            && string.Equals(request.SandboxOuName.Trim(), request.SecurityOuName?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("sandboxOuName", "The Sandbox OU needs a name other than the Security OU's.");
        }
        CheckEmail(errors, "logArchiveEmail", request.LogArchiveEmail);
        CheckEmail(errors, "auditEmail", request.AuditEmail);
        if (request.LogArchiveEmail is not null
            && string.Equals(request.LogArchiveEmail.Trim(), request.AuditEmail?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("auditEmail", "The Audit account needs an e-mail other than the Log Archive account's: an e-mail belongs to one account.");
        }
        CheckRetention(errors, request.LogRetentionDays);
        if (request.Version is not null && !LandingZone.IsOffered(request.Version))
        {
            errors.Add("version", $"'{request.Version}' is not a landing zone version MirrorTower offers: {string.Join(", ", LandingZone.OfferedVersions)}.");
        }
        return errors;
    }

    private static void CheckRegions(FieldErrors errors, IReadOnlyList<string?> regions)
    {
        if (regions.Count == 0)
        {
            errors.Add("governedRegions", "At least one governed Region is required, e.g. [\"eu-west-1\"].");
        }
        foreach (var region in regions.Where(r => !AwsRegions.IsKnown(r?.Trim())))
        {
            errors.Add("governedRegions", $"'{region}' is not a Region: use a code such as eu-west-1 or us-east-1.");
        }
        if (regions.Count != regions.Distinct(StringComparer.OrdinalIgnoreCase).Count())
        {
            errors.Add("governedRegions", "Each Region may be listed once.");
        }
    }

    private static void CheckRetention(FieldErrors errors, int? days)
    {
        if (days is not (>= 1 and <= 5475))
        {
            errors.Add("logRetentionDays", "The log retention is a whole number of days from 1 to 5475 (15 years).");
        }
    }

    private static void CheckOuName(FieldErrors errors, string field, string? name, bool required)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            if (required)
            {
                errors.Add(field, "The OU name is required.");
            }
        }
        else if (name.Trim().Length > 128)
        {
            errors.Add(field, "An OU name has at most 128 characters.");
        }
    }

    private static void CheckEmail(FieldErrors errors, string field, string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || !EmailRule.IsValid(email.Trim()) || !email.Contains('.', StringComparison.Ordinal))
        {
            errors.Add(field, $"A valid e-mail address is required (got '{email}').");
        }
        else if (string.Equals(email.Trim(), ManagementEmail, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(field, $"'{email}' is the management account's e-mail.");
        }
    }
}
