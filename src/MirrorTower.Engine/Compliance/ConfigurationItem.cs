namespace MirrorTower.Engine.Compliance;

public enum ComplianceType
{
    COMPLIANT,
    NON_COMPLIANT,
    NOT_APPLICABLE,
}

/// <summary>Which kind of account a resource lives in; some rules judge shared accounts only, others member accounts.</summary>
public enum AccountScope
{
    Member,
    Shared,
    Management,
}

/// <summary>A resource's configuration as AWS Config records it: type, id, and flat key-value settings.</summary>
public sealed record ConfigurationItem(
    string ResourceType,
    string ResourceId,
    string Name,
    IReadOnlyDictionary<string, string> Configuration,
    AccountScope Scope = AccountScope.Member)
{
    public bool Flag(string key) =>
        Configuration.TryGetValue(key, out var value) && value.Equals("true", StringComparison.OrdinalIgnoreCase);

    public string? Setting(string key) => Configuration.TryGetValue(key, out var value) ? value : null;
}

/// <summary>A rule's verdict on one resource, with the annotation that says why.</summary>
public readonly record struct RuleResult(ComplianceType Compliance, string Annotation)
{
    public static RuleResult Compliant(string why) => new(ComplianceType.COMPLIANT, why);
    public static RuleResult NonCompliant(string why) => new(ComplianceType.NON_COMPLIANT, why);
    public static RuleResult NotApplicable(string why) => new(ComplianceType.NOT_APPLICABLE, why);
}
