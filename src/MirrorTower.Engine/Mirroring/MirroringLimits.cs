namespace MirrorTower.Engine.Mirroring;

/// <summary>The reference's defaults; kept as settings because AWS raises some on request.</summary>
public sealed record MirroringLimits
{
    public int SessionsPerSourceEni { get; init; } = 3;
    public int RulesPerDirection { get; init; } = 10;
    public int SourcesPerEniTarget { get; init; } = 10;

    /// <summary>Sessions, filters and targets per account (and Region), each.</summary>
    public int ResourcesPerAccount { get; init; } = 10_000;
    public int MaxNumber { get; init; } = 32766;
    public int MaxVirtualNetworkId { get; init; } = 16_777_215;

    /// <summary>The largest packet a standalone target (MTU 9001) receives untruncated.</summary>
    public int MaxPacketLength { get; init; } = 8947;

    public static MirroringLimits Default { get; } = new();
}

/// <summary>A refusal or a warning, with the field it concerns.</summary>
public sealed record MirroringProblem(string Field, string Message);
