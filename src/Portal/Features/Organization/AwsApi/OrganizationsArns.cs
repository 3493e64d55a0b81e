using MirrorTower.Engine.Policies;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization.AwsApi;

/// <summary>
/// AWS's identifiers and ARNs for the organization (Organizations API reference, "ARN formats"): the organization id
/// is derived from the root's, so it stays the same for the life of the landing zone.
/// </summary>
public sealed record OrganizationsArns(string ManagementAccountId, string RootId)
{
    public string OrganizationId { get; } = LandingZone.OrganizationIdOf(RootId);

    public string Organization => $"arn:aws:organizations::{ManagementAccountId}:organization/{OrganizationId}";

    public string Root => $"arn:aws:organizations::{ManagementAccountId}:root/{OrganizationId}/{RootId}";

    public string Ou(string id) => $"arn:aws:organizations::{ManagementAccountId}:ou/{OrganizationId}/{id}";

    public string Account(string id) => $"arn:aws:organizations::{ManagementAccountId}:account/{OrganizationId}/{id}";

    /// <summary>AWS-managed policies live in AWS's own namespace; the organization's in its own.</summary>
    public string Policy(ScpPolicy policy) => policy.Kind == PolicyKind.AwsManaged
        ? $"arn:aws:organizations::aws:policy/{policy.Type.ApiName().ToLowerInvariant()}/{policy.Id}"
        : $"arn:aws:organizations::{ManagementAccountId}:policy/{OrganizationId}/{policy.Type.ApiName().ToLowerInvariant()}/{policy.Id}";

    /// <summary>The OU an OU ARN of this organization names; null when the ARN is not one.</summary>
    public string? OuOfArn(string arn) =>
        arn.StartsWith($"arn:aws:organizations::{ManagementAccountId}:ou/{OrganizationId}/", StringComparison.Ordinal) ? arn[(arn.LastIndexOf('/') + 1)..] : null;

    /// <summary>The portal keeps the root as a null parent; the API names it.</summary>
    public string? ToPortalParent(string parentId) => parentId == RootId ? null : parentId;
}
