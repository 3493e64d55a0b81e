namespace MirrorTower.Portal.Features.Organization.Templates;

/// <summary>The body of <c>POST /api/v1/accounts/{accountId}/stacks</c>: a CloudFormation template to deploy into the account.</summary>
public sealed class StackRequest
{
    public string? StackName { get; set; }

    /// <summary>The template body, JSON or YAML.</summary>
    public string? Template { get; set; }

    /// <summary>Where the stack is made; the landing zone's home Region when not given.</summary>
    public string? Region { get; set; }
}

/// <summary>A resource the stack made in the account's inventory.</summary>
public sealed record StackResource(string LogicalId, string Type, string Name, string Arn);

/// <summary>What a deployment did: the resources it made, those the inventory does not model, and the proactive controls that checked it.</summary>
public sealed record StackResult(
    string StackName,
    string AccountId,
    string Region,
    IReadOnlyList<StackResource> Created,
    IReadOnlyList<string> NotModelled,
    IReadOnlyList<string> CheckedBy);
