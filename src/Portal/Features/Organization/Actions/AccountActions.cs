using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization.Actions;

/// <summary>
/// Performs AWS calls inside an account, each first decided by the account's SCP chain as the chosen
/// principal. A denied call changes nothing, says which control, policy and statement denied it, and is
/// audited as Denied.
/// </summary>
public sealed class AccountActions(ChangePipeline changes, Compliance.ComplianceEvaluation compliance)
{
    /// <summary>The principal that stands for a portal user inside member accounts.</summary>
    public static string UserPrincipal(string accountId) => $"arn:aws:iam::{accountId}:role/AWSReservedSSO_AdministratorAccess";

    public static IReadOnlyList<PrincipalChoice> PrincipalChoices(string accountId) =>
    [
        new("Your administrator role", UserPrincipal(accountId)),
        new("The account's root user", $"arn:aws:iam::{accountId}:root"),
        new("AWSControlTowerExecution", $"arn:aws:iam::{accountId}:role/{Baseline.ExecutionRole}"),
    ];

    public async Task<OperationResult<AccountActionResult>> PerformAsync(Actor actor, string accountId, AccountActionRequest request)
    {
        var performed = await changes.RunAsync(actor, new ChangeSpec(request.Action ?? "(no action)", request.ResourceArn ?? accountId, Clearance.Admin),
            change => PerformAsync(change, accountId, request));
        if (performed.Value is { Performed: true })
        {
            await compliance.EvaluateAsync(Compliance.ComplianceScope.Accounts([accountId]));
        }
        return performed;
    }

    private static async Task<OperationResult<AccountActionResult>> PerformAsync(PendingChange change, string accountId, AccountActionRequest request)
    {
        var db = change.Db;
        var actor = change.Actor;
        var org = await OrganizationSnapshot.LoadAsync(db);
        if (org.Account(accountId) is not { } account)
        {
            return change.NotFound<AccountActionResult>($"No account of the organization has the id '{accountId}'.");
        }

        var errors = change.Errors;
        var action = ModeledActions.Find(request.Action);
        if (action is null)
        {
            errors.Add("action", $"'{request.Action}' is not an action the portal performs: use one of {string.Join(", ", ModeledActions.All.Select(a => a.Action))}.");
        }
        AccountResource? resource = null;
        if (action?.ResourceType is { } type)
        {
            resource = await db.AccountResources.FirstOrDefaultAsync(r => r.AccountId == accountId && r.Arn == request.ResourceArn);
            if (resource is null || resource.Type != type)
            {
                errors.Add("resourceArn", $"{action.Action} needs a resource of type {type} of this account; '{request.ResourceArn}' is not one.");
            }
        }
        var region = request.Region?.Trim() is { Length: > 0 } chosen ? chosen
            : resource is { Region: not "global" } ? resource.Region : org.Zone?.HomeRegion;
        if (region is not null && !AwsRegions.IsKnown(region))
        {
            errors.Add("region", $"'{region}' is not a Region.");
        }
        var principal = string.IsNullOrWhiteSpace(request.PrincipalArn) ? UserPrincipal(accountId) : request.PrincipalArn.Trim();
        if (!principal.StartsWith($"arn:aws:iam::{accountId}:", StringComparison.Ordinal))
        {
            errors.Add("principalArn", $"The principal must belong to account {accountId} (arn:aws:iam::{accountId}:...).");
        }
        if (!errors.IsEmpty)
        {
            return change.Invalid<AccountActionResult>();
        }

        var created = resource is null ? ModeledActions.Creates(action!, accountId, region ?? "us-east-1", principal) : null;
        var target = resource?.Arn ?? created?.Arn ?? "*";
        var checkedCall = InAccountDecision.Decide(org, account, principal, action!.Action, target, region, change.Now, change.Actor.ClientIp);
        var decision = checkedCall.Decision;
        var result = new AccountActionResult(checkedCall.Allowed, action.Action, target, principal, region,
            decision.Decision, decision.Summary, checkedCall.Control, decision.Deciding, decision.Trace);

        if (!checkedCall.Allowed)
        {
            // A denied call is an answer (403 with the explanation), not a refused request: its event is the only write.
            db.AuditEvents.Add(actor.Record(action.Action, target, AuditOutcome.Denied, checkedCall.Reason, accountId, principal, region));
            return change.SucceedWithOwnAudit(result);
        }

        if (resource is not null && !ModeledActions.Apply(action, resource))
        {
            db.AccountResources.Remove(resource);
        }
        if (created is not null)
        {
            db.AccountResources.Add(created);
        }
        change.Action = action.Action;
        change.Target = target;
        change.Context = (accountId, principal, region);
        change.Touches(ChangeArea.Resources, accountId);
        return change.Succeed(result, action.Description + ".");
    }
}
