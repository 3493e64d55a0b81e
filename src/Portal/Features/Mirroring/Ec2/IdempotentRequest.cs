namespace MirrorTower.Portal.Features.Mirroring.Ec2;

/// <summary>
/// The answer to an EC2 request that carried a <c>ClientToken</c>, kept 24 hours: the same token with the same
/// parameters gets this answer again instead of a second resource (EC2's idempotency).
/// </summary>
public sealed class IdempotentRequest
{
    /// <summary>Account, action and token: EC2 scopes a token to the account and the action.</summary>
    public required string Key { get; init; }

    /// <summary>SHA-256 of the request's parameters, to tell a retry from another request under the same token.</summary>
    public required string ParametersHash { get; init; }

    public required string ResponseXml { get; init; }

    public DateTime CreatedUtc { get; init; }
}
