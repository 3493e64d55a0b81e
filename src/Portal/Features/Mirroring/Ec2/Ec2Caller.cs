using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Organization.Actions;

namespace MirrorTower.Portal.Features.Mirroring.Ec2;

/// <summary>
/// Who makes an EC2 call: the portal user (for the audit trail), the account and Region it acts in, and the
/// principal the account's SCPs see. Auditors may describe but not change anything.
/// </summary>
public sealed record Ec2Caller(Actor Actor, string AccountId, string Region, string PrincipalArn, bool CanWrite = true)
{
    /// <summary>EC2's DryRun: validate and ask the SCPs, then answer DryRunOperation without changing anything.</summary>
    public bool DryRun { get; init; }

    /// <summary>A signed-in portal user acting through the UI or the REST API, as the account's administrator role.</summary>
    public static Ec2Caller ForUser(Actor actor, string accountId, string region, bool canWrite) =>
        new(actor, accountId, region, AccountActions.UserPrincipal(accountId), canWrite);
}

/// <summary>ARNs of the EC2 resources MirrorTower models, as the SCPs see them.</summary>
public static class Ec2Arns
{
    public static string Of(string region, string accountId, string type, string id) => $"arn:aws:ec2:{region}:{accountId}:{type}/{id}";

    public static string Of(Ec2Caller caller, string type, string id) => Of(caller.Region, caller.AccountId, type, id);
}
