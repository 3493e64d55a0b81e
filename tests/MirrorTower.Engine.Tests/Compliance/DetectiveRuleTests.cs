using MirrorTower.Engine.Compliance;
using MirrorTower.Engine.Controls;
using static MirrorTower.Engine.Compliance.ComplianceType;

namespace MirrorTower.Engine.Tests.Compliance;

/// <summary>Every detective control of the catalog: a compliant, a noncompliant and a not-applicable case.</summary>
public sealed class DetectiveRuleTests
{
    private static ConfigurationItem Item(string type, string name, AccountScope scope = AccountScope.Member, params (string Key, string Value)[] settings) =>
        new(type, $"arn:test:{name}", name, settings.ToDictionary(s => s.Key, s => s.Value), scope);

    private static ConfigurationItem Item(string type, string name, params (string Key, string Value)[] settings) =>
        Item(type, name, AccountScope.Member, settings);

    public static TheoryData<string, ConfigurationItem, ComplianceType, string> Cases => new()
    {
        { "AWS-GR_AUDIT_BUCKET_PUBLIC_READ_PROHIBITED", Item(ResourceTypes.Bucket, "aws-controltower-logs-1-eu-west-1", (Keys.PublicRead, "true")), NON_COMPLIANT, "grants READ to AllUsers" },
        { "AWS-GR_AUDIT_BUCKET_PUBLIC_READ_PROHIBITED", Item(ResourceTypes.Bucket, "aws-controltower-logs-1-eu-west-1"), COMPLIANT, "does not grant READ" },
        { "AWS-GR_AUDIT_BUCKET_PUBLIC_READ_PROHIBITED", Item(ResourceTypes.Bucket, "team-bucket", (Keys.PublicRead, "true")), NOT_APPLICABLE, "outside" },
        { "AWS-GR_AUDIT_BUCKET_PUBLIC_WRITE_PROHIBITED", Item(ResourceTypes.Bucket, "aws-controltower-logs-1", (Keys.PublicWrite, "TRUE")), NON_COMPLIANT, "grants WRITE" },
        { "AWS-GR_AUDIT_BUCKET_PUBLIC_WRITE_PROHIBITED", Item(ResourceTypes.Bucket, "aws-controltower-logs-1", (Keys.PublicWrite, "false")), COMPLIANT, "does not grant WRITE" },
        { "AWS-GR_AUDIT_BUCKET_PUBLIC_WRITE_PROHIBITED", Item(ResourceTypes.Volume, "vol-1"), NOT_APPLICABLE, "judges AWS::S3::Bucket" },
        { "AWS-GR_ENSURE_CLOUDTRAIL_ENABLED_ON_SHARED_ACCOUNTS", Item(ResourceTypes.Trail, "trail", AccountScope.Shared, (Keys.IsLogging, "false")), NON_COMPLIANT, "is not logging" },
        { "AWS-GR_ENSURE_CLOUDTRAIL_ENABLED_ON_SHARED_ACCOUNTS", Item(ResourceTypes.Trail, "trail", AccountScope.Shared, (Keys.IsLogging, "true")), COMPLIANT, "is logging" },
        { "AWS-GR_ENSURE_CLOUDTRAIL_ENABLED_ON_SHARED_ACCOUNTS", Item(ResourceTypes.Trail, "trail", AccountScope.Member, (Keys.IsLogging, "false")), NOT_APPLICABLE, "outside" },
        { "AWS-GR_ENSURE_CLOUDTRAIL_ENABLED_ON_MEMBER_ACCOUNTS", Item(ResourceTypes.Trail, "trail", AccountScope.Member, (Keys.IsLogging, "false")), NON_COMPLIANT, "is not logging" },
        { "AWS-GR_ENSURE_CLOUDTRAIL_ENABLED_ON_MEMBER_ACCOUNTS", Item(ResourceTypes.Trail, "trail", AccountScope.Member, (Keys.IsLogging, "true")), COMPLIANT, "is logging" },
        { "AWS-GR_ENSURE_CLOUDTRAIL_ENABLED_ON_MEMBER_ACCOUNTS", Item(ResourceTypes.Trail, "trail", AccountScope.Shared), NOT_APPLICABLE, "outside" },
        { "AWS-GR_ROOT_ACCOUNT_MFA_ENABLED", Item(ResourceTypes.Account, "111122223333", (Keys.RootMfaEnabled, "false")), NON_COMPLIANT, "no MFA" },
        { "AWS-GR_ROOT_ACCOUNT_MFA_ENABLED", Item(ResourceTypes.Account, "111122223333", (Keys.RootMfaEnabled, "true")), COMPLIANT, "has an MFA" },
        { "AWS-GR_ROOT_ACCOUNT_MFA_ENABLED", Item(ResourceTypes.User, "alice"), NOT_APPLICABLE, "judges AWS::::Account" },
        { "AWS-GR_ENCRYPTED_VOLUMES", Item(ResourceTypes.Volume, "vol-1", (Keys.Attached, "true"), (Keys.Encrypted, "false")), NON_COMPLIANT, "not encrypted" },
        { "AWS-GR_ENCRYPTED_VOLUMES", Item(ResourceTypes.Volume, "vol-1", (Keys.Attached, "true"), (Keys.Encrypted, "true")), COMPLIANT, "encrypted" },
        { "AWS-GR_ENCRYPTED_VOLUMES", Item(ResourceTypes.Volume, "vol-1", (Keys.Attached, "false")), NOT_APPLICABLE, "outside" },
        { "AWS-GR_EBS_OPTIMIZED_INSTANCE", Item(ResourceTypes.Instance, "i-1", (Keys.EbsOptimized, "false")), NON_COMPLIANT, "not EBS-optimized" },
        { "AWS-GR_EBS_OPTIMIZED_INSTANCE", Item(ResourceTypes.Instance, "i-1", (Keys.EbsOptimized, "true")), COMPLIANT, "is EBS-optimized" },
        { "AWS-GR_EBS_OPTIMIZED_INSTANCE", Item(ResourceTypes.Volume, "vol-1"), NOT_APPLICABLE, "judges" },
        { "AWS-GR_EC2_VOLUME_INUSE_CHECK", Item(ResourceTypes.Volume, "vol-1", (Keys.Attached, "false")), NON_COMPLIANT, "not attached" },
        { "AWS-GR_EC2_VOLUME_INUSE_CHECK", Item(ResourceTypes.Volume, "vol-1", (Keys.Attached, "true")), COMPLIANT, "attached" },
        { "AWS-GR_EC2_VOLUME_INUSE_CHECK", Item(ResourceTypes.Instance, "i-1"), NOT_APPLICABLE, "judges" },
        { "AWS-GR_RDS_INSTANCE_PUBLIC_ACCESS_CHECK", Item(ResourceTypes.DbInstance, "db", (Keys.PubliclyAccessible, "true")), NON_COMPLIANT, "publicly accessible" },
        { "AWS-GR_RDS_INSTANCE_PUBLIC_ACCESS_CHECK", Item(ResourceTypes.DbInstance, "db"), COMPLIANT, "not publicly accessible" },
        { "AWS-GR_RDS_INSTANCE_PUBLIC_ACCESS_CHECK", Item(ResourceTypes.DbSnapshot, "snap"), NOT_APPLICABLE, "judges" },
        { "AWS-GR_RDS_SNAPSHOTS_PUBLIC_PROHIBITED", Item(ResourceTypes.DbSnapshot, "snap", (Keys.Public, "true")), NON_COMPLIANT, "shared with all" },
        { "AWS-GR_RDS_SNAPSHOTS_PUBLIC_PROHIBITED", Item(ResourceTypes.DbSnapshot, "snap"), COMPLIANT, "private" },
        { "AWS-GR_RDS_SNAPSHOTS_PUBLIC_PROHIBITED", Item(ResourceTypes.DbInstance, "db"), NOT_APPLICABLE, "judges" },
        { "AWS-GR_RDS_STORAGE_ENCRYPTED", Item(ResourceTypes.DbInstance, "db", (Keys.StorageEncrypted, "false")), NON_COMPLIANT, "unencrypted" },
        { "AWS-GR_RDS_STORAGE_ENCRYPTED", Item(ResourceTypes.DbInstance, "db", (Keys.StorageEncrypted, "true")), COMPLIANT, "encrypted" },
        { "AWS-GR_RDS_STORAGE_ENCRYPTED", Item(ResourceTypes.Bucket, "b"), NOT_APPLICABLE, "judges" },
        { "AWS-GR_RESTRICTED_COMMON_PORTS", Item(ResourceTypes.SecurityGroup, "sg-1", (Keys.IngressRules, "tcp:3389:0.0.0.0/0")), NON_COMPLIANT, "on TCP 3389" },
        { "AWS-GR_RESTRICTED_COMMON_PORTS", Item(ResourceTypes.SecurityGroup, "sg-1", (Keys.IngressRules, "tcp:3300-3310:0.0.0.0/0")), NON_COMPLIANT, "on TCP 3306" },
        { "AWS-GR_RESTRICTED_COMMON_PORTS", Item(ResourceTypes.SecurityGroup, "sg-1", (Keys.IngressRules, "tcp:3389:10.0.0.0/8;tcp:443:0.0.0.0/0;tcp:0-10:0.0.0.0/0")), COMPLIANT, "No ingress rule" },
        { "AWS-GR_RESTRICTED_COMMON_PORTS", Item(ResourceTypes.Subnet, "subnet-1"), NOT_APPLICABLE, "judges" },
        { "AWS-GR_RESTRICTED_SSH", Item(ResourceTypes.SecurityGroup, "sg-1", (Keys.IngressRules, "tcp:22:0.0.0.0/0")), NON_COMPLIANT, "allows 0.0.0.0/0 on TCP 22" },
        { "AWS-GR_RESTRICTED_SSH", Item(ResourceTypes.SecurityGroup, "sg-1", (Keys.IngressRules, "-1:all:::/0")), NON_COMPLIANT, "on TCP 22" },
        { "AWS-GR_RESTRICTED_SSH", Item(ResourceTypes.SecurityGroup, "sg-1", (Keys.IngressRules, "tcp:22:10.0.0.0/8;udp:22:0.0.0.0/0")), COMPLIANT, "No ingress rule" },
        { "AWS-GR_RESTRICTED_SSH", Item(ResourceTypes.RouteTable, "rtb-1"), NOT_APPLICABLE, "judges" },
        { "AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED", Item(ResourceTypes.Bucket, "team-bucket", (Keys.PublicRead, "true")), NON_COMPLIANT, "grants READ to AllUsers" },
        { "AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED", Item(ResourceTypes.Bucket, "team-bucket"), COMPLIANT, "does not grant READ" },
        { "AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED", Item(ResourceTypes.Trail, "t"), NOT_APPLICABLE, "judges" },
        { "AWS-GR_S3_BUCKET_PUBLIC_WRITE_PROHIBITED", Item(ResourceTypes.Bucket, "team-bucket", (Keys.PublicWrite, "true")), NON_COMPLIANT, "grants WRITE" },
        { "AWS-GR_S3_BUCKET_PUBLIC_WRITE_PROHIBITED", Item(ResourceTypes.Bucket, "team-bucket", (Keys.PublicRead, "true")), COMPLIANT, "does not grant WRITE" },
        { "AWS-GR_S3_BUCKET_PUBLIC_WRITE_PROHIBITED", Item(ResourceTypes.User, "u"), NOT_APPLICABLE, "judges" },
        { "AWS-GR_IAM_USER_MFA_ENABLED", Item(ResourceTypes.User, "alice", (Keys.MfaEnabled, "false")), NON_COMPLIANT, "no MFA" },
        { "AWS-GR_IAM_USER_MFA_ENABLED", Item(ResourceTypes.User, "alice", (Keys.MfaEnabled, "true")), COMPLIANT, "has an MFA" },
        { "AWS-GR_IAM_USER_MFA_ENABLED", Item(ResourceTypes.Account, "1"), NOT_APPLICABLE, "judges" },
        { "AWS-GR_MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS", Item(ResourceTypes.User, "alice", (Keys.ConsoleAccess, "true")), NON_COMPLIANT, "without MFA" },
        { "AWS-GR_MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS", Item(ResourceTypes.User, "alice", (Keys.ConsoleAccess, "true"), (Keys.MfaEnabled, "true")), COMPLIANT, "has an MFA" },
        { "AWS-GR_MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS", Item(ResourceTypes.User, "ci-bot", (Keys.ConsoleAccess, "false")), NOT_APPLICABLE, "outside" },
        { "AWS-GR_S3_VERSIONING_ENABLED", Item(ResourceTypes.Bucket, "b", (Keys.Versioning, "false")), NON_COMPLIANT, "does not keep versions" },
        { "AWS-GR_S3_VERSIONING_ENABLED", Item(ResourceTypes.Bucket, "b", (Keys.Versioning, "true")), COMPLIANT, "enabled" },
        { "AWS-GR_S3_VERSIONING_ENABLED", Item(ResourceTypes.Volume, "v"), NOT_APPLICABLE, "judges" },
        { "AWS-GR_EC2_INSTANCE_NO_PUBLIC_IP", Item(ResourceTypes.Instance, "i-1", (Keys.PublicIp, "3.250.1.2")), NON_COMPLIANT, "3.250.1.2" },
        { "AWS-GR_EC2_INSTANCE_NO_PUBLIC_IP", Item(ResourceTypes.Instance, "i-1"), COMPLIANT, "no public IPv4" },
        { "AWS-GR_EC2_INSTANCE_NO_PUBLIC_IP", Item(ResourceTypes.Subnet, "s"), NOT_APPLICABLE, "judges" },
        { "AWS-GR_NO_UNRESTRICTED_ROUTE_TO_IGW", Item(ResourceTypes.RouteTable, "rtb-1", (Keys.Routes, "10.0.0.0/16>local;0.0.0.0/0>igw-0abc")), NON_COMPLIANT, "igw-0abc" },
        { "AWS-GR_NO_UNRESTRICTED_ROUTE_TO_IGW", Item(ResourceTypes.RouteTable, "rtb-1", (Keys.Routes, "10.0.0.0/16>local;0.0.0.0/0>nat-0abc")), COMPLIANT, "No route" },
        { "AWS-GR_NO_UNRESTRICTED_ROUTE_TO_IGW", Item(ResourceTypes.Instance, "i"), NOT_APPLICABLE, "judges" },
        { "AWS-GR_SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED", Item(ResourceTypes.Subnet, "subnet-1", (Keys.MapPublicIpOnLaunch, "true")), NON_COMPLIANT, "public IPv4" },
        { "AWS-GR_SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED", Item(ResourceTypes.Subnet, "subnet-1"), COMPLIANT, "does not auto-assign" },
        { "AWS-GR_SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED", Item(ResourceTypes.RouteTable, "r"), NOT_APPLICABLE, "judges" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void JudgesAsTheCatalogDescribes(string control, ConfigurationItem item, ComplianceType expected, string annotation)
    {
        var result = DetectiveRules.Find(control)!.Evaluate(item);

        Assert.Equal(expected, result.Compliance);
        Assert.Contains(annotation, result.Annotation);
    }

    [Fact]
    public void EveryDetectiveControlOfTheCatalogHasARuleAndEveryRuleAControl()
    {
        var detective = ControlCatalog.Default.Controls.Where(c => c.Behavior == ControlBehavior.Detective).Select(c => c.Identifier).Order();

        Assert.Equal(detective, DetectiveRules.All.Select(r => r.ControlIdentifier).Order());
    }

    [Fact]
    public void EveryRuleHasACaseOfEachVerdict()
    {
        var covered = Cases.Select(c => ((string)c[0], (ComplianceType)c[2])).ToHashSet();

        Assert.All(DetectiveRules.All, rule => Assert.All(Enum.GetValues<ComplianceType>(), verdict =>
            Assert.Contains((rule.ControlIdentifier, verdict), covered)));
    }

    [Theory]
    [InlineData("tcp:22", 1)]
    [InlineData("tcp:22:not-a-cidr", 1)]
    [InlineData("sctp:22:0.0.0.0/0", 1)]
    [InlineData("tcp:30-20:0.0.0.0/0", 1)]
    [InlineData("tcp:22:0.0.0.0/0;udp:53:10.0.0.0/8", 0)]
    public void ReportsMalformedIngressRules(string text, int problems)
    {
        IngressRule.ParseList(text, out var errors);

        Assert.Equal(problems, errors.Count);
    }
}
