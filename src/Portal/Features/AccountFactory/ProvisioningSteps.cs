using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.AccountFactory.Model;
using MirrorTower.Portal.Features.Compliance;
using MirrorTower.Portal.Features.Network.Model;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Model;
using OrgBaseline = MirrorTower.Portal.Features.Organization.Baseline;

namespace MirrorTower.Portal.Features.AccountFactory;

/// <summary>
/// What each step does. Every step is idempotent: it checks what already exists before it creates anything, so a step
/// started again after a crash finishes the work instead of doing it twice. Its changes are saved in the same
/// transaction as the step's completion.
/// </summary>
public sealed class ProvisioningSteps(AwsIdentifiers ids, ComplianceEvaluation compliance)
{
    public const string VpcName = "aws-controltower-VPC";

    public async Task<string> RunAsync(PortalDbContext db, ProvisioningRecord record, ProvisionedProduct product, string step)
    {
        var org = await OrganizationSnapshot.LoadAsync(db, tracking: true);
        var zone = org.Zone ?? throw new StepFailedException("The landing zone is gone.");
        var account = record.AccountId is { } id ? org.Account(id) : null;
        switch (step)
        {
            case StepNames.CreateAccount:
                if (account is not null)
                {
                    return $"Account {account.Id} already exists (created before a restart).";
                }
                var email = record.Parameters[AccountParameters.AccountEmail];
                if (org.Accounts.FirstOrDefault(a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase)) is { } owner)
                {
                    throw new StepFailedException($"{email} is already the e-mail of account {owner.Name} ({owner.Id}).");
                }
                account = new Account
                {
                    Id = ids.AccountId(), Name = record.Parameters[AccountParameters.AccountName], Email = email, Kind = AccountKind.Member, CreatedUtc = DateTime.UtcNow,
                };
                db.Accounts.Add(account);
                db.PolicyAttachments.Add(new PolicyAttachment { PolicyId = ScpPolicy.FullAwsAccessId, TargetId = account.Id });
                db.AccountResources.Add(OrgBaseline.AccountItem(account.Id, rootMfa: true));
                record.AccountId = product.AccountId = account.Id;
                return $"Account {account.Name} ({account.Id}) created under the root with {email}.";

            case StepNames.CheckExecutionRole:
                Require(account, record);
                return await HasExecutionRoleAsync(db, account!.Id)
                    ? $"{account.Name} has the {OrgBaseline.ExecutionRole} role."
                    : throw new StepFailedException($"{account.Name} ({account.Id}) has no {OrgBaseline.ExecutionRole} role: create it in the account, then enroll it again.");

            case StepNames.MoveToOu:
                Require(account, record);
                var ou = AccountRequestValidator.ResolveOu(org, record.Parameters[AccountParameters.ManagedOrganizationalUnit])
                    ?? throw new StepFailedException($"The OU '{record.Parameters[AccountParameters.ManagedOrganizationalUnit]}' is no longer a registered OU.");
                var from = org.Ou(account!.OuId)?.Name ?? "the root";
                var already = account.OuId == ou.Id;
                account.OuId = account.ExpectedOuId = ou.Id;
                return already ? $"Already in {ou.Name}." : $"Moved from {from} to {ou.Name} ({ou.Id}).";

            case StepNames.Enroll:
                Require(account, record);
                if (!await HasExecutionRoleAsync(db, account!.Id))
                {
                    db.AccountResources.Add(new AccountResource
                    {
                        AccountId = account.Id, Region = "global", Type = "AWS::IAM::Role", Name = OrgBaseline.ExecutionRole,
                        Arn = $"arn:aws:iam::{account.Id}:role/{OrgBaseline.ExecutionRole}",
                    });
                }
                account.Enrolled = true;
                return $"Enrolled: {OrgBaseline.ExecutionRole} in place, governed by Control Tower.";

            case StepNames.Baseline:
                Require(account, record);
                return await BaselineAsync(db, account!, zone, record.Parameters);

            case StepNames.ApplyControls:
                Require(account, record);
                var controls = org.ControlsInEffect(account!).Select(c => c.Control.ControlIdentifier).Distinct().ToList();
                return $"{controls.Count} control(s) of {org.Ou(account!.OuId)?.Name} in effect: {string.Join(", ", controls.Take(8))}{(controls.Count > 8 ? ", ..." : "")}.";

            case StepNames.ComplianceEvaluation:
                Require(account, record);
                var results = await compliance.EvaluateAsync(ComplianceScope.Accounts([account!.Id]));
                return $"First evaluation by the detective controls: {results} result(s).";

            case StepNames.Unmanage:
                Require(account, record);
                var left = org.Ou(account!.OuId)?.Name ?? "the root";
                account.Enrolled = false;
                account.OuId = account.ExpectedOuId = null;
                return $"{account.Name} left {left} and governance; the account is not closed.";

            default:
                throw new StepFailedException($"Unknown step {step}.");
        }
    }

    private async Task<string> BaselineAsync(PortalDbContext db, Account account, LandingZone zone, IReadOnlyDictionary<string, string> parameters)
    {
        var existing = (await db.AccountResources.Where(r => r.AccountId == account.Id).Select(r => r.Arn).ToListAsync()).ToHashSet();
        var baseline = OrgBaseline.ForEnrolledAccount(account.Id, zone.GovernedRegions).Where(r => !existing.Contains(r.Arn)).ToList();
        var ssoEmail = parameters.GetValueOrDefault(AccountParameters.SsoUserEmail) ?? "";
        var ssoUser = new AccountResource
        {
            AccountId = zone.ManagementAccountId, Region = zone.HomeRegion, Type = "AWS::IdentityStore::User", Name = ssoEmail,
            Arn = $"arn:aws:identitystore:::user/{account.Id}/{ssoEmail}",
            Properties = new() { ["FirstName"] = parameters.GetValueOrDefault(AccountParameters.SsoUserFirstName) ?? "", ["LastName"] = parameters.GetValueOrDefault(AccountParameters.SsoUserLastName) ?? "", ["PermissionSet"] = "AWSAdministratorAccess", ["AccountId"] = account.Id },
        };
        if (ssoEmail.Length > 0 && !await db.AccountResources.AnyAsync(r => r.Arn == ssoUser.Arn))
        {
            baseline.Add(ssoUser);
        }
        db.AccountResources.AddRange(baseline);
        var vpcs = await NetworkAsync(db, account, parameters);
        return $"Trail and Config recorders into Log Archive, SSO user {ssoEmail} with AWSAdministratorAccess, {baseline.Count} resource(s) added; {vpcs}.";
    }

    /// <summary>The VPC with its subnets in each chosen Region, unless the account has it already.</summary>
    private async Task<string> NetworkAsync(PortalDbContext db, Account account, IReadOnlyDictionary<string, string> parameters)
    {
        var regions = (parameters.GetValueOrDefault(AccountParameters.VpcRegions) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var zones = int.Parse(parameters.GetValueOrDefault(AccountParameters.AvailabilityZones) ?? "3", System.Globalization.CultureInfo.InvariantCulture);
        var privatePerZone = int.Parse(parameters.GetValueOrDefault(AccountParameters.PrivateSubnetsPerAz) ?? "1", System.Globalization.CultureInfo.InvariantCulture);
        var internet = parameters.GetValueOrDefault(AccountParameters.InternetAccessibleSubnet) == "true";
        if (regions.Length == 0 || (privatePerZone == 0 && !internet))
        {
            return "no VPC (no Region or no subnet asked for)";
        }
        var cidr = Cidr.Parse(parameters.GetValueOrDefault(AccountParameters.VpcCidr) ?? "172.31.0.0/16");
        var made = 0;
        foreach (var region in regions)
        {
            if (await db.Vpcs.AnyAsync(v => v.AccountId == account.Id && v.Region == region && v.Name == VpcName))
            {
                continue;
            }
            var vpc = new Vpc { Id = ids.ResourceId("vpc"), AccountId = account.Id, Region = region, CidrBlock = $"{cidr.Ipv4At(0)}/{cidr.PrefixLength}", Name = VpcName };
            db.Vpcs.Add(vpc);
            // Subnets are equal slices of the VPC: up to 3 zones × (2 private + 1 public) = 9, so 16 slices.
            var slice = Math.Min(28, cidr.PrefixLength + 4);
            var index = 0;
            for (var z = 0; z < zones; z++)
            {
                for (var s = 0; s < privatePerZone + (internet ? 1 : 0); s++, index++)
                {
                    var kind = s < privatePerZone ? "Private" : "Public";
                    db.Subnets.Add(new Subnet
                    {
                        Id = ids.ResourceId("subnet"), VpcId = vpc.Id, AvailabilityZone = region + (char)('a' + z),
                        CidrBlock = $"{cidr.Ipv4At(index * (1L << (32 - slice)))}/{slice}", Name = $"aws-controltower-{kind}Subnet{z + 1}{(kind == "Private" ? (char)('A' + s) : ' ')}".TrimEnd(),
                    });
                }
            }
            made++;
        }
        return $"{made} VPC(s) {cidr.Ipv4At(0)}/{cidr.PrefixLength} in {string.Join(", ", regions)} with {zones} zone(s) × {privatePerZone} private subnet(s){(internet ? " and a public one with a NAT gateway" : "")}";
    }

    private static async Task<bool> HasExecutionRoleAsync(PortalDbContext db, string accountId) =>
        await db.AccountResources.AnyAsync(r => r.AccountId == accountId && r.Type == "AWS::IAM::Role" && r.Name == OrgBaseline.ExecutionRole);

    private static void Require(Account? account, ProvisioningRecord record)
    {
        if (account is null)
        {
            throw new StepFailedException(record.AccountId is null ? "The account was never created." : $"Account {record.AccountId} is no longer in the organization.");
        }
    }
}
