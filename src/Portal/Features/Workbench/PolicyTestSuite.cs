using MirrorTower.Portal.Common;
namespace MirrorTower.Portal.Features.Workbench;

/// <summary>Named cases that keep an organization's guardrails under test, attached to an OU or the whole organization.</summary>
public sealed class PolicyTestSuite
{
    public required string Id { get; init; }
    public required string Name { get; set; }

    /// <summary>The OU whose accounts the suite covers, or null for the whole organization.</summary>
    public string? ScopeOuId { get; set; }

    public SuiteEnforcement Enforcement { get; set; }
    public DateTime CreatedUtc { get; init; }
    public List<PolicyTestCase> Cases { get; set; } = [];
}

/// <summary>What happens to a change that would make a case of the suite fail.</summary>
public enum SuiteEnforcement
{
    /// <summary>The change is shown with the failing cases and needs an explicit confirmation.</summary>
    Confirm,

    /// <summary>The change is refused.</summary>
    Refuse,
}

public sealed class PolicyTestCase
{
    public long Id { get; init; }
    public string SuiteId { get; init; } = "";
    public required string Name { get; set; }

    /// <summary>The account whose SCP chain decides; null: every member account in the suite's scope.</summary>
    public string? AccountId { get; set; }

    /// <summary>The request, as JSON: principalArn, action, resource, region, context. <c>{account}</c> is replaced by the account id.</summary>
    public required string RequestJson { get; set; }

    public ExpectedDecision Expected { get; set; }
}

