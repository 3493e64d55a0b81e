using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Mirroring.Network;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Actions;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.Mirroring.Ec2;

/// <summary>
/// The read half of the EC2 API: a Describe call is judged by the account's SCP chain as the caller's principal, as a
/// change is, so that a Region-deny control refuses <c>ec2:Describe*</c> outside the governed Regions like AWS does.
/// Describe actions take no resource-level permissions, so the resource judged is <c>*</c>.
/// </summary>
public sealed class Ec2Reads(IDbContextFactory<PortalDbContext> dbFactory, AuditTrail audit, TimeProvider time)
{
    public async Task<NetworkSnapshot> DescribeAsync(Ec2Caller caller, string action)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var org = await OrganizationSnapshot.LoadAsync(db);
        if (org.Account(caller.AccountId) is { } account
            && InAccountDecision.Decide(org, account, caller.PrincipalArn, action, "*", caller.Region, time.GetUtcNow().UtcDateTime, caller.Actor.ClientIp)
                is { Allowed: false } decision)
        {
            await audit.RecordAsync(caller.Actor.Record(action, caller.AccountId, AuditOutcome.Denied, decision.Reason,
                caller.AccountId, caller.PrincipalArn, caller.Region));
            throw new AwsError("UnauthorizedOperation", $"{action} was denied by the account's SCPs. {decision.Reason}", StatusCodes.Status403Forbidden);
        }
        return await NetworkSnapshot.LoadAsync(db);
    }
}
