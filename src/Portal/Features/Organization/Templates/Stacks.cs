using MirrorTower.Engine.Controls;
using MirrorTower.Engine.Templates;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization.Templates;

/// <summary>What deploying a template means wherever one is deployed: an account's page and API, an Account Factory blueprint.</summary>
public static class Stacks
{
    /// <summary>The proactive controls in effect on an OU (enabled on it or above it): the hooks a stack made below it meets.</summary>
    public static IReadOnlyList<Control> ProactiveControlsOn(OrganizationSnapshot org, string? ouId) => org.PathOf(ouId)
        .SelectMany(ou => org.ControlsOn(ou.Id))
        .Where(c => c.Status == EnabledControlStatus.SUCCEEDED)
        .Select(OrganizationSnapshot.CatalogEntry).OfType<Control>()
        .Where(c => c.Behavior == ControlBehavior.Proactive)
        .DistinctBy(c => c.Identifier).ToList();

    /// <summary>What the OU's proactive controls refuse in a template (a template that does not parse is refused elsewhere).</summary>
    public static IReadOnlyList<ProactiveRefusal> Refusals(OrganizationSnapshot org, string ouId, string template) =>
        CloudFormationTemplate.Parse(template) is { Succeeded: true } parsed ? ProactiveEvaluation.Evaluate(parsed.Resources, ProactiveControlsOn(org, ouId)) : [];

    /// <summary>
    /// Adds the resources the inventory models to the account, in the caller's transaction; returns what was made and what is
    /// not modelled, and the resources (logical id and ARN) that already exist.
    /// </summary>
    public static (List<StackResource> Created, List<string> NotModelled, List<(string LogicalId, string Arn)> Clashes) AddResources(PortalDbContext db,
        IEnumerable<TemplateResource> resources, string accountId, string region, string stackName, ISet<string> takenArns)
    {
        var created = new List<StackResource>();
        var notModelled = new List<string>();
        var clashes = new List<(string LogicalId, string Arn)>();
        foreach (var resource in resources)
        {
            if (TemplateInventory.From(resource, accountId, region, stackName) is not { } made)
            {
                notModelled.Add($"{resource.LogicalId} ({resource.Type})");
            }
            else if (!takenArns.Add(made.Arn))
            {
                clashes.Add((resource.LogicalId, made.Arn));
            }
            else
            {
                db.AccountResources.Add(made);
                created.Add(new StackResource(resource.LogicalId, resource.Type, made.Name, made.Arn));
            }
        }
        return (created, notModelled, clashes);
    }
}
