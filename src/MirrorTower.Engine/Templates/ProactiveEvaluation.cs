using MirrorTower.Engine.Controls;

namespace MirrorTower.Engine.Templates;

/// <summary>A resource of a template that a proactive control refuses, and why.</summary>
public sealed record ProactiveRefusal(string ControlIdentifier, string ControlName, string LogicalId, string ResourceType, string Reason)
{
    public string Describe() => $"{ControlIdentifier} ({ControlName}) refuses {LogicalId} ({ResourceType}): {Reason}.";
}

/// <summary>
/// What Control Tower's proactive controls do as CloudFormation hooks: before any resource is made, every resource of a
/// type a control checks is held to what the control requires; one refusal fails the whole deployment.
/// </summary>
public static class ProactiveEvaluation
{
    public static IReadOnlyList<ProactiveRefusal> Evaluate(IEnumerable<TemplateResource> resources, IEnumerable<Control> controls)
    {
        var proactive = controls.Where(c => c.Behavior == ControlBehavior.Proactive).ToList();
        return resources
            .SelectMany(resource => proactive.SelectMany(control => control.Checks
                .Where(check => string.Equals(check.ResourceType, resource.Type, StringComparison.Ordinal))
                .Select(check => check.Requirement.Check(resource.Properties))
                .OfType<string>()
                .Select(reason => new ProactiveRefusal(control.Identifier, control.Name, resource.LogicalId, resource.Type, reason))))
            .ToList();
    }
}
