namespace MirrorTower.Portal.Features.Organization.Model;

public sealed class Account
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public required string Email { get; set; }

    /// <summary>The OU the account is in, or null for the management account under the root.</summary>
    public string? OuId { get; set; }

    /// <summary>Where the portal last placed it; differs from <see cref="OuId"/> after an out-of-band move.</summary>
    public string? ExpectedOuId { get; set; }

    public bool Enrolled { get; set; }
    public AccountKind Kind { get; init; }
    public DateTime CreatedUtc { get; init; }
}

public enum AccountKind
{
    Member,
    Management,
    LogArchive,
    Audit,
}
