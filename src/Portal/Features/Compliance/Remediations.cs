using MirrorTower.Engine.Compliance;

namespace MirrorTower.Portal.Features.Compliance;

/// <summary>A one-action fix for a rule: the AWS call it makes and the configuration it leaves.</summary>
public sealed record Remediation(string Description, Func<IReadOnlyDictionary<string, string>, Dictionary<string, string>> Patch);

/// <summary>The rules where one action fixes the violation (issue 4: block public access, versioning, encryption, SSH).</summary>
public static class Remediations
{
    private static readonly Dictionary<string, Remediation> ByControl = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED"] = BlockPublicAccess(),
        ["AWS-GR_S3_BUCKET_PUBLIC_WRITE_PROHIBITED"] = BlockPublicAccess(),
        ["AWS-GR_AUDIT_BUCKET_PUBLIC_READ_PROHIBITED"] = BlockPublicAccess(),
        ["AWS-GR_AUDIT_BUCKET_PUBLIC_WRITE_PROHIBITED"] = BlockPublicAccess(),
        ["AWS-GR_S3_VERSIONING_ENABLED"] = new("Enable versioning", _ => new() { [Keys.Versioning] = "true" }),
        ["AWS-GR_ENCRYPTED_VOLUMES"] = new("Replace with an encrypted copy", _ => new() { [Keys.Encrypted] = "true" }),
        ["AWS-GR_RESTRICTED_SSH"] = new("Remove the 0.0.0.0/0 SSH rule", c => WithoutWorldRules(c, [22])),
        ["AWS-GR_RESTRICTED_COMMON_PORTS"] = new("Remove the 0.0.0.0/0 rules on common ports", c => WithoutWorldRules(c, Engine.Compliance.DetectiveRules.CommonPorts)),
        ["AWS-GR_RDS_INSTANCE_PUBLIC_ACCESS_CHECK"] = new("Make the DB instance private", _ => new() { [Keys.PubliclyAccessible] = "false" }),
        ["AWS-GR_RDS_SNAPSHOTS_PUBLIC_PROHIBITED"] = new("Make the snapshot private", _ => new() { [Keys.Public] = "false" }),
        ["AWS-GR_SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED"] = new("Stop auto-assigning public IPs", _ => new() { [Keys.MapPublicIpOnLaunch] = "false" }),
        ["AWS-GR_ENSURE_CLOUDTRAIL_ENABLED_ON_MEMBER_ACCOUNTS"] = new("Start logging", _ => new() { [Keys.IsLogging] = "true" }),
        ["AWS-GR_ENSURE_CLOUDTRAIL_ENABLED_ON_SHARED_ACCOUNTS"] = new("Start logging", _ => new() { [Keys.IsLogging] = "true" }),
    };

    public static Remediation? For(string controlIdentifier) => ByControl.GetValueOrDefault(controlIdentifier);

    private static Remediation BlockPublicAccess() =>
        new("Block public access", _ => new() { [Keys.PublicRead] = "false", [Keys.PublicWrite] = "false" });

    private static Dictionary<string, string> WithoutWorldRules(IReadOnlyDictionary<string, string> configuration, IReadOnlyList<int> ports)
    {
        var rules = IngressRule.ParseList(configuration.GetValueOrDefault(Keys.IngressRules), out _);
        var kept = rules.Where(r => !(r.OpenToTheWorld && ports.Any(r.Covers)));
        return new() { [Keys.IngressRules] = string.Join(";", kept) };
    }
}
