using static MirrorTower.Engine.Compliance.RuleResult;

namespace MirrorTower.Engine.Compliance;

/// <summary>The rules behind every detective control of the catalog (shared/reference/controls-catalog.tsv).</summary>
public static class DetectiveRules
{
    /// <summary>The ports AWS-GR_RESTRICTED_COMMON_PORTS watches (its remediation closes the same ones).</summary>
    public static readonly IReadOnlyList<int> CommonPorts = [20, 21, 3389, 3306, 4333];

    public static readonly IReadOnlyList<DetectiveRule> All =
    [
        new("AWS-GR_AUDIT_BUCKET_PUBLIC_READ_PROHIBITED", ResourceTypes.Bucket, "Log Archive buckets must not allow public read",
            i => PublicAccess(i, Keys.PublicRead, "READ"), IsControlTowerBucket),
        new("AWS-GR_AUDIT_BUCKET_PUBLIC_WRITE_PROHIBITED", ResourceTypes.Bucket, "Log Archive buckets must not allow public write",
            i => PublicAccess(i, Keys.PublicWrite, "WRITE"), IsControlTowerBucket),
        new("AWS-GR_ENSURE_CLOUDTRAIL_ENABLED_ON_SHARED_ACCOUNTS", ResourceTypes.Trail, "shared accounts must have a logging trail",
            Logging, i => i.Scope == AccountScope.Shared),
        new("AWS-GR_ROOT_ACCOUNT_MFA_ENABLED", ResourceTypes.Account, "the root user has MFA",
            i => i.Flag(Keys.RootMfaEnabled) ? Compliant("The root user has an MFA device.") : NonCompliant("The root user has no MFA device.")),
        new("AWS-GR_ENCRYPTED_VOLUMES", ResourceTypes.Volume, "attached EBS volumes are encrypted",
            i => i.Flag(Keys.Encrypted) ? Compliant("The volume is encrypted.") : NonCompliant($"Volume {i.Name} is attached and not encrypted."),
            i => i.Flag(Keys.Attached)),
        new("AWS-GR_EBS_OPTIMIZED_INSTANCE", ResourceTypes.Instance, "instances are EBS-optimized",
            i => i.Flag(Keys.EbsOptimized) ? Compliant("The instance is EBS-optimized.") : NonCompliant($"Instance {i.Name} is not EBS-optimized.")),
        new("AWS-GR_EC2_VOLUME_INUSE_CHECK", ResourceTypes.Volume, "no unattached volumes",
            i => i.Flag(Keys.Attached) ? Compliant("The volume is attached to an instance.") : NonCompliant($"Volume {i.Name} is not attached to any instance.")),
        new("AWS-GR_RDS_INSTANCE_PUBLIC_ACCESS_CHECK", ResourceTypes.DbInstance, "RDS instances are not publicly accessible",
            i => i.Flag(Keys.PubliclyAccessible) ? NonCompliant($"DB instance {i.Name} is publicly accessible.") : Compliant("The DB instance is not publicly accessible.")),
        new("AWS-GR_RDS_SNAPSHOTS_PUBLIC_PROHIBITED", ResourceTypes.DbSnapshot, "RDS snapshots are not public",
            i => i.Flag(Keys.Public) ? NonCompliant($"DB snapshot {i.Name} is shared with all AWS accounts.") : Compliant("The snapshot is private.")),
        new("AWS-GR_RDS_STORAGE_ENCRYPTED", ResourceTypes.DbInstance, "RDS storage is encrypted",
            i => i.Flag(Keys.StorageEncrypted) ? Compliant("The DB instance's storage is encrypted.") : NonCompliant($"DB instance {i.Name} stores its data unencrypted.")),
        new("AWS-GR_RESTRICTED_COMMON_PORTS", ResourceTypes.SecurityGroup, "no security group allows 0.0.0.0/0 on common ports",
            i => OpenPorts(i, CommonPorts)),
        new("AWS-GR_RESTRICTED_SSH", ResourceTypes.SecurityGroup, "no security group allows 0.0.0.0/0 on TCP 22",
            i => OpenPorts(i, [22])),
        new("AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED", ResourceTypes.Bucket, "buckets do not allow public read",
            i => PublicAccess(i, Keys.PublicRead, "READ")),
        new("AWS-GR_S3_BUCKET_PUBLIC_WRITE_PROHIBITED", ResourceTypes.Bucket, "buckets do not allow public write",
            i => PublicAccess(i, Keys.PublicWrite, "WRITE")),
        new("AWS-GR_ENSURE_CLOUDTRAIL_ENABLED_ON_MEMBER_ACCOUNTS", ResourceTypes.Trail, "member accounts have a logging trail",
            Logging, i => i.Scope == AccountScope.Member),
        new("AWS-GR_IAM_USER_MFA_ENABLED", ResourceTypes.User, "IAM users have MFA",
            i => i.Flag(Keys.MfaEnabled) ? Compliant("The user has an MFA device.") : NonCompliant($"IAM user {i.Name} has no MFA device.")),
        new("AWS-GR_MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS", ResourceTypes.User, "console users have MFA",
            i => i.Flag(Keys.MfaEnabled) ? Compliant("The console user has an MFA device.") : NonCompliant($"IAM user {i.Name} signs in to the console without MFA."),
            i => i.Flag(Keys.ConsoleAccess)),
        new("AWS-GR_S3_VERSIONING_ENABLED", ResourceTypes.Bucket, "buckets have versioning",
            i => i.Flag(Keys.Versioning) ? Compliant("Versioning is enabled.") : NonCompliant($"Bucket {i.Name} does not keep versions.")),
        new("AWS-GR_EC2_INSTANCE_NO_PUBLIC_IP", ResourceTypes.Instance, "instances have no public IPv4 address",
            i => string.IsNullOrEmpty(i.Setting(Keys.PublicIp)) ? Compliant("The instance has no public IPv4 address.")
                : NonCompliant($"Instance {i.Name} has the public IPv4 address {i.Setting(Keys.PublicIp)}.")),
        new("AWS-GR_NO_UNRESTRICTED_ROUTE_TO_IGW", ResourceTypes.RouteTable, "no route 0.0.0.0/0 to an internet gateway",
            RouteToInternetGateway),
        new("AWS-GR_SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED", ResourceTypes.Subnet, "subnets do not auto-assign public IPs",
            i => i.Flag(Keys.MapPublicIpOnLaunch) ? NonCompliant($"Subnet {i.Name} gives every new instance a public IPv4 address.")
                : Compliant("The subnet does not auto-assign public IPv4 addresses.")),
    ];

    private static readonly Dictionary<string, DetectiveRule> ByControl = All.ToDictionary(r => r.ControlIdentifier, StringComparer.OrdinalIgnoreCase);

    public static DetectiveRule? Find(string controlIdentifier) => ByControl.GetValueOrDefault(controlIdentifier);

    private static bool IsControlTowerBucket(ConfigurationItem item) => item.Name.StartsWith("aws-controltower", StringComparison.Ordinal);

    private static RuleResult PublicAccess(ConfigurationItem item, string key, string permission) => item.Flag(key)
        ? NonCompliant($"Bucket {item.Name} grants {permission} to AllUsers.")
        : Compliant($"The bucket does not grant {permission} to AllUsers.");

    private static RuleResult Logging(ConfigurationItem item) => item.Flag(Keys.IsLogging)
        ? Compliant($"Trail {item.Name} is logging.")
        : NonCompliant($"Trail {item.Name} is not logging.");

    private static RuleResult OpenPorts(ConfigurationItem item, IReadOnlyList<int> ports)
    {
        foreach (var rule in IngressRule.ParseList(item.Setting(Keys.IngressRules), out _).Where(r => r.OpenToTheWorld))
        {
            foreach (var port in ports.Where(rule.Covers))
            {
                return NonCompliant($"Security group {item.Name} allows {rule.Cidr} on TCP {port} (rule {rule}).");
            }
        }
        return Compliant($"No ingress rule opens TCP {string.Join(", ", ports)} to the world.");
    }

    private static RuleResult RouteToInternetGateway(ConfigurationItem item)
    {
        foreach (var route in (item.Setting(Keys.Routes) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = route.Split('>', 2);
            if (parts is [var destination, var target] && destination is "0.0.0.0/0" or "::/0" && target.StartsWith("igw-", StringComparison.Ordinal))
            {
                return NonCompliant($"Route table {item.Name} sends {destination} to internet gateway {target}.");
            }
        }
        return Compliant("No route sends all traffic to an internet gateway.");
    }
}
