using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization.Actions;

/// <summary>An AWS call the portal can perform inside an account; on a resource of a type, or on the account.</summary>
public sealed record ModeledAction(string Action, string? ResourceType, string Description);

/// <summary>
/// The AWS calls that the preventive controls protect, and what each does to the inventory once the
/// account's SCPs allow it.
/// </summary>
public static class ModeledActions
{
    public static readonly IReadOnlyList<ModeledAction> All =
    [
        new("s3:DeleteBucket", "AWS::S3::Bucket", "Delete the bucket"),
        new("s3:PutBucketPolicy", "AWS::S3::Bucket", "Replace the bucket policy"),
        new("s3:PutEncryptionConfiguration", "AWS::S3::Bucket", "Change the default encryption"),
        new("s3:PutBucketLogging", "AWS::S3::Bucket", "Turn off access logging"),
        new("cloudtrail:StopLogging", "AWS::CloudTrail::Trail", "Stop the trail"),
        new("cloudtrail:DeleteTrail", "AWS::CloudTrail::Trail", "Delete the trail"),
        new("config:StopConfigurationRecorder", "AWS::Config::ConfigurationRecorder", "Stop recording"),
        new("config:DeleteConfigurationRecorder", "AWS::Config::ConfigurationRecorder", "Delete the recorder"),
        new("iam:DeleteRole", "AWS::IAM::Role", "Delete the role"),
        new("iam:AttachRolePolicy", "AWS::IAM::Role", "Attach AdministratorAccess"),
        new("sns:DeleteTopic", "AWS::SNS::Topic", "Delete the topic"),
        new("ec2:RunInstances", null, "Launch an EC2 instance"),
        new("s3:CreateBucket", null, "Create an S3 bucket"),
        new("ec2:CreateInternetGateway", null, "Create an internet gateway"),
        new("ec2:CreateVpcPeeringConnection", null, "Create a VPC peering connection"),
        new("ec2:CreateVpnGateway", null, "Create a virtual private gateway"),
        new("iam:CreateAccessKey", null, "Create an access key for the principal"),
    ];

    public static ModeledAction? Find(string? action) =>
        All.FirstOrDefault(a => string.Equals(a.Action, action?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>For an account-level call, the resource it creates (its ARN is what the SCPs see).</summary>
    public static AccountResource? Creates(ModeledAction action, string accountId, string region, string principalArn)
    {
        var suffix = Guid.NewGuid().ToString("N")[..17];
        return action.Action switch
        {
            "ec2:RunInstances" => Baseline.Resource(accountId, region, "AWS::EC2::Instance", $"i-{suffix}",
                $"arn:aws:ec2:{region}:{accountId}:instance/i-{suffix}", ("InstanceType", "t3.micro")),
            "s3:CreateBucket" => Baseline.Resource(accountId, region, "AWS::S3::Bucket", $"bucket-{suffix}",
                $"arn:aws:s3:::bucket-{suffix}", ("Encryption", "AES256")),
            "ec2:CreateInternetGateway" => Baseline.Resource(accountId, region, "AWS::EC2::InternetGateway", $"igw-{suffix}",
                $"arn:aws:ec2:{region}:{accountId}:internet-gateway/igw-{suffix}"),
            "ec2:CreateVpcPeeringConnection" => Baseline.Resource(accountId, region, "AWS::EC2::VPCPeeringConnection", $"pcx-{suffix}",
                $"arn:aws:ec2:{region}:{accountId}:vpc-peering-connection/pcx-{suffix}"),
            "ec2:CreateVpnGateway" => Baseline.Resource(accountId, region, "AWS::EC2::VPNGateway", $"vgw-{suffix}",
                $"arn:aws:ec2:{region}:{accountId}:vpn-gateway/vgw-{suffix}"),
            "iam:CreateAccessKey" => Baseline.Resource(accountId, "global", "AWS::IAM::AccessKey", $"AKIA{suffix.ToUpperInvariant()[..16]}",
                $"{principalArn}/access-key/AKIA{suffix.ToUpperInvariant()[..16]}", ("Principal", principalArn)),
            _ => null,
        };
    }

    /// <summary>Applies a resource-level call to the resource; returns false when the call deletes it.</summary>
    public static bool Apply(ModeledAction action, AccountResource resource)
    {
        var properties = new Dictionary<string, string>(resource.Properties);
        switch (action.Action)
        {
            case "s3:PutBucketPolicy": properties["BucketPolicy"] = "custom"; break;
            case "s3:PutEncryptionConfiguration": properties["Encryption"] = "AES256"; break;
            case "s3:PutBucketLogging": properties["Logging"] = "disabled"; break;
            case "cloudtrail:StopLogging": properties["IsLogging"] = "false"; break;
            case "config:StopConfigurationRecorder": properties["Recording"] = "false"; break;
            case "iam:AttachRolePolicy": properties["AttachedPolicies"] = "AdministratorAccess"; break;
            default: return false;
        }
        resource.Properties = properties;
        return true;
    }
}
