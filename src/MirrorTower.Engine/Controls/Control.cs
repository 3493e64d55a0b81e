namespace MirrorTower.Engine.Controls;

public enum ControlBehavior
{
    Preventive,
    Detective,
    Proactive,
}

public enum ControlGuidance
{
    Mandatory,
    StronglyRecommended,
    Elective,
}

/// <summary>A parameter a control takes, such as the allowed Regions of the Region-deny control.</summary>
public sealed record ControlParameter(string Name, string Description, bool Required);

/// <summary>
/// A control of the catalog. A preventive one carries the SCP statements the portal enforces (a JSON array,
/// with <c>{{Parameter}}</c> placeholders filled from the control's parameters); a detective one, the
/// description of its rule.
/// </summary>
public sealed record Control(
    string Identifier,
    string Name,
    ControlBehavior Behavior,
    ControlGuidance Guidance,
    string Governs,
    string Service,
    string? StatementsTemplate,
    IReadOnlyList<ControlParameter> Parameters)
{
    public bool IsMandatory => Guidance == ControlGuidance.Mandatory;

    public bool HasScp => StatementsTemplate is not null;
}
