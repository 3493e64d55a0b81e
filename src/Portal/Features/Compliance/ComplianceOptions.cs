using System.ComponentModel.DataAnnotations;

namespace MirrorTower.Portal.Features.Compliance;

/// <summary>The <c>MirrorTower:Compliance</c> settings.</summary>
public sealed class ComplianceOptions
{
    public const string Section = "MirrorTower:Compliance";

    /// <summary>How often every resource is re-evaluated, in minutes (Config offers 1, 3, 6, 12 and 24 hours).</summary>
    [Range(1, 24 * 60)]
    public int PeriodicMinutes { get; set; } = 60;
}
