namespace MirrorTower.Portal.Features.Organization.Model;

/// <summary>A tag on the root, an OU, an account or a policy, as Organizations keeps them: one value per key per resource.</summary>
public sealed class OrganizationTag
{
    public required string ResourceId { get; init; }
    public required string Key { get; init; }
    public required string Value { get; set; }
}
