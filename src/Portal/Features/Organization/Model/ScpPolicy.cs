namespace MirrorTower.Portal.Features.Organization.Model;

/// <summary>An authorization policy of the organization: a service control policy (SCP) or a resource control policy (RCP).</summary>
public sealed class ScpPolicy
{
    public const string FullAwsAccessId = "p-FullAWSAccess";
    public const string FullAwsAccessName = "FullAWSAccess";
    public const string FullAwsAccessDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    // AWS attaches RCPFullAWSAccess to the root, every OU and every account when RCPs are enabled, and it cannot be detached.
    public const string RcpFullAwsAccessId = "p-RCPFullAWSAccess";
    public const string RcpFullAwsAccessName = "RCPFullAWSAccess";
    public const string RcpFullAwsAccessDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""";

    /// <summary>The AWS managed policies every root, OU and account carries: one per policy type.</summary>
    public static readonly IReadOnlyList<string> DefaultPolicyIds = [FullAwsAccessId, RcpFullAwsAccessId];

    public static ScpPolicy RcpFullAwsAccess(DateTime now) => new()
    {
        Id = RcpFullAwsAccessId,
        Name = RcpFullAwsAccessName,
        Description = "Allows every principal and action to pass RCP evaluation (AWS managed; cannot be detached).",
        Document = RcpFullAwsAccessDocument,
        Kind = PolicyKind.AwsManaged,
        Type = Engine.Policies.PolicyType.ResourceControlPolicy,
        UpdatedUtc = now,
    };

    public required string Id { get; init; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public required string Document { get; set; }

    /// <summary>For Control Tower's own SCPs: the document it wrote, to detect <c>SCP_UPDATED</c> drift.</summary>
    public string? ExpectedDocument { get; set; }

    public PolicyKind Kind { get; init; }

    public Engine.Policies.PolicyType Type { get; init; }

    /// <summary>For Control Tower's SCPs: the OU whose controls it holds.</summary>
    public string? OwnerOuId { get; init; }

    public DateTime UpdatedUtc { get; set; }
}

public enum PolicyKind
{
    AwsManaged,
    ControlTower,
    Custom,
}

public sealed class PolicyAttachment
{
    public long Id { get; init; }
    public required string PolicyId { get; init; }

    /// <summary>The root (<c>r-…</c>), an OU (<c>ou-…</c>) or an account (12 digits).</summary>
    public required string TargetId { get; init; }
}
