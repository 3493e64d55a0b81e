using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.AccountFactory.Model;
using MirrorTower.Portal.Features.Compliance;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Mirroring.Network;
using MirrorTower.Portal.Features.Mirroring.Model;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Model;
using OrgBaseline = MirrorTower.Portal.Features.Organization.Baseline;

namespace MirrorTower.Portal.Features.AccountFactory;

/// <summary>One step of a record: its name (stored in the record's step rows), its realistic duration and what it does.</summary>
public sealed record ProvisioningStep(string Name, TimeSpan RealisticDuration, Func<ProvisioningSteps, StepContext, Task<string>> Run)
{
    /// <summary>What the step changes besides its record, for the pages that show it.</summary>
    public IReadOnlyList<ChangeArea> Touches { get; init; } = [];

    /// <summary>
    /// The step writes through a service with its own transaction (the compliance evaluation), so it runs before its
    /// completion is recorded instead of inside that change.
    /// </summary>
    public bool OwnTransaction { get; init; }
}

/// <summary>What a step works on, read inside its write transaction.</summary>
public sealed record StepContext(PortalDbContext Db, OrganizationSnapshot Org, LandingZone Zone, ProvisioningRecord Record, ProvisionedProduct Product, DateTime Now)
{
    public Account? Account => Record.AccountId is { } id ? Org.Account(id) : null;

    /// <summary>The record's account; a step that needs it fails when it is gone.</summary>
    public Account RequireAccount() => Account ?? throw new StepFailedException(Record.AccountId is null
        ? "The account was never created." : $"Account {Record.AccountId} is no longer in the organization.");
}

/// <summary>
/// The steps of each kind of record, in order: one table instead of step names and a switch. Realistic durations
/// add up to about 20 minutes for a new account, as AWS users report.
/// </summary>
public static class ProvisioningStepTable
{
    public static readonly ProvisioningStep CheckExecutionRole = new(nameof(CheckExecutionRole), TimeSpan.FromSeconds(45), (s, c) => s.CheckExecutionRoleAsync(c));
    public static readonly ProvisioningStep CreateAccount = new(nameof(CreateAccount), TimeSpan.FromMinutes(6), (s, c) => s.CreateAccountAsync(c)) { Touches = [ChangeArea.Organization, ChangeArea.Resources, ChangeArea.Policies] };
    public static readonly ProvisioningStep MoveToOu = new(nameof(MoveToOu), TimeSpan.FromSeconds(45), (_, c) => Task.FromResult(ProvisioningSteps.MoveToOu(c))) { Touches = [ChangeArea.Organization] };
    public static readonly ProvisioningStep Enroll = new(nameof(Enroll), TimeSpan.FromMinutes(5), (s, c) => s.EnrollAsync(c)) { Touches = [ChangeArea.Organization, ChangeArea.Resources] };
    public static readonly ProvisioningStep Baseline = new(nameof(Baseline), TimeSpan.FromMinutes(6), (s, c) => s.BaselineAsync(c)) { Touches = [ChangeArea.Resources, ChangeArea.Network] };
    public static readonly ProvisioningStep ApplyControls = new(nameof(ApplyControls), TimeSpan.FromMinutes(2), (_, c) => Task.FromResult(ProvisioningSteps.ApplyControls(c)));
    public static readonly ProvisioningStep DeployBlueprint = new(nameof(DeployBlueprint), TimeSpan.FromMinutes(3), (_, c) => ProvisioningSteps.DeployBlueprintAsync(c)) { Touches = [ChangeArea.Resources] };
    public static readonly ProvisioningStep ComplianceEvaluation = new(nameof(ComplianceEvaluation), TimeSpan.FromSeconds(45), (s, c) => s.EvaluateAsync(c)) { OwnTransaction = true };
    public static readonly ProvisioningStep Unmanage = new(nameof(Unmanage), TimeSpan.FromSeconds(45), (_, c) => Task.FromResult(ProvisioningSteps.Unmanage(c))) { Touches = [ChangeArea.Organization] };

    private static readonly IReadOnlyList<ProvisioningStep> All = [CheckExecutionRole, CreateAccount, MoveToOu, Enroll, Baseline, ApplyControls, DeployBlueprint, ComplianceEvaluation, Unmanage];

    public static IReadOnlyList<ProvisioningStep> For(RecordType type, bool existingAccount) => type switch
    {
        RecordType.PROVISION_PRODUCT when existingAccount => [CheckExecutionRole, MoveToOu, Enroll, Baseline, ApplyControls, ComplianceEvaluation],
        RecordType.PROVISION_PRODUCT => [CreateAccount, MoveToOu, Enroll, Baseline, ApplyControls, DeployBlueprint, ComplianceEvaluation],
        RecordType.UPDATE_PROVISIONED_PRODUCT => [MoveToOu, ApplyControls, ComplianceEvaluation],
        RecordType.TERMINATE_PROVISIONED_PRODUCT => [Unmanage],
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No steps for this record type."),
    };

    /// <summary>The step a stored step row names; a name no version knows fails the record instead of being skipped.</summary>
    public static ProvisioningStep Named(string name) =>
        All.FirstOrDefault(s => s.Name == name) ?? throw new StepFailedException($"Unknown step {name}.");
}

/// <summary>
/// What each step does. Every step is idempotent: it checks what already exists before it creates anything, so a step
/// started again after a crash finishes the work instead of doing it twice. Its changes are saved in the same
/// transaction as the step's completion. Accounts are made by the organization's builder and networks checked by
/// the EC2 rules, as every other door makes them.
/// </summary>
public sealed class ProvisioningSteps(AwsIdentifiers ids, ComplianceEvaluation compliance)
{
    public const string VpcName = "aws-controltower-VPC";

    internal Task<string> CreateAccountAsync(StepContext c)
    {
        if (c.Account is { } existing)
        {
            return Task.FromResult($"Account {existing.Id} already exists (created before a restart).");
        }
        var email = c.Record.Parameters[AccountParameters.AccountEmail];
        if (c.Org.Accounts.FirstOrDefault(a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase)) is { } owner)
        {
            throw new StepFailedException($"{email} is already the e-mail of account {owner.Name} ({owner.Id}).");
        }
        // Organizations' CreateAccount puts the new account under the root; MoveToOu and Enroll follow.
        var account = new OrganizationBuilder(c.Db, ids, c.Zone, c.Now).AddAccount(c.Record.Parameters[AccountParameters.AccountName], email, ouId: null, enrolled: false);
        c.Db.AccountResources.Add(OrgBaseline.AccountItem(account.Id, rootMfa: true));
        c.Record.AccountId = c.Product.AccountId = account.Id;
        return Task.FromResult($"Account {account.Name} ({account.Id}) created under the root with {email}.");
    }

    internal async Task<string> CheckExecutionRoleAsync(StepContext c)
    {
        var account = c.RequireAccount();
        return await HasExecutionRoleAsync(c.Db, account.Id)
            ? $"{account.Name} has the {OrgBaseline.ExecutionRole} role."
            : throw new StepFailedException($"{account.Name} ({account.Id}) has no {OrgBaseline.ExecutionRole} role: create it in the account, then enroll it again.");
    }

    internal static string MoveToOu(StepContext c)
    {
        var account = c.RequireAccount();
        var ou = c.Org.Ou(c.Record.TargetOuId) is { DeletedOutOfBand: false, Registered: true } target ? target
            : throw new StepFailedException($"The OU '{c.Record.Parameters[AccountParameters.ManagedOrganizationalUnit]}' is no longer a registered OU.");
        var from = c.Org.Ou(account.OuId)?.Name ?? "the root";
        var already = account.OuId == ou.Id;
        account.OuId = account.ExpectedOuId = ou.Id;
        return already ? $"Already in {ou.Name}." : $"Moved from {from} to {ou.Name} ({ou.Id}).";
    }

    internal async Task<string> EnrollAsync(StepContext c)
    {
        var account = c.RequireAccount();
        if (!await HasExecutionRoleAsync(c.Db, account.Id))
        {
            c.Db.AccountResources.Add(new AccountResource
            {
                AccountId = account.Id, Region = "global", Type = "AWS::IAM::Role", Name = OrgBaseline.ExecutionRole,
                Arn = $"arn:aws:iam::{account.Id}:role/{OrgBaseline.ExecutionRole}",
            });
        }
        account.Enrolled = true;
        return $"Enrolled: {OrgBaseline.ExecutionRole} in place, governed by Control Tower.";
    }

    internal Task<string> BaselineAsync(StepContext c) => BaselineAsync(c.Db, c.RequireAccount(), c.Zone, c.Record.Parameters);

    /// <summary>
    /// The version's blueprint, if it has one, deployed into the account's home Region as a stack, after the OU's proactive
    /// controls check it again (the OU's controls may have changed since the request was validated).
    /// </summary>
    internal static async Task<string> DeployBlueprintAsync(StepContext c)
    {
        var account = c.RequireAccount();
        var template = await c.Db.ProvisioningArtifacts.Where(a => a.Id == c.Product.ArtifactId).Select(a => a.Template).FirstOrDefaultAsync();
        if (template is null)
        {
            return "The version has no blueprint.";
        }
        var stackName = $"{BlueprintStack}-{account.Id}";
        var existing = await c.Db.AccountResources.Where(r => r.AccountId == account.Id).Select(r => r.Arn).ToListAsync();
        var parsed = Engine.Templates.CloudFormationTemplate.Parse(template);
        var refusals = Engine.Templates.ProactiveEvaluation.Evaluate(parsed.Resources, Organization.Templates.Stacks.ProactiveControlsOn(c.Org, account.OuId));
        if (refusals.Count > 0)
        {
            throw new StepFailedException($"The blueprint is refused: {string.Join(" ", refusals.Select(r => r.Describe()))}");
        }
        var (created, notModelled, clashes) = Organization.Templates.Stacks.AddResources(c.Db, parsed.Resources, account.Id, c.Zone.HomeRegion, stackName,
            existing.ToHashSet(StringComparer.Ordinal));
        // Started again after a crash, the step finds its resources already there: it does not make them twice.
        return $"Blueprint stack {stackName}: {created.Count} resource(s) made{(clashes.Count > 0 ? $", {clashes.Count} already there" : "")}" +
            $"{(notModelled.Count > 0 ? $"; not modelled: {string.Join(", ", notModelled)}" : "")}.";
    }

    public const string BlueprintStack = "aws-controltower-blueprint";

    internal static string ApplyControls(StepContext c)
    {
        var account = c.RequireAccount();
        var controls = c.Org.ControlsInEffect(account).Select(e => e.Control.ControlIdentifier).Distinct().ToList();
        return $"{controls.Count} control(s) of {c.Org.Ou(account.OuId)?.Name} in effect: {string.Join(", ", controls.Take(8))}{(controls.Count > 8 ? ", ..." : "")}.";
    }

    internal async Task<string> EvaluateAsync(StepContext c)
    {
        var results = await compliance.EvaluateAsync(ComplianceScope.Accounts([c.RequireAccount().Id]));
        return $"First evaluation by the detective controls: {results} result(s).";
    }

    internal static string Unmanage(StepContext c)
    {
        var account = c.RequireAccount();
        var left = c.Org.Ou(account.OuId)?.Name ?? "the root";
        account.Enrolled = false;
        account.OuId = account.ExpectedOuId = null;
        return $"{account.Name} left {left} and governance; the account is not closed.";
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
        var vpcErrors = new FieldErrors();
        var cidr = NetworkRules.CheckVpcBlock(vpcErrors, AccountParameters.VpcCidr, parameters.GetValueOrDefault(AccountParameters.VpcCidr) ?? "172.31.0.0/16")
            ?? throw new StepFailedException(vpcErrors.ToString());
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
            var subnets = new List<Subnet>();
            for (var z = 0; z < zones; z++)
            {
                for (var s = 0; s < privatePerZone + (internet ? 1 : 0); s++, index++)
                {
                    var kind = s < privatePerZone ? "Private" : "Public";
                    var subnet = new Subnet
                    {
                        Id = ids.ResourceId("subnet"), VpcId = vpc.Id, AvailabilityZone = region + (char)('a' + z),
                        CidrBlock = $"{cidr.Ipv4At(index * (1L << (32 - slice)))}/{slice}", Name = $"aws-controltower-{kind}Subnet{z + 1}{(kind == "Private" ? (char)('A' + s) : ' ')}".TrimEnd(),
                    };
                    var subnetErrors = new FieldErrors();
                    NetworkRules.CheckSubnet(subnetErrors, vpc, subnets, subnet.CidrBlock, subnet.AvailabilityZone, region);
                    if (!subnetErrors.IsEmpty)
                    {
                        throw new StepFailedException($"Subnet {subnet.Name}: {subnetErrors}");
                    }
                    subnets.Add(subnet);
                    db.Subnets.Add(subnet);
                }
            }
            made++;
        }
        return $"{made} VPC(s) {cidr.Ipv4At(0)}/{cidr.PrefixLength} in {string.Join(", ", regions)} with {zones} zone(s) × {privatePerZone} private subnet(s){(internet ? " and a public one with a NAT gateway" : "")}";
    }

    private static async Task<bool> HasExecutionRoleAsync(PortalDbContext db, string accountId) =>
        await db.AccountResources.AnyAsync(r => r.AccountId == accountId && r.Type == "AWS::IAM::Role" && r.Name == OrgBaseline.ExecutionRole);

}
