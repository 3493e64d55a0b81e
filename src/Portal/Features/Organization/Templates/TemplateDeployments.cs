using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine.Controls;
using MirrorTower.Engine.Templates;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Organization.Actions;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization.Templates;

/// <summary>
/// Deploys a CloudFormation template into an account as Control Tower governs it: the caller's SCPs decide
/// <c>cloudformation:CreateStack</c>, then the proactive controls in effect on the account's OUs check every resource
/// (CloudFormation hooks, in the governed Regions); one refusal fails the whole stack and nothing is made. Otherwise the
/// resources the inventory models are added to it, in the same transaction, and the detective rules then see them.
/// </summary>
public sealed partial class TemplateDeployments(ChangePipeline changes, Compliance.ComplianceEvaluation compliance)
{
    public const string Action = "cloudformation:CreateStack";

    public async Task<OperationResult<StackResult>> DeployAsync(Actor actor, string accountId, StackRequest request)
    {
        var deployed = await changes.RunAsync(actor, new ChangeSpec(Action, $"{request.StackName ?? "(no name)"} in {accountId}", Clearance.Admin),
            change => DeployAsync(change, accountId, request));
        if (deployed.Succeeded && deployed.Value!.Created.Count > 0)
        {
            await compliance.EvaluateAsync(Compliance.ComplianceScope.Accounts([accountId]));
        }
        return deployed;
    }

    private static async Task<OperationResult<StackResult>> DeployAsync(PendingChange change, string accountId, StackRequest request)
    {
        var db = change.Db;
        var org = await OrganizationSnapshot.LoadAsync(db);
        if (org.Account(accountId) is not { } account)
        {
            return change.NotFound<StackResult>($"No account of the organization has the id '{accountId}'.");
        }
        var errors = change.Errors;
        var stackName = request.StackName?.Trim() ?? "";
        if (!StackName().IsMatch(stackName))
        {
            errors.Add("stackName", "A stack name starts with a letter and has letters, digits and hyphens, at most 128 characters.");
        }
        var region = request.Region?.Trim() is { Length: > 0 } chosen ? chosen : org.Zone?.HomeRegion ?? "us-east-1";
        if (!AwsRegions.IsKnown(region))
        {
            errors.Add("region", $"'{region}' is not a Region.");
        }
        var template = CloudFormationTemplate.Parse(request.Template);
        foreach (var (field, message) in template.Errors)
        {
            errors.Add(field, message);
        }
        if (!errors.IsEmpty)
        {
            return change.Invalid<StackResult>();
        }

        var principal = AccountActions.UserPrincipal(accountId);
        var stackArn = $"arn:aws:cloudformation:{region}:{accountId}:stack/{stackName}/*";
        var call = InAccountDecision.Decide(org, account, principal, Action, stackArn, region, change.Now, change.Actor.ClientIp);
        if (!call.Allowed)
        {
            return change.Denied<StackResult>(call.Reason);
        }

        // Hooks run where Control Tower deployed them: the governed Regions of enrolled accounts.
        var governed = account.Enrolled && (org.Zone?.GovernedRegions.Contains(region) ?? false);
        var controls = governed ? Stacks.ProactiveControlsOn(org, account.OuId) : [];
        var refusals = ProactiveEvaluation.Evaluate(template.Resources, controls);
        foreach (var refusal in refusals)
        {
            errors.Add($"template.Resources.{refusal.LogicalId}", refusal.Describe());
        }
        if (!errors.IsEmpty)
        {
            return change.Invalid<StackResult>();
        }

        var taken = (await db.AccountResources.Where(r => r.AccountId == accountId).Select(r => r.Arn).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        var (created, notModelled, clashes) = Stacks.AddResources(db, template.Resources, accountId, region, stackName, taken);
        foreach (var (logicalId, arn) in clashes)
        {
            errors.Add($"template.Resources.{logicalId}", $"{arn} already exists in account {accountId}.");
        }
        if (!errors.IsEmpty)
        {
            return change.Invalid<StackResult>();
        }
        var checkedBy = controls.Where(c => c.Checks.Any(k => template.Resources.Any(r => r.Type == k.ResourceType))).Select(c => c.Identifier).ToList();
        change.Target = stackArn;
        change.Context = (accountId, principal, region);
        change.Touches(ChangeArea.Resources, accountId);
        return change.Succeed(new StackResult(stackName, accountId, region, created, notModelled, checkedBy),
            $"Stack {stackName}: {created.Count} resource(s) made, checked by {checkedBy.Count} proactive control(s).");
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]{0,127}$")]
    private static partial Regex StackName();
}
