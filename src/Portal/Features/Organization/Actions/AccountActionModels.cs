using MirrorTower.Engine.Policies;

namespace MirrorTower.Portal.Features.Organization.Actions;

/// <summary>The body of <c>POST /api/v1/accounts/{id}/actions</c>.</summary>
public sealed class AccountActionRequest
{
    public string? Action { get; set; }

    /// <summary>The resource to act on, for resource-level calls.</summary>
    public string? ResourceArn { get; set; }

    /// <summary>Defaults to the resource's Region, or the home Region.</summary>
    public string? Region { get; set; }

    /// <summary>Admins may act as another principal of the account (its root user, AWSControlTowerExecution).</summary>
    public string? PrincipalArn { get; set; }
}

public sealed record AccountActionResult(
    bool Performed,
    string Action,
    string Resource,
    string PrincipalArn,
    string? Region,
    Decision Decision,
    string Summary,
    string? Control,
    DecidingStatement? Deciding,
    IReadOnlyList<LevelTrace> Trace);

public sealed record PrincipalChoice(string Label, string Arn);
