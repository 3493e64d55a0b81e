namespace MirrorTower.Portal.Features.Compliance;

/// <summary>What to re-evaluate: everything, some accounts, or one resource.</summary>
public sealed record ComplianceScope(bool Everything, IReadOnlyList<string> AccountIds, long? ResourceId)
{
    public static readonly ComplianceScope All = new(true, [], null);

    public static ComplianceScope Accounts(IEnumerable<string> accountIds) => new(false, accountIds.Distinct().ToList(), null);

    public static ComplianceScope Resource(long resourceId) => new(false, [], resourceId);
}
