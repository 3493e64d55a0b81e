using MudBlazor;

namespace MirrorTower.Portal.Features.Audit;

internal static class OutcomeIcons
{
    public static string For(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Succeeded => Icons.Material.Filled.CheckCircle,
        AuditOutcome.Denied => Icons.Material.Filled.Block,
        _ => Icons.Material.Filled.Error,
    };

    public static Color ColorFor(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Succeeded => Color.Success,
        AuditOutcome.Denied => Color.Error,
        _ => Color.Warning,
    };
}
