namespace MirrorTower.Portal.Features.Organization.Model;

/// <summary>A resource in an account's inventory, such as a log bucket, a trail or a role.</summary>
public sealed class AccountResource
{
    public long Id { get; init; }
    public required string AccountId { get; init; }
    public required string Region { get; init; }

    /// <summary>The CloudFormation-style type, e.g. <c>AWS::S3::Bucket</c>.</summary>
    public required string Type { get; init; }

    public required string Name { get; init; }
    public required string Arn { get; init; }

    /// <summary>Configuration as flat key-value pairs (<c>IsLogging</c>, <c>BucketPolicy</c>, …).</summary>
    public Dictionary<string, string> Properties { get; set; } = new();
}
