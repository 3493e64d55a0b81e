using MirrorTower.Engine.Controls;
using MirrorTower.Engine.Policies;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization;

/// <summary>
/// Writes Control Tower's SCPs for one OU from the preventive controls enabled on it: their statements are
/// packed into as few <c>aws-guardrails-*</c> policies as the 5,120-character limit allows, and refused when
/// the OU would then carry more than 5 SCPs.
/// </summary>
internal static class Guardrails
{
    /// <summary>Replaces the OU's Control Tower SCPs; returns an error naming the quota, or null.</summary>
    /// <summary>The documents of Control Tower's SCPs for an OU with these controls enabled.</summary>
    public static IReadOnlyList<string> Documents(OrganizationSnapshot org, IEnumerable<EnabledControl> enabled)
    {
        var regions = org.Zone?.GovernedRegions ?? [];
        var statements = enabled
            .Select(c => (Control: ControlCatalog.Default.Find(c.ControlIdentifier), c.Parameters))
            .Where(c => c.Control is { HasScp: true })
            .OrderBy(c => c.Control!.Identifier, StringComparer.Ordinal)
            .SelectMany(c => ControlStatements.Render(c.Control!, c.Parameters, regions));
        return ControlStatements.Pack(statements);
    }

    /// <summary>Why the OU cannot carry these Control Tower SCPs beside its other SCPs, naming the quota; or null.</summary>
    public static string? QuotaProblem(OrganizationSnapshot org, string ouId, IReadOnlyList<string> documents)
    {
        if (documents.FirstOrDefault(d => d.Length > ServiceControlPolicy.MaxCharacters) is { } oversized)
        {
            return $"Quota 'characters per SCP' ({ServiceControlPolicy.MaxCharacters}) would be exceeded on {org.DescribeTarget(ouId)}: " +
                $"a statement takes {oversized.Length} characters on its own.";
        }
        var others = org.AttachedTo(ouId).Count(p => p.Kind != PolicyKind.ControlTower);
        return others + documents.Count > ServiceControlPolicy.MaxAttachedPerTarget
            ? $"Quota 'SCPs attached to a target' ({ServiceControlPolicy.MaxAttachedPerTarget}) would be exceeded on " +
              $"{org.DescribeTarget(ouId)}: {others} other SCP(s) plus {documents.Count} Control Tower SCP(s) for its preventive controls."
            : null;
    }

    public static string? Rebuild(PortalDbContext db, OrganizationSnapshot org, string ouId, IEnumerable<EnabledControl> enabled, DateTime now)
    {
        var documents = Documents(org, enabled);
        if (QuotaProblem(org, ouId, documents) is { } problem)
        {
            return problem;
        }

        foreach (var old in org.Policies.Where(p => p.Kind == PolicyKind.ControlTower && p.OwnerOuId == ouId))
        {
            db.PolicyAttachments.RemoveRange(org.Attachments.Where(a => a.PolicyId == old.Id));
            db.Policies.Remove(old);
        }
        foreach (var document in documents)
        {
            var id = "p-" + Guid.NewGuid().ToString("N")[..8];
            db.Policies.Add(new ScpPolicy
            {
                Id = id,
                Name = $"aws-guardrails-{ouId[^8..]}-{id[2..]}",
                Description = $"Control Tower's preventive controls for {org.DescribeTarget(ouId)}.",
                Document = document,
                ExpectedDocument = document,
                Kind = PolicyKind.ControlTower,
                OwnerOuId = ouId,
                UpdatedUtc = now,
            });
            db.PolicyAttachments.Add(new PolicyAttachment { PolicyId = id, TargetId = ouId });
        }
        return null;
    }
}
