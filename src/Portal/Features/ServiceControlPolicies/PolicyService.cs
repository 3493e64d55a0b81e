using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine.Policies;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Model;
using MirrorTower.Portal.Features.Workbench;

namespace MirrorTower.Portal.Features.ServiceControlPolicies;

/// <summary>Custom SCPs and RCPs: written with validation by their type's grammar, attached to and detached from the root, OUs and accounts.</summary>
public sealed class PolicyService(IDbContextFactory<PortalDbContext> dbFactory, ChangePipeline changes, ChangeGate gate)
{
    public async Task<IReadOnlyList<PolicyView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        return org.Policies.Select(p => ToView(org, p)).ToList();
    }

    /// <summary>
    /// What a custom simulation can start from: the organization's SCPs and the SCP of every preventive control in the
    /// library, rendered for the governed Regions.
    /// </summary>
    public async Task<IReadOnlyList<(string Name, string Document)>> StartingPointsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        var regions = org.Zone?.GovernedRegions ?? ["us-east-1"];
        var controls = Engine.Controls.ControlCatalog.Default.Controls.Where(c => c.HasScp).Select(c => ($"Control {c.Identifier}",
            Engine.Controls.ControlStatements.Document(Engine.Controls.ControlStatements.Render(c, new Dictionary<string, string[]>(), regions))));
        return [.. org.Policies.Select(p => ($"SCP {p.Name}", ToView(org, p).Document)), .. controls];
    }

    public async Task<IReadOnlyList<TargetQuota>> QuotasAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        var targets = new[] { org.Zone?.RootId }.OfType<string>().Concat(org.LiveOus.Select(o => o.Id)).Concat(org.Accounts.Select(a => a.Id));
        return targets.Select(t =>
        {
            var attached = org.AttachedTo(t);
            var rcps = org.AttachedTo(t, PolicyType.ResourceControlPolicy);
            return new TargetQuota(t, org.DescribeTarget(t), attached.Count, ServiceControlPolicy.MaxAttachedPerTarget - attached.Count,
                attached.Concat(rcps).Select(p => p.Document.Length).DefaultIfEmpty(0).Max(),
                rcps.Count, ServiceControlPolicy.MaxAttachedPerTarget - rcps.Count);
        }).ToList();
    }

    /// <summary>Validates a document: JSON syntax with line and column, the grammar of its type, the size limit.</summary>
    public static FieldErrors Validate(string? document, PolicyType type = PolicyType.ServiceControlPolicy)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(document))
        {
            return errors.Add("document", "The policy document is required.");
        }
        if (document.Length > ServiceControlPolicy.MaxCharacters)
        {
            errors.Add("document", $"The document has {document.Length} characters; an {type.Label()} has at most {ServiceControlPolicy.MaxCharacters}.");
        }
        foreach (var error in PolicyParser.Parse(document, "policy", strict: true, type).Errors)
        {
            errors.Add("document", error.ToString());
        }
        return errors;
    }

    public async Task<OperationResult<PolicyView>> CreateAsync(Actor actor, PolicyInput input) => await ViewAsync(
        await changes.RunAsync(actor, new ChangeSpec("organizations:CreatePolicy", input.Name ?? "(no name)", Clearance.Admin), async change =>
        {
            var org = await OrganizationSnapshot.LoadAsync(change.Db);
            var type = PolicyTypes.FromApiName(input.Type ?? PolicyType.ServiceControlPolicy.ApiName());
            var errors = type is null
                ? new FieldErrors().Add("type", $"'{input.Type}' is not a policy type: use SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY.")
                : Validate(input.Document, type.Value);
            errors.CheckText("description", input.Description);
            CheckName(errors, org, input.Name, exceptId: null);
            if (!errors.IsEmpty)
            {
                return change.Invalid<string>(errors);
            }
            var policy = new ScpPolicy
            {
                Id = "p-" + Guid.NewGuid().ToString("N")[..8],
                Name = input.Name!.Trim(),
                Description = input.Description?.Trim() ?? "",
                Document = input.Document!,
                Kind = PolicyKind.Custom,
                Type = type!.Value,
                UpdatedUtc = change.Now,
            };
            change.Db.Policies.Add(policy);
            if (input.Tags is { Count: > 0 } tags && !await OrganizationTags.ApplyAsync(change, policy.Id, tags))
            {
                return change.Invalid<string>();
            }
            change.Target = policy.Id;
            change.Touches(ChangeArea.Policies, policy.Id);
            return change.Succeed(policy.Id, $"{policy.Type.Label()} {policy.Name}, {policy.Document.Length} characters.");
        }));

    public async Task<OperationResult<PolicyView>> UpdateAsync(Actor actor, string policyId, PolicyInput input) => await ViewAsync(
        await changes.RunAsync(actor, new ChangeSpec("organizations:UpdatePolicy", policyId, Clearance.Admin), async change =>
        {
            var org = await OrganizationSnapshot.LoadAsync(change.Db, tracking: true);
            if (org.Policies.FirstOrDefault(p => p.Id == policyId) is not { } policy)
            {
                return change.NotFound<string>($"No SCP has the id '{policyId}'.");
            }
            if (policy.Kind != PolicyKind.Custom)
            {
                return change.Denied<string>($"{policy.Name} is {(policy.Kind == PolicyKind.AwsManaged ? "managed by AWS" : "managed by Control Tower")}: edit it out of band only (that is drift).");
            }
            var errors = Validate(input.Document, policy.Type).CheckText("description", input.Description);
            CheckName(errors, org, input.Name, exceptId: policyId);
            if (input.Type is not null && PolicyTypes.FromApiName(input.Type) != policy.Type)
            {
                errors.Add("type", $"{policy.Name} is an {policy.Type.Label()}: a policy's type is fixed when it is created.");
            }
            if (input.Tags is { Count: > 0 })
            {
                errors.Add("tags", "An existing SCP is tagged with TagResource (POST /aws, or the organization's tags), not with its update.");
            }
            if (!errors.IsEmpty)
            {
                return change.Invalid<string>(errors);
            }
            var report = await gate.CheckAsync(org, Proposals.WithDocument(org, policyId, input.Document!));
            if (report.Blocks && (report.Refuses || !input.ConfirmFailingTests))
            {
                return change.Blocked<string>(report);
            }
            policy.Name = input.Name!.Trim();
            policy.Description = input.Description?.Trim() ?? "";
            policy.Document = input.Document!;
            policy.UpdatedUtc = change.Now;
            change.Touches(ChangeArea.Policies, policyId);
            return change.Succeed(policyId, $"{policy.Type.Label()} {policy.Name}, {policy.Document.Length} characters. {Confirmed(report)}");
        }));

    public async Task<OperationResult<PolicyView>> AttachAsync(Actor actor, string policyId, AttachmentRequest request)
    {
        var target = request.TargetId?.Trim() ?? "";
        return await ViewAsync(await changes.RunAsync(actor, new ChangeSpec("organizations:AttachPolicy", $"{policyId} to {target}", Clearance.Admin), async change =>
        {
            var org = await OrganizationSnapshot.LoadAsync(change.Db);
            if (org.Policies.FirstOrDefault(p => p.Id == policyId) is not { } policy)
            {
                return change.NotFound<string>($"No SCP has the id '{policyId}'.");
            }
            var errors = change.Errors;
            if (!IsTarget(org, target))
            {
                errors.Add("targetId", $"'{request.TargetId}' is not the root, an OU or an account of the organization.");
            }
            else if (org.Attachments.Any(a => a.PolicyId == policyId && a.TargetId == target))
            {
                errors.Add("targetId", $"{policy.Name} is already attached to {org.DescribeTarget(target)}.");
            }
            else if (policy.Kind == PolicyKind.ControlTower)
            {
                errors.Add("policyId", "Control Tower's SCPs are attached by enabling controls.");
            }
            else if (org.AttachedTo(target, policy.Type).Count >= ServiceControlPolicy.MaxAttachedPerTarget)
            {
                errors.Add("targetId", $"Quota '{policy.Type.Label()}s attached to a target' ({ServiceControlPolicy.MaxAttachedPerTarget}) is reached on {org.DescribeTarget(target)}.");
            }
            if (!errors.IsEmpty)
            {
                return change.Invalid<string>();
            }
            var report = await gate.CheckAsync(org, Proposals.WithAttachment(org, policyId, target));
            if (report.Blocks && (report.Refuses || !request.ConfirmFailingTests))
            {
                return change.Blocked<string>(report);
            }
            change.Db.PolicyAttachments.Add(new PolicyAttachment { PolicyId = policyId, TargetId = target });
            change.Touches(ChangeArea.Policies, policyId);
            return change.Succeed(policyId, $"{policy.Name} attached to {org.DescribeTarget(target)}. {Confirmed(report)}");
        }));
    }

    public async Task<OperationResult<PolicyView>> DetachAsync(Actor actor, string policyId, string targetId, bool confirmFailingTests = false) => await ViewAsync(
        await changes.RunAsync(actor, new ChangeSpec("organizations:DetachPolicy", $"{policyId} from {targetId}", Clearance.Admin), async change =>
        {
            var org = await OrganizationSnapshot.LoadAsync(change.Db, tracking: true);
            if (org.Policies.FirstOrDefault(p => p.Id == policyId) is not { } policy)
            {
                return change.NotFound<string>($"No SCP has the id '{policyId}'.");
            }
            var errors = change.Errors;
            var attachment = org.Attachments.FirstOrDefault(a => a.PolicyId == policyId && a.TargetId == targetId);
            if (attachment is null)
            {
                errors.Add("targetId", $"{policy.Name} is not attached to '{targetId}'.");
            }
            else if (policy.Kind == PolicyKind.ControlTower)
            {
                errors.Add("policyId", "Control Tower's SCPs are detached by disabling controls.");
            }
            else if (policy.Id == ScpPolicy.RcpFullAwsAccessId)
            {
                errors.Add("policyId", "RCPFullAWSAccess cannot be detached: AWS keeps it on the root, every OU and every account.");
            }
            else if (org.AttachedTo(targetId, policy.Type).Count == 1)
            {
                errors.Add("targetId", $"Every target keeps at least one SCP: {policy.Name} is the last one on {org.DescribeTarget(targetId)}.");
            }
            if (!errors.IsEmpty)
            {
                return change.Invalid<string>();
            }
            var report = await gate.CheckAsync(org, Proposals.WithoutAttachment(org, policyId, targetId));
            if (report.Blocks && (report.Refuses || !confirmFailingTests))
            {
                return change.Blocked<string>(report);
            }
            change.Db.PolicyAttachments.Remove(attachment!);
            change.Touches(ChangeArea.Policies, policyId);
            return change.Succeed(policyId, $"{policy.Name} detached from {org.DescribeTarget(targetId)}. {Confirmed(report)}");
        }));

    /// <summary>Deletes a custom SCP that is attached nowhere (as Organizations refuses a policy in use: detach it first).</summary>
    public Task<OperationResult<string>> DeleteAsync(Actor actor, string policyId) =>
        changes.RunAsync(actor, new ChangeSpec("organizations:DeletePolicy", policyId, Clearance.Admin), async change =>
        {
            var org = await OrganizationSnapshot.LoadAsync(change.Db, tracking: true);
            if (org.Policies.FirstOrDefault(p => p.Id == policyId) is not { } policy)
            {
                return change.NotFound<string>($"No SCP has the id '{policyId}'.");
            }
            if (policy.Kind != PolicyKind.Custom)
            {
                return change.Denied<string>($"{policy.Name} is {(policy.Kind == PolicyKind.AwsManaged ? "managed by AWS" : "managed by Control Tower")}: it cannot be deleted.");
            }
            if (org.Attachments.Where(a => a.PolicyId == policyId).Select(a => org.DescribeTarget(a.TargetId)).ToList() is { Count: > 0 } targets)
            {
                return change.Invalid<string>(new FieldErrors().Add("policyId", $"{policy.Name} is in use, attached to {string.Join(", ", targets)}: detach it first."));
            }
            change.Db.Policies.Remove(policy);
            change.Db.OrganizationTags.RemoveRange(change.Db.OrganizationTags.Where(t => t.ResourceId == policyId));
            change.Touches(ChangeArea.Policies, policyId);
            return change.Succeed(policyId, $"SCP {policy.Name} deleted.");
        });

    /// <summary>The policy as it is after a change that succeeded, or the change's refusal.</summary>
    private async Task<OperationResult<PolicyView>> ViewAsync(OperationResult<string> changed)
    {
        if (!changed.Succeeded)
        {
            return changed.As<PolicyView>();
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        var org = await OrganizationSnapshot.LoadAsync(db);
        return OperationResult<PolicyView>.Success(ToView(org, org.Policies.First(p => p.Id == changed.Value)));
    }

    internal static bool IsTarget(OrganizationSnapshot org, string target) =>
        target == org.Zone?.RootId || org.Ou(target) is { DeletedOutOfBand: false } || org.Account(target) is not null;

    private static PolicyView ToView(OrganizationSnapshot org, ScpPolicy policy) => new(policy.Id, policy.Name, policy.Description, policy.Kind,
        policy.Document, policy.Document.Length, org.Attachments.Where(a => a.PolicyId == policy.Id).Select(a => org.DescribeTarget(a.TargetId)).ToList(),
        policy.Type);

    private static void CheckName(FieldErrors errors, OrganizationSnapshot org, string? name, string? exceptId)
    {
        errors.CheckText("name", name);
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("name", "The policy name is required.");
        }
        else if (name.Trim().Length > 128)
        {
            errors.Add("name", "A policy name has at most 128 characters.");
        }
        else if (org.Policies.Any(p => p.Id != exceptId && string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add("name", $"A policy named '{name.Trim()}' already exists.");
        }
    }


    internal static string Confirmed(GateReport report) =>
        report.Blocks ? $"Confirmed despite failing policy tests. {report.Describe()}" : report.Describe();

}
