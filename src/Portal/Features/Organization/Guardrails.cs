using MirrorTower.Engine.Controls;
using MirrorTower.Engine.Policies;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization;

/// <summary>
/// Writes Control Tower's policies for one OU from the preventive controls enabled on it: the statements of its SCP
/// controls are packed into as few <c>aws-guardrails-*</c> SCPs, and those of its RCP controls into as few
/// <c>aws-guardrails-rcp-*</c> RCPs, as the 5,120-character limit allows; refused when the OU would then carry more
/// than 5 policies of a type.
/// </summary>
internal static class Guardrails
{
    public static readonly IReadOnlyList<PolicyType> Types = [PolicyType.ServiceControlPolicy, PolicyType.ResourceControlPolicy];

    /// <summary>The rendered statements of an enabled control (its SCP or RCP statements) for this organization.</summary>
    public static IReadOnlyList<System.Text.Json.Nodes.JsonNode> Statements(OrganizationSnapshot org, Control control, IReadOnlyDictionary<string, string[]> parameters) =>
        ControlStatements.Render(control, parameters, org.Zone?.GovernedRegions ?? [], org.Zone?.OrganizationId ?? "o-exampleorgid");

    /// <summary>The documents of Control Tower's policies of one type for an OU with these controls enabled.</summary>
    public static IReadOnlyList<string> Documents(OrganizationSnapshot org, IEnumerable<EnabledControl> enabled, PolicyType type = PolicyType.ServiceControlPolicy)
    {
        var statements = enabled
            .Select(c => (Control: ControlCatalog.Default.Find(c.ControlIdentifier), c.Parameters))
            .Where(c => c.Control is { HasPolicy: true } control && control.PolicyType == type)
            .OrderBy(c => c.Control!.Identifier, StringComparer.Ordinal)
            .SelectMany(c => Statements(org, c.Control!, c.Parameters));
        return ControlStatements.Pack(statements);
    }

    /// <summary>Why the OU cannot carry these Control Tower policies beside its others of the type, naming the quota; or null.</summary>
    public static string? QuotaProblem(OrganizationSnapshot org, string ouId, IReadOnlyList<string> documents, PolicyType type = PolicyType.ServiceControlPolicy)
    {
        var label = type.Label();
        if (documents.FirstOrDefault(d => d.Length > ServiceControlPolicy.MaxCharacters) is { } oversized)
        {
            return $"Quota 'characters per {label}' ({ServiceControlPolicy.MaxCharacters}) would be exceeded on {org.DescribeTarget(ouId)}: " +
                $"a statement takes {oversized.Length} characters on its own.";
        }
        var others = org.AttachedTo(ouId, type).Count(p => p.Kind != PolicyKind.ControlTower);
        return others + documents.Count > ServiceControlPolicy.MaxAttachedPerTarget
            ? $"Quota '{label}s attached to a target' ({ServiceControlPolicy.MaxAttachedPerTarget}) would be exceeded on " +
              $"{org.DescribeTarget(ouId)}: {others} other {label}(s) plus {documents.Count} Control Tower {label}(s) for its preventive controls."
            : null;
    }

    /// <summary>The quota problem of either type for the OU with these controls enabled, or null.</summary>
    public static string? QuotaProblem(OrganizationSnapshot org, string ouId, IEnumerable<EnabledControl> enabled)
    {
        var list = enabled.ToList();
        return Types.Select(type => QuotaProblem(org, ouId, Documents(org, list, type), type)).FirstOrDefault(p => p is not null);
    }

    /// <summary>Replaces the OU's Control Tower SCPs and RCPs; returns an error naming the quota, or null.</summary>
    public static string? Rebuild(PortalDbContext db, OrganizationSnapshot org, string ouId, IEnumerable<EnabledControl> enabled, DateTime now)
    {
        var list = enabled.ToList();
        var documents = Types.ToDictionary(type => type, type => Documents(org, list, type));
        if (Types.Select(type => QuotaProblem(org, ouId, documents[type], type)).FirstOrDefault(p => p is not null) is { } problem)
        {
            return problem;
        }

        foreach (var old in org.Policies.Where(p => p.Kind == PolicyKind.ControlTower && p.OwnerOuId == ouId))
        {
            db.PolicyAttachments.RemoveRange(org.Attachments.Where(a => a.PolicyId == old.Id));
            db.Policies.Remove(old);
        }
        foreach (var (type, typed) in documents)
        {
            foreach (var document in typed)
            {
                var id = "p-" + Guid.NewGuid().ToString("N")[..8];
                db.Policies.Add(new ScpPolicy
                {
                    Id = id,
                    Name = $"{NamePrefix(type)}{ouId[^8..]}-{id[2..]}",
                    Description = $"Control Tower's preventive {type.Label()} controls for {org.DescribeTarget(ouId)}.",
                    Document = document,
                    ExpectedDocument = document,
                    Kind = PolicyKind.ControlTower,
                    Type = type,
                    OwnerOuId = ouId,
                    UpdatedUtc = now,
                });
                db.PolicyAttachments.Add(new PolicyAttachment { PolicyId = id, TargetId = ouId });
            }
        }
        return null;
    }

    public static string NamePrefix(PolicyType type) => type == PolicyType.ResourceControlPolicy ? "aws-guardrails-rcp-" : "aws-guardrails-";
}
