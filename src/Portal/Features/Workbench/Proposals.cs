using MirrorTower.Engine.Policies;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Workbench;

/// <summary>The organization as each kind of change would leave it, built in memory for the change gate.</summary>
internal static class Proposals
{
    public static OrganizationSnapshot WithDocument(OrganizationSnapshot org, string policyId, string document) =>
        org.With(policies: org.Policies.Select(p => p.Id == policyId ? Copy(p, document) : p).ToList());

    public static OrganizationSnapshot WithAttachment(OrganizationSnapshot org, string policyId, string targetId) =>
        org.With(attachments: [.. org.Attachments, new PolicyAttachment { PolicyId = policyId, TargetId = targetId }]);

    public static OrganizationSnapshot WithoutAttachment(OrganizationSnapshot org, string policyId, string targetId) =>
        org.With(attachments: org.Attachments.Where(a => !(a.PolicyId == policyId && a.TargetId == targetId)).ToList());

    /// <summary>The OU's Control Tower SCPs and RCPs rewritten for this set of enabled controls.</summary>
    public static OrganizationSnapshot WithControls(OrganizationSnapshot org, string ouId, IEnumerable<EnabledControl> enabled)
    {
        var replaced = org.Policies.Where(p => p.Kind == PolicyKind.ControlTower && p.OwnerOuId == ouId).Select(p => p.Id).ToHashSet();
        var list = enabled.ToList();
        var proposed = Guardrails.Types.SelectMany(type => Guardrails.Documents(org, list, type).Select((document, i) => new ScpPolicy
        {
            Id = $"p-proposed-{type.Label()}-{i}",
            Name = $"{Guardrails.NamePrefix(type)}proposed-{i}",
            Document = document,
            Kind = PolicyKind.ControlTower,
            Type = type,
            OwnerOuId = ouId,
        })).ToList();
        return org.With(
            policies: [.. org.Policies.Where(p => !replaced.Contains(p.Id)), .. proposed],
            attachments: [.. org.Attachments.Where(a => !replaced.Contains(a.PolicyId)), .. proposed.Select(p => new PolicyAttachment { PolicyId = p.Id, TargetId = ouId })]);
    }

    public static OrganizationSnapshot WithAccountIn(OrganizationSnapshot org, string accountId, string? ouId) =>
        org.With(accounts: org.Accounts.Select(a => a.Id == accountId ? Copy(a, ouId) : a).ToList());

    /// <summary>An OU deleted: its accounts under the root, its SCPs gone with it.</summary>
    public static OrganizationSnapshot WithoutOu(OrganizationSnapshot org, string ouId) => org.With(
        accounts: org.Accounts.Select(a => a.OuId == ouId ? Copy(a, null) : a).ToList(),
        attachments: org.Attachments.Where(a => a.TargetId != ouId).ToList(),
        ous: org.Ous.Where(o => o.Id != ouId).ToList());

    private static ScpPolicy Copy(ScpPolicy policy, string document) => new()
    {
        Id = policy.Id,
        Name = policy.Name,
        Description = policy.Description,
        Document = document,
        ExpectedDocument = policy.ExpectedDocument,
        Kind = policy.Kind,
        OwnerOuId = policy.OwnerOuId,
    };

    private static Account Copy(Account account, string? ouId) => new()
    {
        Id = account.Id,
        Name = account.Name,
        Email = account.Email,
        OuId = ouId,
        ExpectedOuId = account.ExpectedOuId,
        Enrolled = account.Enrolled,
        Kind = account.Kind,
    };
}
