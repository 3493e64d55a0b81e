using MirrorTower.Engine.Compliance;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization;

/// <summary>A realistic inventory for the demo accounts: mostly well configured, with a few violations to find.</summary>
internal static class DemoResources
{
    public static IEnumerable<AccountResource> For(string accountName, string accountId, string region)
    {
        string Arn(string kind, string id) => $"arn:aws:ec2:{region}:{accountId}:{kind}/{id}";
        var suffix = accountId[^4..];

        yield return Baseline.Resource(accountId, region, ResourceTypes.Bucket, $"{accountName}-data-{suffix}", $"arn:aws:s3:::{accountName}-data-{suffix}",
            (Keys.Versioning, "true"), (Keys.PublicRead, "false"), (Keys.PublicWrite, "false"), ("Encryption", "aws:kms"));
        yield return Baseline.Resource(accountId, region, ResourceTypes.SecurityGroup, $"sg-{suffix}web", Arn("security-group", $"sg-{suffix}web"),
            (Keys.IngressRules, "tcp:443:0.0.0.0/0;tcp:22:10.0.0.0/8"));
        yield return Baseline.Resource(accountId, region, ResourceTypes.Subnet, $"subnet-{suffix}a", Arn("subnet", $"subnet-{suffix}a"),
            (Keys.MapPublicIpOnLaunch, "false"));
        yield return Baseline.Resource(accountId, region, ResourceTypes.RouteTable, $"rtb-{suffix}private", Arn("route-table", $"rtb-{suffix}private"),
            (Keys.Routes, "10.0.0.0/16>local;0.0.0.0/0>nat-0" + suffix));
        yield return Baseline.Resource(accountId, region, ResourceTypes.Instance, $"i-{suffix}app", Arn("instance", $"i-{suffix}app"),
            ("InstanceType", "m6i.large"), (Keys.EbsOptimized, "true"));
        yield return Baseline.Resource(accountId, region, ResourceTypes.Volume, $"vol-{suffix}root", Arn("volume", $"vol-{suffix}root"),
            (Keys.Attached, "true"), (Keys.Encrypted, "true"));
        yield return Baseline.Resource(accountId, "global", ResourceTypes.User, "deployer", $"arn:aws:iam::{accountId}:user/deployer",
            (Keys.MfaEnabled, "false"), (Keys.ConsoleAccess, "false"));

        // The violations a tour of the demo should find.
        switch (accountName)
        {
            case "web-prod":
                yield return Baseline.Resource(accountId, region, ResourceTypes.Bucket, $"web-prod-static-site-{suffix}", $"arn:aws:s3:::web-prod-static-site-{suffix}",
                    (Keys.PublicRead, "true"), (Keys.Versioning, "false"));
                break;
            case "payments-staging":
                yield return Baseline.Resource(accountId, region, ResourceTypes.SecurityGroup, $"sg-{suffix}bastion", Arn("security-group", $"sg-{suffix}bastion"),
                    (Keys.IngressRules, "tcp:22:0.0.0.0/0"));
                break;
            case "data-lake-prod":
                yield return Baseline.Resource(accountId, region, ResourceTypes.Volume, $"vol-{suffix}scratch", Arn("volume", $"vol-{suffix}scratch"),
                    (Keys.Attached, "true"), (Keys.Encrypted, "false"));
                yield return Baseline.Resource(accountId, region, ResourceTypes.DbInstance, "analytics-db", $"arn:aws:rds:{region}:{accountId}:db:analytics-db",
                    (Keys.PubliclyAccessible, "false"), (Keys.StorageEncrypted, "true"));
                break;
            case "sandbox-bob":
                yield return Baseline.Resource(accountId, region, ResourceTypes.Bucket, $"bob-share-{suffix}", $"arn:aws:s3:::bob-share-{suffix}",
                    (Keys.PublicRead, "true"), (Keys.PublicWrite, "true"));
                break;
            case "ml-experiments":
                yield return Baseline.Resource(accountId, region, ResourceTypes.Instance, $"i-{suffix}gpu", Arn("instance", $"i-{suffix}gpu"),
                    ("InstanceType", "g5.xlarge"), (Keys.EbsOptimized, "true"), (Keys.PublicIp, "54.217.10.20"));
                break;
        }
    }
}
