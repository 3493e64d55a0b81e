namespace MirrorTower.Engine.Policies;

/// <summary>
/// The two authorization policy types of AWS Organizations: SCPs cap what the organization's principals may do,
/// RCPs cap what may be done to the organization's resources, whoever asks.
/// </summary>
public enum PolicyType
{
    ServiceControlPolicy,
    ResourceControlPolicy,
}

public static class PolicyTypes
{
    /// <summary>
    /// The services whose resources RCPs govern, as listed on AWS Organizations' "Resource control policies (RCPs)" page
    /// (docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html): S3, STS, KMS, SQS, Secrets Manager.
    /// </summary>
    public static readonly IReadOnlySet<string> RcpServices =
        new HashSet<string>(["s3", "sts", "kms", "sqs", "secretsmanager"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The short name used in explanations: SCP or RCP.</summary>
    public static string Label(this PolicyType type) => type == PolicyType.ResourceControlPolicy ? "RCP" : "SCP";

    /// <summary>The name Organizations' API gives the type.</summary>
    public static string ApiName(this PolicyType type) =>
        type == PolicyType.ResourceControlPolicy ? "RESOURCE_CONTROL_POLICY" : "SERVICE_CONTROL_POLICY";

    public static PolicyType? FromApiName(string? name) => name switch
    {
        "SERVICE_CONTROL_POLICY" => PolicyType.ServiceControlPolicy,
        "RESOURCE_CONTROL_POLICY" => PolicyType.ResourceControlPolicy,
        _ => null,
    };

    /// <summary>Whether RCPs decide an action: its service prefix is one RCPs cover.</summary>
    public static bool RcpsCover(string action)
    {
        var colon = action.IndexOf(':');
        return colon > 0 && RcpServices.Contains(action[..colon]);
    }
}
