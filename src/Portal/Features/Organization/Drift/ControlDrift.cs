using MirrorTower.Engine.Policies;
using System.Text.Json.Nodes;
using MirrorTower.Engine.Controls;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization.Drift;

/// <summary>
/// One enabled control's drift as Control Tower's API reports it (DriftStatusSummary with EnabledControlDriftTypes):
/// <c>resource</c> drift when the SCP statements Control Tower wrote for it on its OU are not all attached there as
/// written (a Control Tower SCP edited or detached out of band), <c>inheritance</c> drift when an account below the OU
/// was moved there outside Control Tower and so does not have the control applied. Detective controls have no policy
/// of their own: their resource drift is <c>NOT_CHECKING</c>.
/// </summary>
public sealed record ControlDriftStatus(string DriftStatus, string Inheritance, string Resource, IReadOnlyList<string> Reasons)
{
    public const string InSync = "IN_SYNC", Drifted = "DRIFTED", NotChecking = "NOT_CHECKING";

    public bool IsDrifted => DriftStatus == Drifted;
}

public static class ControlDrift
{
    /// <summary>The drift of every enabled control, by its OU and identifier.</summary>
    public static IReadOnlyDictionary<(string OuId, string ControlIdentifier), ControlDriftStatus> Detect(OrganizationSnapshot org)
    {
        var movedIn = MovedIn(org);
        // Each OU's Control Tower SCP statements, parsed once for all the controls enabled on it.
        var attached = new Dictionary<string, List<JsonNode>>(StringComparer.Ordinal);
        List<JsonNode> AttachedTo(string ouId) => attached.TryGetValue(ouId, out var statements) ? statements
            : attached[ouId] = [.. Guardrails.Types.SelectMany(type => org.AttachedTo(ouId, type))
                .Where(p => p.Kind == PolicyKind.ControlTower).SelectMany(p => Statements(p.Document))];
        return org.Controls.Where(c => org.Ou(c.OuId) is { DeletedOutOfBand: false })
            .ToDictionary(c => (c.OuId, c.ControlIdentifier), c => Of(org, c, movedIn, AttachedTo));
    }

    /// <summary>The accounts below an OU that were moved there out of band, which its controls do not reach.</summary>
    public static IReadOnlyList<Account> AccountsNotReached(OrganizationSnapshot org, string ouId) =>
        MovedIn(org).TryGetValue(ouId, out var accounts) ? accounts : [];

    /// <summary>For each OU, the accounts below it that were moved there out of band: the OU's controls do not reach them.</summary>
    private static Dictionary<string, List<Account>> MovedIn(OrganizationSnapshot org)
    {
        var movedIn = new Dictionary<string, List<Account>>(StringComparer.Ordinal);
        foreach (var account in org.Accounts.Where(a => a.Enrolled && a.OuId is not null && a.OuId != a.ExpectedOuId))
        {
            // Only the OUs on the new path that were not on the expected one: a shared ancestor's controls still reach it.
            var expected = org.PathOf(account.ExpectedOuId).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var ou in org.PathOf(account.OuId).Where(o => !expected.Contains(o.Id)))
            {
                (movedIn.TryGetValue(ou.Id, out var list) ? list : movedIn[ou.Id] = []).Add(account);
            }
        }
        return movedIn;
    }

    private static ControlDriftStatus Of(OrganizationSnapshot org, EnabledControl enabled, Dictionary<string, List<Account>> movedIn,
        Func<string, List<JsonNode>> attachedTo)
    {
        var reasons = new List<string>();
        var inheritance = ControlDriftStatus.InSync;
        if (movedIn.TryGetValue(enabled.OuId, out var accounts))
        {
            inheritance = ControlDriftStatus.Drifted;
            reasons.AddRange(accounts.Select(a => $"Account {a.Name} ({a.Id}) was moved below {org.DescribeTarget(enabled.OuId)} outside Control Tower: the control is not applied to it."));
        }
        var resource = ControlDriftStatus.NotChecking;
        if (OrganizationSnapshot.CatalogEntry(enabled) is { HasPolicy: true } control && enabled.Status == EnabledControlStatus.SUCCEEDED)
        {
            var attached = attachedTo(enabled.OuId);
            var missing = Guardrails.Statements(org, control, enabled.Parameters)
                .Count(expected => !attached.Any(actual => JsonNode.DeepEquals(expected, actual)));
            resource = missing == 0 ? ControlDriftStatus.InSync : ControlDriftStatus.Drifted;
            if (missing > 0)
            {
                var label = control.PolicyType.Label();
                reasons.Add($"{missing} of its {label} statements are not attached to {org.DescribeTarget(enabled.OuId)} as Control Tower wrote them (a Control Tower {label} was edited or detached outside the portal).");
            }
        }
        var status = inheritance == ControlDriftStatus.Drifted || resource == ControlDriftStatus.Drifted ? ControlDriftStatus.Drifted : ControlDriftStatus.InSync;
        return new ControlDriftStatus(status, inheritance, resource, reasons);
    }

    private static IEnumerable<JsonNode> Statements(string document)
    {
        try
        {
            return JsonNode.Parse(document)?["Statement"] switch
            {
                JsonArray list => list.OfType<JsonNode>(),
                JsonObject single => [single],
                _ => [],
            };
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }
}
