namespace MirrorTower.Portal.Features.Compliance;

/// <summary>The body of <c>POST /api/v1/accounts/{id}/resources</c>.</summary>
public sealed class NewResource
{
    public string? Type { get; set; }
    public string? Name { get; set; }
    public string? Region { get; set; }
    public Dictionary<string, string>? Properties { get; set; }
    public string? PrincipalArn { get; set; }
}

/// <summary>The body of <c>PATCH /api/v1/accounts/{id}/resources/{resourceId}</c>: only the settings that change.</summary>
public sealed class ResourceChange
{
    public Dictionary<string, string>? Properties { get; set; }
    public string? PrincipalArn { get; set; }
}

public sealed record ResourceView(long Id, string AccountId, string Region, string Type, string Name, string Arn,
    IReadOnlyDictionary<string, string> Properties, IReadOnlyList<ResourceFinding> Findings);

public sealed record ResourceFinding(string ControlIdentifier, string Compliance, string Annotation, string? Remediation);
