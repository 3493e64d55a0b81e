using System.Text.RegularExpressions;

namespace MirrorTower.Portal.Components.Shared;

/// <summary>
/// Enum values and wire names as people read them on a page (issue #19, finding 4): <c>IN_SYNC</c> → "In sync",
/// <c>MoveToOu</c> → "Move to OU", <c>AwsManaged</c> → "AWS managed". The API keeps the wire names; only pages use this.
/// A general humanizer (Humanizer) writes "Aws managed" and "IN SYNC": the acronyms are this domain's, so the list is ours.
/// </summary>
public static partial class Words
{
    private static readonly Dictionary<string, string> Acronyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["aws"] = "AWS", ["ou"] = "OU", ["ous"] = "OUs", ["vpc"] = "VPC", ["cidr"] = "CIDR", ["eni"] = "ENI", ["enis"] = "ENIs",
        ["scp"] = "SCP", ["scps"] = "SCPs", ["rcp"] = "RCP", ["rcps"] = "RCPs", ["nlb"] = "NLB", ["gwlb"] = "GWLB", ["iam"] = "IAM",
        ["kms"] = "KMS", ["sso"] = "SSO", ["id"] = "ID", ["ids"] = "IDs", ["ip"] = "IP", ["ipv4"] = "IPv4", ["ipv6"] = "IPv6",
        ["tgw"] = "TGW", ["api"] = "API", ["s3"] = "S3", ["ec2"] = "EC2", ["tcp"] = "TCP", ["udp"] = "UDP", ["icmp"] = "ICMP",
        ["vxlan"] = "VXLAN", ["sns"] = "SNS", ["sqs"] = "SQS",
    };

    // Whole names whose words are not the parts' words.
    private static readonly Dictionary<string, string> Phrases = new(StringComparer.Ordinal)
    {
        ["NON_COMPLIANT"] = "Noncompliant", ["NonCompliant"] = "Noncompliant",
    };

    /// <summary>The value's name in words, sentence case, acronyms kept.</summary>
    public static string Of(Enum value) => Of(value.ToString());

    /// <summary>A SCREAMING_SNAKE, kebab or PascalCase name in words, sentence case, acronyms kept.</summary>
    public static string Of(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return name;
        }
        if (Phrases.TryGetValue(name, out var phrase))
        {
            return phrase;
        }
        var parts = name.Contains('_') || name.Contains('-') || name.All(c => !char.IsLower(c))
            ? name.Split(['_', '-', ' '], StringSplitOptions.RemoveEmptyEntries)
            : WordStart().Split(name).Where(p => p.Length > 0).ToArray();
        var words = parts.Select(p => Acronyms.TryGetValue(p, out var acronym) ? acronym : p.ToLowerInvariant()).ToArray();
        if (words.Length == 0)
        {
            return name;
        }
        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words);
    }

    // Before an upper-case letter that follows a lower-case letter or a digit, or that starts a word after an acronym.
    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")]
    private static partial Regex WordStart();
}
