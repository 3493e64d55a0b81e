using System.Text.Json;
using System.Text.Json.Nodes;
using MirrorTower.Engine.Compliance;
using MirrorTower.Engine.Templates;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization.Templates;

/// <summary>
/// The inventory resource a template resource becomes, for the types the inventory models, with the settings the
/// detective rules read taken from its Properties (CloudFormation resource reference). Names not given are made as
/// CloudFormation makes them, stack name, logical id and a suffix; the suffix here is derived from the account, Region,
/// stack and logical id, so the same stack made twice names the same resources (CloudFormation refuses a second stack of
/// one name, and an Account Factory step started again after a crash does not make its resources twice).
/// </summary>
internal static class TemplateInventory
{
    public static readonly IReadOnlySet<string> Modelled = new HashSet<string>(StringComparer.Ordinal)
    {
        "AWS::S3::Bucket", "AWS::EC2::Volume", "AWS::EC2::Instance", "AWS::EC2::SecurityGroup", "AWS::EC2::Subnet",
        "AWS::IAM::User", "AWS::IAM::Role", "AWS::RDS::DBInstance", "AWS::CloudTrail::Trail",
    };

    public static AccountResource? From(TemplateResource resource, string accountId, string region, string stackName)
    {
        var p = resource.Properties;
        var stem = $"{stackName}-{resource.LogicalId}".ToLowerInvariant();
        var suffix = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{accountId}/{region}/{stackName}/{resource.LogicalId}"))).ToLowerInvariant();
        var made = $"{stem[..Math.Min(stem.Length, 50)]}-{suffix[..12]}";
        string Named(string property) => Text(p[property]) ?? made;
        string Ec2(string kind, string prefix) => $"arn:aws:ec2:{region}:{accountId}:{kind}/{prefix}-{suffix[..17]}";
        return resource.Type switch
        {
            "AWS::S3::Bucket" => Baseline.Resource(accountId, region, ResourceTypes.Bucket, Named("BucketName"), $"arn:aws:s3:::{Named("BucketName")}",
                // A canned public ACL makes the bucket public unless Block Public Access ignores public ACLs.
                (Keys.PublicRead, Bool(Text(p["AccessControl"]) is "PublicRead" or "PublicReadWrite" && !IgnoresPublicAcls(p))),
                (Keys.PublicWrite, Bool(Text(p["AccessControl"]) is "PublicReadWrite" && !IgnoresPublicAcls(p))),
                (Keys.Versioning, Bool(Text(p["VersioningConfiguration"]?["Status"]) == "Enabled"))),
            "AWS::EC2::Volume" => Resource(ResourceTypes.Volume, Ec2("volume", "vol"),
                (Keys.Encrypted, Bool(IsTrue(p["Encrypted"]))), (Keys.Attached, "false")),
            "AWS::EC2::Instance" => Resource(ResourceTypes.Instance, Ec2("instance", "i"),
                ("InstanceType", Text(p["InstanceType"]) ?? "m5.large"), (Keys.EbsOptimized, Bool(IsTrue(p["EbsOptimized"])))),
            "AWS::EC2::SecurityGroup" => Resource(ResourceTypes.SecurityGroup, Ec2("security-group", "sg"),
                (Keys.IngressRules, string.Join(';', (p["SecurityGroupIngress"] as JsonArray ?? []).OfType<JsonObject>().Select(Ingress)))),
            "AWS::EC2::Subnet" => Resource(ResourceTypes.Subnet, Ec2("subnet", "subnet"), (Keys.MapPublicIpOnLaunch, Bool(IsTrue(p["MapPublicIpOnLaunch"])))),
            "AWS::IAM::User" => Baseline.Resource(accountId, "global", ResourceTypes.User, Named("UserName"), $"arn:aws:iam::{accountId}:user/{Named("UserName")}",
                (Keys.MfaEnabled, "false"), (Keys.ConsoleAccess, Bool(p["LoginProfile"] is not null))),
            "AWS::IAM::Role" => Baseline.Resource(accountId, "global", ResourceTypes.Role, Named("RoleName"), $"arn:aws:iam::{accountId}:role/{Named("RoleName")}"),
            "AWS::RDS::DBInstance" => Baseline.Resource(accountId, region, ResourceTypes.DbInstance, Named("DBInstanceIdentifier"),
                $"arn:aws:rds:{region}:{accountId}:db:{Named("DBInstanceIdentifier")}",
                (Keys.PubliclyAccessible, Bool(IsTrue(p["PubliclyAccessible"]))), (Keys.StorageEncrypted, Bool(IsTrue(p["StorageEncrypted"])))),
            "AWS::CloudTrail::Trail" => Baseline.Resource(accountId, region, ResourceTypes.Trail, Named("TrailName"),
                $"arn:aws:cloudtrail:{region}:{accountId}:trail/{Named("TrailName")}", (Keys.IsLogging, Bool(IsTrue(p["IsLogging"])))),
            _ => null,
        };

        AccountResource Resource(string type, string arn, params (string, string)[] settings) =>
            Baseline.Resource(accountId, region, type, arn[(arn.LastIndexOf('/') + 1)..], arn, settings);
    }

    private static bool IgnoresPublicAcls(JsonObject properties) => IsTrue(properties["PublicAccessBlockConfiguration"]?["IgnorePublicAcls"]);

    private static string Ingress(JsonObject rule)
    {
        var protocol = Text(rule["IpProtocol"]) ?? "tcp";
        var from = Text(rule["FromPort"]) ?? "0";
        var to = Text(rule["ToPort"]) ?? from;
        var ports = from == to ? from : $"{from}-{to}";
        return $"{(protocol == "-1" ? "all" : protocol)}:{ports}:{Text(rule["CidrIp"]) ?? Text(rule["CidrIpv6"]) ?? "0.0.0.0/0"}";
    }

    /// <summary>A scalar as text; null for an absent property or one given by an intrinsic function.</summary>
    private static string? Text(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
        : null;

    private static bool IsTrue(JsonNode? node) => string.Equals(Text(node), "true", StringComparison.OrdinalIgnoreCase);

    private static string Bool(bool value) => value ? "true" : "false";
}
