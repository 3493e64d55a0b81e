using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization;

/// <summary>The resources that Control Tower puts into the accounts it governs (shared/reference/governance.md).</summary>
internal static class Baseline
{
    public const string ExecutionRole = "AWSControlTowerExecution";
    public const string Trail = "aws-controltower-BaselineCloudTrail";
    public const string ConfigRecorder = "aws-controltower-BaselineConfigRecorder";

    public static readonly string[] IdentityCenterGroups =
    [
        "AWSAccountFactory", "AWSAuditAccountAdmins", "AWSControlTowerAdmins", "AWSLogArchiveAdmins",
        "AWSLogArchiveViewers", "AWSSecurityAuditors", "AWSSecurityAuditPowerUsers", "AWSServiceCatalogAdmins",
    ];

    private static readonly string[] MemberRoles =
    [
        ExecutionRole, "aws-controltower-AdministratorExecutionRole", "aws-controltower-ReadOnlyExecutionRole",
        "aws-controltower-ConfigRecorderRole", "aws-controltower-ForwardSnsNotificationRole",
    ];

    /// <summary>The account itself as Config records it: the root user's MFA and access keys.</summary>
    public static AccountResource AccountItem(string accountId, bool rootMfa) =>
        Resource(accountId, "global", "AWS::::Account", accountId, $"arn:aws::::account/{accountId}",
            ("RootMfaEnabled", rootMfa ? "true" : "false"), ("RootAccessKeys", "0"));

    /// <summary>What every enrolled account gets: roles, the trail, and a Config recorder per governed Region.</summary>
    public static IEnumerable<AccountResource> ForEnrolledAccount(string accountId, IReadOnlyList<string> regions)
    {
        yield return AccountItem(accountId, rootMfa: true);
        foreach (var role in MemberRoles)
        {
            yield return Resource(accountId, "global", "AWS::IAM::Role", role, $"arn:aws:iam::{accountId}:role/{role}");
        }
        yield return Resource(accountId, regions[0], "AWS::CloudTrail::Trail", Trail,
            $"arn:aws:cloudtrail:{regions[0]}:{accountId}:trail/{Trail}",
            ("IsLogging", "true"), ("IsOrganizationTrail", "true"), ("LogFileValidationEnabled", "true"));
        foreach (var region in regions)
        {
            yield return ConfigRecorderIn(accountId, region);
        }
    }

    /// <summary>The Config recorder Control Tower keeps in each governed Region of an enrolled account.</summary>
    public static AccountResource ConfigRecorderIn(string accountId, string region) =>
        Resource(accountId, region, "AWS::Config::ConfigurationRecorder", ConfigRecorder,
            $"arn:aws:config:{region}:{accountId}:configuration-recorder/{ConfigRecorder}", ("Recording", "true"));

    /// <summary>The Log Archive's bucket of logs, which keeps them for the landing zone's retention.</summary>
    public static string LogBucketName(string accountId, string homeRegion) => $"aws-controltower-logs-{accountId}-{homeRegion}";

    public static IEnumerable<AccountResource> ForManagementAccount(string accountId, IReadOnlyList<string> regions)
    {
        foreach (var role in new[] { "AWSControlTowerAdmin", "AWSControlTowerCloudTrailRole", "AWSControlTowerStackSetRole", "AWSControlTowerConfigAggregatorRoleForOrganizations" })
        {
            yield return Resource(accountId, "global", "AWS::IAM::Role", role, $"arn:aws:iam::{accountId}:role/service-role/{role}");
        }
        yield return Resource(accountId, regions[0], "AWS::CloudTrail::Trail", Trail,
            $"arn:aws:cloudtrail:{regions[0]}:{accountId}:trail/{Trail}", ("IsLogging", "true"), ("IsOrganizationTrail", "true"));
        foreach (var group in IdentityCenterGroups)
        {
            yield return Resource(accountId, regions[0], "AWS::IdentityStore::Group", group, $"arn:aws:identitystore:::group/{group}");
        }
    }

    public static IEnumerable<AccountResource> ForLogArchive(string accountId, IReadOnlyList<string> regions, int retentionDays)
    {
        var home = regions[0];
        yield return Resource(accountId, home, "AWS::S3::Bucket", LogBucketName(accountId, home), $"arn:aws:s3:::{LogBucketName(accountId, home)}",
            ("Encryption", "aws:kms"), ("Logging", "enabled"), ("BucketPolicy", "controltower"), ("RetentionDays", retentionDays.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        yield return Resource(accountId, home, "AWS::S3::Bucket", $"aws-controltower-s3-access-logs-{accountId}-{home}",
            $"arn:aws:s3:::aws-controltower-s3-access-logs-{accountId}-{home}",
            ("Encryption", "AES256"), ("BucketPolicy", "controltower"));
    }

    public static IEnumerable<AccountResource> ForAudit(string accountId, IReadOnlyList<string> regions)
    {
        var home = regions[0];
        foreach (var topic in new[] { "aws-controltower-SecurityNotifications", "aws-controltower-AllConfigNotifications" })
        {
            yield return Resource(accountId, home, "AWS::SNS::Topic", topic, $"arn:aws:sns:{home}:{accountId}:{topic}");
        }
        yield return Resource(accountId, home, "AWS::Config::ConfigurationAggregator", "aws-controltower-ConfigAggregatorForOrganizations",
            $"arn:aws:config:{home}:{accountId}:config-aggregator/aws-controltower-ConfigAggregatorForOrganizations");
        foreach (var role in new[] { "aws-controltower-AuditAdministratorRole", "aws-controltower-AuditReadOnlyRole" })
        {
            yield return Resource(accountId, "global", "AWS::IAM::Role", role, $"arn:aws:iam::{accountId}:role/{role}");
        }
    }

    public static AccountResource Resource(string accountId, string region, string type, string name, string arn, params (string Key, string Value)[] properties) => new()
    {
        AccountId = accountId,
        Region = region,
        Type = type,
        Name = name,
        Arn = arn,
        Properties = properties.ToDictionary(p => p.Key, p => p.Value),
    };
}
