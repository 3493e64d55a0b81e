namespace MirrorTower.Engine.Compliance;

/// <summary>
/// A Config-style rule behind a detective control: the resource type it judges and how. Resources of another
/// type, or outside the rule's scope, are NOT_APPLICABLE.
/// </summary>
public sealed class DetectiveRule(
    string controlIdentifier,
    string resourceType,
    string description,
    Func<ConfigurationItem, RuleResult> judge,
    Func<ConfigurationItem, bool>? inScope = null)
{
    public string ControlIdentifier { get; } = controlIdentifier;
    public string ResourceType { get; } = resourceType;
    public string Description { get; } = description;

    public RuleResult Evaluate(ConfigurationItem item)
    {
        if (item.ResourceType != ResourceType)
        {
            return RuleResult.NotApplicable($"The rule judges {ResourceType}, not {item.ResourceType}.");
        }
        return inScope is null || inScope(item)
            ? judge(item)
            : RuleResult.NotApplicable($"{item.Name} is outside the rule's scope.");
    }
}
