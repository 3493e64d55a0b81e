using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine.Policies;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Model;
using MirrorTower.Portal.Features.Workbench;

namespace MirrorTower.Portal.Features.ServiceControlPolicies;

/// <summary>Custom SCPs: written with validation, attached to and detached from the root, OUs and accounts.</summary>
public sealed class PolicyService(IDbContextFactory<PortalDbContext> dbFactory, WriteGate writes, OrganizationEvents events, ChangeGate gate)
{
    public async Task<IReadOnlyList<PolicyView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        return org.Policies.Select(p => ToView(org, p)).ToList();
    }

    public async Task<IReadOnlyList<TargetQuota>> QuotasAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var org = await OrganizationSnapshot.LoadAsync(db, cancellationToken: cancellationToken);
        var targets = new[] { org.Zone?.RootId }.OfType<string>().Concat(org.LiveOus.Select(o => o.Id)).Concat(org.Accounts.Select(a => a.Id));
        return targets.Select(t =>
        {
            var attached = org.AttachedTo(t);
            return new TargetQuota(t, org.DescribeTarget(t), attached.Count, ServiceControlPolicy.MaxAttachedPerTarget - attached.Count,
                attached.Count == 0 ? 0 : attached.Max(p => p.Document.Length));
        }).ToList();
    }

    /// <summary>Validates a document: JSON syntax with line and column, the grammar, the size limit.</summary>
    public static FieldErrors Validate(string? document)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(document))
        {
            return errors.Add("document", "The policy document is required.");
        }
        if (document.Length > ServiceControlPolicy.MaxCharacters)
        {
            errors.Add("document", $"The document has {document.Length} characters; an SCP has at most {ServiceControlPolicy.MaxCharacters}.");
        }
        foreach (var error in PolicyParser.Parse(document, "policy").Errors)
        {
            errors.Add("document", error.ToString());
        }
        return errors;
    }

    public async Task<OperationResult<PolicyView>> CreateAsync(Actor actor, PolicyInput input)
    {
        // Serialized with every other change: the quota and name checks read what no other writer can change before commit.
        await using var change = await writes.BeginAsync();
        var db = change.Db;
        var org = await OrganizationSnapshot.LoadAsync(db);
        var errors = Validate(input.Document).CheckText("description", input.Description);
        CheckName(errors, org, input.Name, exceptId: null);
        if (!errors.IsEmpty)
        {
            return await change.RefuseAsync<PolicyView>(actor, "organizations:CreatePolicy", input.Name ?? "(no name)", errors);
        }
        var policy = new ScpPolicy
        {
            Id = "p-" + Guid.NewGuid().ToString("N")[..8],
            Name = input.Name!.Trim(),
            Description = input.Description?.Trim() ?? "",
            Document = input.Document!,
            Kind = PolicyKind.Custom,
            UpdatedUtc = DateTime.UtcNow,
        };
        db.Policies.Add(policy);
        db.AuditEvents.Add(actor.Record("organizations:CreatePolicy", policy.Id, AuditOutcome.Succeeded, $"SCP {policy.Name}, {policy.Document.Length} characters."));
        await change.CommitAsync();
        events.Publish();
        return OperationResult<PolicyView>.Success(ToView(await OrganizationSnapshot.LoadAsync(db), policy));
    }

    public async Task<OperationResult<PolicyView>> UpdateAsync(Actor actor, string policyId, PolicyInput input)
    {
        // Serialized with every other change: the quota and name checks read what no other writer can change before commit.
        await using var change = await writes.BeginAsync();
        var db = change.Db;
        var org = await OrganizationSnapshot.LoadAsync(db, tracking: true);
        if (org.Policies.FirstOrDefault(p => p.Id == policyId) is not { } policy)
        {
            return OperationResult<PolicyView>.NotFound($"No SCP has the id '{policyId}'.");
        }
        if (policy.Kind != PolicyKind.Custom)
        {
            var message = $"{policy.Name} is {(policy.Kind == PolicyKind.AwsManaged ? "managed by AWS" : "managed by Control Tower")}: edit it out of band only (that is drift).";
            await change.RefuseAsync(actor.Record("organizations:UpdatePolicy", policyId, AuditOutcome.Denied, message));
            return OperationResult<PolicyView>.Denied(message);
        }
        var errors = Validate(input.Document).CheckText("description", input.Description);
        CheckName(errors, org, input.Name, exceptId: policyId);
        if (!errors.IsEmpty)
        {
            return await change.RefuseAsync<PolicyView>(actor, "organizations:UpdatePolicy", policyId, errors);
        }
        var report = await gate.CheckAsync(org, Proposals.WithDocument(org, policyId, input.Document!));
        if (report.Blocks && (report.Refuses || !input.ConfirmFailingTests))
        {
            return await change.BlockAsync<PolicyView>(actor, "organizations:UpdatePolicy", policyId, report);
        }
        policy.Name = input.Name!.Trim();
        policy.Description = input.Description?.Trim() ?? "";
        policy.Document = input.Document!;
        policy.UpdatedUtc = DateTime.UtcNow;
        db.AuditEvents.Add(actor.Record("organizations:UpdatePolicy", policyId, AuditOutcome.Succeeded, $"SCP {policy.Name}, {policy.Document.Length} characters. {Confirmed(report)}"));
        await change.CommitAsync();
        events.Publish();
        return OperationResult<PolicyView>.Success(ToView(org, policy));
    }

    public async Task<OperationResult<PolicyView>> AttachAsync(Actor actor, string policyId, AttachmentRequest request)
    {
        // Serialized with every other change: the quota and name checks read what no other writer can change before commit.
        await using var change = await writes.BeginAsync();
        var db = change.Db;
        var org = await OrganizationSnapshot.LoadAsync(db);
        if (org.Policies.FirstOrDefault(p => p.Id == policyId) is not { } policy)
        {
            return OperationResult<PolicyView>.NotFound($"No SCP has the id '{policyId}'.");
        }
        var errors = new FieldErrors();
        var target = request.TargetId?.Trim() ?? "";
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
        else if (org.AttachedTo(target).Count >= ServiceControlPolicy.MaxAttachedPerTarget)
        {
            errors.Add("targetId", $"Quota 'SCPs attached to a target' ({ServiceControlPolicy.MaxAttachedPerTarget}) is reached on {org.DescribeTarget(target)}.");
        }
        if (!errors.IsEmpty)
        {
            return await change.RefuseAsync<PolicyView>(actor, "organizations:AttachPolicy", $"{policyId} to {target}", errors);
        }
        var report = await gate.CheckAsync(org, Proposals.WithAttachment(org, policyId, target));
        if (report.Blocks && (report.Refuses || !request.ConfirmFailingTests))
        {
            return await change.BlockAsync<PolicyView>(actor, "organizations:AttachPolicy", $"{policyId} to {target}", report);
        }
        db.PolicyAttachments.Add(new PolicyAttachment { PolicyId = policyId, TargetId = target });
        db.AuditEvents.Add(actor.Record("organizations:AttachPolicy", $"{policyId} to {target}", AuditOutcome.Succeeded, $"{policy.Name} attached to {org.DescribeTarget(target)}. {Confirmed(report)}"));
        await change.CommitAsync();
        events.Publish();
        return OperationResult<PolicyView>.Success(ToView(await OrganizationSnapshot.LoadAsync(db), policy));
    }

    public async Task<OperationResult<PolicyView>> DetachAsync(Actor actor, string policyId, string targetId, bool confirmFailingTests = false)
    {
        // Serialized with every other change: the quota and name checks read what no other writer can change before commit.
        await using var change = await writes.BeginAsync();
        var db = change.Db;
        var org = await OrganizationSnapshot.LoadAsync(db, tracking: true);
        if (org.Policies.FirstOrDefault(p => p.Id == policyId) is not { } policy)
        {
            return OperationResult<PolicyView>.NotFound($"No SCP has the id '{policyId}'.");
        }
        var errors = new FieldErrors();
        var attachment = org.Attachments.FirstOrDefault(a => a.PolicyId == policyId && a.TargetId == targetId);
        if (attachment is null)
        {
            errors.Add("targetId", $"{policy.Name} is not attached to '{targetId}'.");
        }
        else if (policy.Kind == PolicyKind.ControlTower)
        {
            errors.Add("policyId", "Control Tower's SCPs are detached by disabling controls.");
        }
        else if (org.AttachedTo(targetId).Count == 1)
        {
            errors.Add("targetId", $"Every target keeps at least one SCP: {policy.Name} is the last one on {org.DescribeTarget(targetId)}.");
        }
        if (!errors.IsEmpty)
        {
            return await change.RefuseAsync<PolicyView>(actor, "organizations:DetachPolicy", $"{policyId} from {targetId}", errors);
        }
        var report = await gate.CheckAsync(org, Proposals.WithoutAttachment(org, policyId, targetId));
        if (report.Blocks && (report.Refuses || !confirmFailingTests))
        {
            return await change.BlockAsync<PolicyView>(actor, "organizations:DetachPolicy", $"{policyId} from {targetId}", report);
        }
        db.PolicyAttachments.Remove(attachment!);
        db.AuditEvents.Add(actor.Record("organizations:DetachPolicy", $"{policyId} from {targetId}", AuditOutcome.Succeeded, $"{policy.Name} detached from {org.DescribeTarget(targetId)}. {Confirmed(report)}"));
        await change.CommitAsync();
        events.Publish();
        return OperationResult<PolicyView>.Success(ToView(await OrganizationSnapshot.LoadAsync(db), policy));
    }

    internal static bool IsTarget(OrganizationSnapshot org, string target) =>
        target == org.Zone?.RootId || org.Ou(target) is { DeletedOutOfBand: false } || org.Account(target) is not null;

    private static PolicyView ToView(OrganizationSnapshot org, ScpPolicy policy) => new(policy.Id, policy.Name, policy.Description, policy.Kind,
        policy.Document, policy.Document.Length, org.Attachments.Where(a => a.PolicyId == policy.Id).Select(a => org.DescribeTarget(a.TargetId)).ToList());

    private static void CheckName(FieldErrors errors, OrganizationSnapshot org, string? name, string? exceptId)
    {
        errors.CheckText("name", name);
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("name", "The SCP name is required.");
        }
        else if (name.Trim().Length > 128)
        {
            errors.Add("name", "An SCP name has at most 128 characters.");
        }
        else if (org.Policies.Any(p => p.Id != exceptId && string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add("name", $"An SCP named '{name.Trim()}' already exists.");
        }
    }


    internal static string Confirmed(GateReport report) =>
        report.Blocks ? $"Confirmed despite failing policy tests. {report.Describe()}" : report.Describe();

}
