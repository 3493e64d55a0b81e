namespace MirrorTower.Portal.Features.Organization.Model;

public sealed class OrganizationalUnit
{
    public required string Id { get; init; }
    public required string Name { get; set; }

    /// <summary>The parent OU, or null under the root.</summary>
    public string? ParentId { get; set; }

    /// <summary>Under Control Tower's governance.</summary>
    public bool Registered { get; set; }

    /// <summary>The Security OU: it cannot be deleted or renamed through the portal.</summary>
    public bool Foundational { get; init; }

    /// <summary>Deleted outside the portal (drift <c>ORGANIZATIONAL_UNIT_DELETED</c>) until the landing zone is reset.</summary>
    public bool DeletedOutOfBand { get; set; }

    public DateTime CreatedUtc { get; init; }
}
