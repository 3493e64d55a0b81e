namespace MirrorTower.Portal.Features.Organization.Model;

/// <summary>A service control policy of the organization.</summary>
public sealed class ScpPolicy
{
    public const string FullAwsAccessId = "p-FullAWSAccess";
    public const string FullAwsAccessName = "FullAWSAccess";
    public const string FullAwsAccessDocument = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    public required string Id { get; init; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public required string Document { get; set; }

    /// <summary>For Control Tower's own SCPs: the document it wrote, to detect <c>SCP_UPDATED</c> drift.</summary>
    public string? ExpectedDocument { get; set; }

    public PolicyKind Kind { get; init; }

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
