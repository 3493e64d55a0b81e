namespace MirrorTower.Engine.Compliance;

/// <summary>The resource types the detective controls judge, and the configuration keys they read.</summary>
public static class ResourceTypes
{
    public const string Account = "AWS::::Account";
    public const string Bucket = "AWS::S3::Bucket";
    public const string Volume = "AWS::EC2::Volume";
    public const string Instance = "AWS::EC2::Instance";
    public const string SecurityGroup = "AWS::EC2::SecurityGroup";
    public const string Subnet = "AWS::EC2::Subnet";
    public const string RouteTable = "AWS::EC2::RouteTable";
    public const string User = "AWS::IAM::User";
    public const string Role = "AWS::IAM::Role";
    public const string DbInstance = "AWS::RDS::DBInstance";
    public const string DbSnapshot = "AWS::RDS::DBSnapshot";
    public const string Trail = "AWS::CloudTrail::Trail";
}

/// <summary>Configuration keys. Booleans are "true" or "false"; lists are separated by ';'.</summary>
public static class Keys
{
    public const string PublicRead = nameof(PublicRead);
    public const string PublicWrite = nameof(PublicWrite);
    public const string Versioning = nameof(Versioning);
    public const string Encrypted = nameof(Encrypted);
    public const string Attached = nameof(Attached);
    public const string EbsOptimized = nameof(EbsOptimized);
    public const string PublicIp = nameof(PublicIp);

    /// <summary>Security group ingress, e.g. <c>tcp:22:0.0.0.0/0;tcp:443:10.0.0.0/8;tcp:1000-2000:0.0.0.0/0</c>.</summary>
    public const string IngressRules = nameof(IngressRules);

    public const string MfaEnabled = nameof(MfaEnabled);
    public const string ConsoleAccess = nameof(ConsoleAccess);
    public const string RootMfaEnabled = nameof(RootMfaEnabled);
    public const string PubliclyAccessible = nameof(PubliclyAccessible);
    public const string StorageEncrypted = nameof(StorageEncrypted);
    public const string Public = nameof(Public);
    public const string MapPublicIpOnLaunch = nameof(MapPublicIpOnLaunch);

    /// <summary>Routes, e.g. <c>10.0.0.0/16>local;0.0.0.0/0>igw-0abc</c>.</summary>
    public const string Routes = nameof(Routes);

    public const string IsLogging = nameof(IsLogging);
}
