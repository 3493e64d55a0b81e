namespace MirrorTower.Portal.Features.AccessKeys;

/// <summary>
/// An AWS-style access key of a portal user, for the AWS-compatible API at /aws. The secret is needed to verify
/// Signature Version 4 (an HMAC), so it cannot be hashed: it is stored encrypted with the portal's
/// data-protection keys and shown to its owner once.
/// </summary>
public sealed class AccessKey
{
    public required string Id { get; init; }
    public required string UserId { get; init; }

    /// <summary>The member account the key acts in, as the account of an IAM user's key would be.</summary>
    public required string AccountId { get; init; }

    public required string ProtectedSecret { get; init; }
    public string Description { get; init; } = "";
    public DateTime CreatedUtc { get; init; }
    public DateTime? LastUsedUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }

    public bool IsActive => RevokedUtc is null;
}
