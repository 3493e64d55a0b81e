using MirrorTower.Engine.Compliance;

namespace MirrorTower.Portal.Features.Compliance;

/// <summary>The latest verdict of one detective control on one resource (NOT_APPLICABLE is not stored).</summary>
public sealed class ComplianceResult
{
    public long Id { get; init; }
    public long ResourceId { get; init; }
    public required string AccountId { get; init; }
    public required string ControlIdentifier { get; init; }
    public ComplianceType Compliance { get; init; }
    public required string Annotation { get; init; }
    public DateTime EvaluatedUtc { get; init; }
}
