using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine.Compliance;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Actions;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Compliance;

/// <summary>
/// Creates, edits and deletes resources of an account's inventory. Each change is an AWS-style call that the
/// account's SCP chain decides first and that is audited; the changed resource is re-evaluated at once.
/// </summary>
public sealed class ResourceService(IDbContextFactory<PortalDbContext> dbFactory, ChangePipeline changes, ComplianceEvaluation evaluation)
{
    public async Task<IReadOnlyList<ResourceView>?> ListAsync(string accountId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            return null;
        }
        var resources = await db.AccountResources.AsNoTracking().Where(r => r.AccountId == accountId)
            .OrderBy(r => r.Type).ThenBy(r => r.Name).ToListAsync(cancellationToken);
        var findings = (await db.ComplianceResults.AsNoTracking().Where(r => r.AccountId == accountId).ToListAsync(cancellationToken))
            .ToLookup(r => r.ResourceId);
        return resources.Select(r => View(r, findings[r.Id])).ToList();
    }

    public async Task<OperationResult<ResourceView>> CreateAsync(Actor actor, string accountId, NewResource request)
    {
        var spec = ResourceSpecs.All.FirstOrDefault(s => s.Type == request.Type);
        var created = await changes.RunAsync(actor, new ChangeSpec(spec?.CreateAction ?? "(create)", request.Name?.Trim() ?? "", Clearance.Admin), async change =>
        {
            var db = change.Db;
            change.Context = (accountId, null, null);
            var org = await OrganizationSnapshot.LoadAsync(db);
            if (org.Account(accountId) is not { } account)
            {
                return change.NotFound<AccountResource>($"No account of the organization has the id '{accountId}'.");
            }
            var errors = change.Errors;
            if (spec is null)
            {
                errors.Add("type", $"'{request.Type}' is not a resource type the portal creates: use one of {string.Join(", ", ResourceSpecs.All.Select(s => s.Type))}.");
            }
            var name = request.Name?.Trim() ?? "";
            errors.CheckText("name", name);
            if (name.Length is 0 or > 255 || name.Any(c => char.IsWhiteSpace(c) || c is ':' or '/'))
            {
                errors.Add("name", "The name is required: up to 255 characters, without spaces, ':' or '/'.");
            }
            var region = request.Region?.Trim() ?? org.Zone?.HomeRegion ?? "";
            if (!AwsRegions.IsKnown(region) && !(region == "global" && spec?.Type is ResourceTypes.User or ResourceTypes.Role))
            {
                errors.Add("region", $"'{request.Region}' is not a Region.");
            }
            var properties = spec is null ? new() : spec.Properties.Where(p => p.Default is not null).ToDictionary(p => p.Key, p => p.Default!);
            if (spec is not null)
            {
                CheckProperties(errors, spec, request.Properties, properties);
            }
            var arn = spec is null || !errors.IsEmpty ? "" : spec.Arn(region, accountId, name);
            if (arn.Length > 0 && await db.AccountResources.AnyAsync(r => r.AccountId == accountId && r.Arn == arn))
            {
                errors.Add("name", $"The account already has {arn}.");
            }
            if (!errors.IsEmpty)
            {
                return change.Invalid<AccountResource>();
            }
            var principal = PrincipalOf(request.PrincipalArn, accountId);
            change.Target = arn;
            change.Context = (accountId, principal, region);
            if (Refusal(change, org, account, principal, spec!.CreateAction, arn, region) is { } refused)
            {
                return change.Denied<AccountResource>(refused);
            }
            var resource = new AccountResource { AccountId = accountId, Region = region, Type = spec.Type, Name = name, Arn = arn, Properties = properties };
            db.AccountResources.Add(resource);
            change.Touches(ChangeArea.Resources, accountId);
            return change.Succeed(resource, $"{spec.Type} {name}.");
        });
        return created.Succeeded ? OperationResult<ResourceView>.Success(await EvaluatedAsync(created.Value!)) : created.As<ResourceView>();
    }

    public async Task<OperationResult<ResourceView>> UpdateAsync(Actor actor, string accountId, long resourceId, ResourceChange request)
    {
        var updated = await changes.RunAsync(actor, new ChangeSpec("(update)", $"{accountId}/{resourceId}", Clearance.Admin), async change =>
        {
            var db = change.Db;
            change.Context = (accountId, null, null);
            var org = await OrganizationSnapshot.LoadAsync(db);
            var resource = await db.AccountResources.FirstOrDefaultAsync(r => r.Id == resourceId && r.AccountId == accountId);
            if (org.Account(accountId) is not { } account || resource is null || ResourceSpecs.Find(resource.Type) is not { } spec)
            {
                return change.NotFound<AccountResource>($"Account {accountId} has no editable resource {resourceId}.");
            }
            change.Target = resource.Arn;
            var properties = new Dictionary<string, string>(resource.Properties);
            CheckProperties(change.Errors, spec, request.Properties, properties);
            if (request.Properties is not { Count: > 0 })
            {
                change.Errors.Add("properties", "Give at least one setting to change.");
            }
            if (!change.Errors.IsEmpty)
            {
                return change.Invalid<AccountResource>();
            }
            // One AWS call per changed setting, each decided by the SCPs; the first refusal stops the change whole.
            var principal = PrincipalOf(request.PrincipalArn, accountId);
            change.Context = (accountId, principal, resource.Region);
            var calls = spec.Properties.Where(p => properties.GetValueOrDefault(p.Key) != resource.Properties.GetValueOrDefault(p.Key))
                .Select(p => p.ActionFor(resource.Properties.GetValueOrDefault(p.Key), properties[p.Key])).Distinct().ToList();
            foreach (var call in calls)
            {
                if (Refusal(change, org, account, principal, call, resource.Arn, resource.Region) is { } refused)
                {
                    return change.Denied<AccountResource>(refused);
                }
            }
            resource.Properties = properties;
            foreach (var call in calls)
            {
                db.AuditEvents.Add(actor.Record(call, resource.Arn, AuditOutcome.Succeeded,
                    string.Join(", ", request.Properties!.Select(p => $"{p.Key}={p.Value}")) + ".", accountId, principal, resource.Region));
            }
            change.Touches(ChangeArea.Resources, accountId);
            return change.SucceedWithOwnAudit(resource);
        });
        return updated.Succeeded ? OperationResult<ResourceView>.Success(await EvaluatedAsync(updated.Value!)) : updated.As<ResourceView>();
    }

    public async Task<OperationResult<long>> DeleteAsync(Actor actor, string accountId, long resourceId, string? principalArn)
    {
        var deleted = await changes.RunAsync(actor, new ChangeSpec("(delete)", $"{accountId}/{resourceId}", Clearance.Admin), async change =>
        {
            var db = change.Db;
            change.Context = (accountId, null, null);
            var org = await OrganizationSnapshot.LoadAsync(db);
            var resource = await db.AccountResources.FirstOrDefaultAsync(r => r.Id == resourceId && r.AccountId == accountId);
            if (org.Account(accountId) is not { } account || resource is null || ResourceSpecs.All.FirstOrDefault(s => s.Type == resource.Type) is not { } spec)
            {
                return change.NotFound<long>($"Account {accountId} has no deletable resource {resourceId}.");
            }
            var principal = PrincipalOf(principalArn, accountId);
            change.Action = spec.DeleteAction;
            change.Target = resource.Arn;
            change.Context = (accountId, principal, resource.Region);
            if (Refusal(change, org, account, principal, spec.DeleteAction, resource.Arn, resource.Region) is { } refused)
            {
                return change.Denied<long>(refused);
            }
            db.AccountResources.Remove(resource);
            change.Touches(ChangeArea.Resources, accountId);
            return change.Succeed(resourceId, $"{spec.Type} {resource.Name} deleted.");
        });
        if (deleted.Succeeded)
        {
            await evaluation.EvaluateAsync(ComplianceScope.Resource(resourceId));
        }
        return deleted;
    }

    /// <summary>Applies the one-action fix of a violation, as an ordinary (SCP-checked, audited) change.</summary>
    public async Task<OperationResult<ResourceView>> RemediateAsync(Actor actor, long resultId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var result = await db.ComplianceResults.AsNoTracking().FirstOrDefaultAsync(r => r.Id == resultId);
        var resource = result is null ? null : await db.AccountResources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == result.ResourceId);
        if (result is null || resource is null)
        {
            return OperationResult<ResourceView>.NotFound($"No compliance result has the id {resultId}.");
        }
        if (Remediations.For(result.ControlIdentifier) is not { } remediation)
        {
            return OperationResult<ResourceView>.Invalid(new FieldErrors().Add("resultId", $"{result.ControlIdentifier} has no one-action remediation."));
        }
        return await UpdateAsync(actor, resource.AccountId, resource.Id, new ResourceChange { Properties = remediation.Patch(resource.Properties) });
    }

    private async Task<ResourceView> EvaluatedAsync(AccountResource resource)
    {
        await evaluation.EvaluateAsync(ComplianceScope.Resource(resource.Id));
        await using var db = await dbFactory.CreateDbContextAsync();
        var findings = await db.ComplianceResults.AsNoTracking().Where(r => r.ResourceId == resource.Id).ToListAsync();
        return View(resource, findings);
    }

    /// <summary>The account's SCPs on one call: null when allowed, else the answer; the refused call is what the audit names.</summary>
    private static string? Refusal(PendingChange change, OrganizationSnapshot org, Account account, string principal, string action, string arn, string region)
    {
        var decision = InAccountDecision.Decide(org, account, principal, action, arn, region == "global" ? null : region, change.Now, change.Actor.ClientIp);
        if (decision.Allowed)
        {
            return null;
        }
        change.Action = action;
        return $"{action} on {arn} is denied. {decision.Reason}";
    }

    private static string PrincipalOf(string? requested, string accountId) =>
        string.IsNullOrWhiteSpace(requested) ? AccountActions.UserPrincipal(accountId) : requested.Trim();

    private static void CheckProperties(FieldErrors errors, ResourceSpec spec, Dictionary<string, string>? requested, Dictionary<string, string> into)
    {
        foreach (var (key, value) in requested ?? [])
        {
            var property = spec.Properties.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                errors.Add($"properties.{key}", $"{spec.Type} has no setting '{key}': use {string.Join(", ", spec.Properties.Select(p => p.Key))}.");
                continue;
            }
            var text = value?.Trim() ?? "";
            if (property.Kind == PropertyKind.Flag && text is not ("true" or "false"))
            {
                errors.Add($"properties.{property.Key}", $"{property.Key} is true or false.");
                continue;
            }
            if (property.Kind == PropertyKind.IngressRules)
            {
                IngressRule.ParseList(text, out var problems);
                foreach (var problem in problems)
                {
                    errors.Add($"properties.{property.Key}", problem);
                }
            }
            into[property.Key] = text;
        }
    }

    private static ResourceView View(AccountResource resource, IEnumerable<ComplianceResult> findings) =>
        new(resource.Id, resource.AccountId, resource.Region, resource.Type, resource.Name, resource.Arn, resource.Properties,
            findings.Select(f => new ResourceFinding(f.ControlIdentifier, f.Compliance.ToString(), f.Annotation,
                f.Compliance == ComplianceType.NON_COMPLIANT ? Remediations.For(f.ControlIdentifier)?.Description : null)).ToList());
}
