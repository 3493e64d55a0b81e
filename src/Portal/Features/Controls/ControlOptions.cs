using System.ComponentModel.DataAnnotations;

namespace MirrorTower.Portal.Features.Controls;

/// <summary>The <c>MirrorTower:Controls</c> settings.</summary>
public sealed class ControlOptions
{
    public const string Section = "MirrorTower:Controls";

    /// <summary>How long an enable or disable operation stays IN_PROGRESS before it runs.</summary>
    [Range(0, 600_000)]
    public int OperationDelayMilliseconds { get; set; } = 400;

    /// <summary>How far back the preview of a control looks in the audit trail.</summary>
    [Range(1, 366)]
    public int PreviewDays { get; set; } = 7;
}
