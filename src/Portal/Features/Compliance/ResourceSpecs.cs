using MirrorTower.Engine.Compliance;

namespace MirrorTower.Portal.Features.Compliance;

public enum PropertyKind
{
    Flag,
    Text,
    IngressRules,
}

/// <summary>An editable setting of a resource type and the AWS calls that change it (turn on, turn off).</summary>
public sealed record PropertySpec(string Key, PropertyKind Kind, string SetAction, string? ClearAction = null, string? Default = null)
{
    public string ActionFor(string? before, string after) => Kind switch
    {
        PropertyKind.Flag when after.Equals("false", StringComparison.OrdinalIgnoreCase) && ClearAction is not null => ClearAction,
        PropertyKind.IngressRules when ClearAction is not null && IsNarrowing(before, after) => ClearAction,
        PropertyKind.Text when string.IsNullOrEmpty(after) && ClearAction is not null => ClearAction,
        _ => SetAction,
    };

    // Removing ingress rules is a revoke; anything that adds one is an authorize.
    private static bool IsNarrowing(string? before, string after)
    {
        var old = IngressRule.ParseList(before, out _).ToHashSet();
        return IngressRule.ParseList(after, out _).All(old.Contains);
    }
}

/// <summary>A resource type users create, edit and delete, with its AWS calls and its ARN.</summary>
public sealed record ResourceSpec(string Type, string CreateAction, string DeleteAction, Func<string, string, string, string> Arn, IReadOnlyList<PropertySpec> Properties);

public static class ResourceSpecs
{
    public static readonly IReadOnlyList<ResourceSpec> All =
    [
        new(ResourceTypes.Bucket, "s3:CreateBucket", "s3:DeleteBucket", (_, _, name) => $"arn:aws:s3:::{name}",
        [
            new(Keys.PublicRead, PropertyKind.Flag, "s3:PutBucketAcl", "s3:PutPublicAccessBlock", "false"),
            new(Keys.PublicWrite, PropertyKind.Flag, "s3:PutBucketAcl", "s3:PutPublicAccessBlock", "false"),
            new(Keys.Versioning, PropertyKind.Flag, "s3:PutBucketVersioning", "s3:PutBucketVersioning", "false"),
            new("Encryption", PropertyKind.Text, "s3:PutEncryptionConfiguration", "s3:DeleteBucketEncryption", "AES256"),
            new("Logging", PropertyKind.Text, "s3:PutBucketLogging", "s3:PutBucketLogging", "disabled"),
        ]),
        new(ResourceTypes.Volume, "ec2:CreateVolume", "ec2:DeleteVolume", (region, account, name) => $"arn:aws:ec2:{region}:{account}:volume/{name}",
        [
            new(Keys.Encrypted, PropertyKind.Flag, "ec2:CopySnapshot", null, "true"),
            new(Keys.Attached, PropertyKind.Flag, "ec2:AttachVolume", "ec2:DetachVolume", "false"),
        ]),
        new(ResourceTypes.Instance, "ec2:RunInstances", "ec2:TerminateInstances", (region, account, name) => $"arn:aws:ec2:{region}:{account}:instance/{name}",
        [
            new("InstanceType", PropertyKind.Text, "ec2:ModifyInstanceAttribute", null, "t3.micro"),
            new(Keys.EbsOptimized, PropertyKind.Flag, "ec2:ModifyInstanceAttribute", "ec2:ModifyInstanceAttribute", "true"),
            new(Keys.PublicIp, PropertyKind.Text, "ec2:AssociateAddress", "ec2:DisassociateAddress", ""),
        ]),
        new(ResourceTypes.SecurityGroup, "ec2:CreateSecurityGroup", "ec2:DeleteSecurityGroup", (region, account, name) => $"arn:aws:ec2:{region}:{account}:security-group/{name}",
        [
            new(Keys.IngressRules, PropertyKind.IngressRules, "ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", ""),
        ]),
        new(ResourceTypes.Subnet, "ec2:CreateSubnet", "ec2:DeleteSubnet", (region, account, name) => $"arn:aws:ec2:{region}:{account}:subnet/{name}",
        [
            new(Keys.MapPublicIpOnLaunch, PropertyKind.Flag, "ec2:ModifySubnetAttribute", "ec2:ModifySubnetAttribute", "false"),
        ]),
        new(ResourceTypes.RouteTable, "ec2:CreateRouteTable", "ec2:DeleteRouteTable", (region, account, name) => $"arn:aws:ec2:{region}:{account}:route-table/{name}",
        [
            new(Keys.Routes, PropertyKind.Text, "ec2:CreateRoute", "ec2:DeleteRoute", "10.0.0.0/16>local"),
        ]),
        new(ResourceTypes.User, "iam:CreateUser", "iam:DeleteUser", (_, account, name) => $"arn:aws:iam::{account}:user/{name}",
        [
            new(Keys.MfaEnabled, PropertyKind.Flag, "iam:EnableMFADevice", "iam:DeactivateMFADevice", "false"),
            new(Keys.ConsoleAccess, PropertyKind.Flag, "iam:CreateLoginProfile", "iam:DeleteLoginProfile", "false"),
        ]),
        // Roles have no settings here; creating AWSControlTowerExecution is what makes an account enrollable.
        new(ResourceTypes.Role, "iam:CreateRole", "iam:DeleteRole", (_, account, name) => $"arn:aws:iam::{account}:role/{name}", []),
        new(ResourceTypes.DbInstance, "rds:CreateDBInstance", "rds:DeleteDBInstance", (region, account, name) => $"arn:aws:rds:{region}:{account}:db:{name}",
        [
            new(Keys.PubliclyAccessible, PropertyKind.Flag, "rds:ModifyDBInstance", "rds:ModifyDBInstance", "false"),
            new(Keys.StorageEncrypted, PropertyKind.Flag, "rds:ModifyDBInstance", "rds:ModifyDBInstance", "true"),
        ]),
        new(ResourceTypes.DbSnapshot, "rds:CreateDBSnapshot", "rds:DeleteDBSnapshot", (region, account, name) => $"arn:aws:rds:{region}:{account}:snapshot:{name}",
        [
            new(Keys.Public, PropertyKind.Flag, "rds:ModifyDBSnapshotAttribute", "rds:ModifyDBSnapshotAttribute", "false"),
        ]),
        new(ResourceTypes.Trail, "cloudtrail:CreateTrail", "cloudtrail:DeleteTrail", (region, account, name) => $"arn:aws:cloudtrail:{region}:{account}:trail/{name}",
        [
            new(Keys.IsLogging, PropertyKind.Flag, "cloudtrail:StartLogging", "cloudtrail:StopLogging", "true"),
        ]),
    ];

    /// <summary>The account itself: not created or deleted, but its root user's MFA can change.</summary>
    public static readonly ResourceSpec Account = new(ResourceTypes.Account, "organizations:CreateAccount", "organizations:CloseAccount",
        (_, account, _) => $"arn:aws::::account/{account}",
        [new(Keys.RootMfaEnabled, PropertyKind.Flag, "iam:EnableMFADevice", "iam:DeactivateMFADevice", "false")]);

    public static ResourceSpec? Find(string? type) =>
        type == ResourceTypes.Account ? Account : All.FirstOrDefault(s => s.Type == type);
}
