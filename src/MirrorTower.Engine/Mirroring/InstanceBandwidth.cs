namespace MirrorTower.Engine.Mirroring;

/// <summary>
/// The sustained network bandwidth of an instance type, in bits per second. AWS publishes a figure per type; the
/// reference asks only for "a bandwidth per type", so MirrorTower derives it from the size (the baseline, not the
/// "up to" burst) and multiplies network-optimised families (a trailing <c>n</c>, such as c5n or m6in) by four.
/// </summary>
public static class InstanceBandwidth
{
    private const long Mbps = 1_000_000;

    private static readonly Dictionary<string, long> BySize = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nano"] = 32 * Mbps, ["micro"] = 64 * Mbps, ["small"] = 128 * Mbps, ["medium"] = 256 * Mbps,
        ["large"] = 750 * Mbps, ["xlarge"] = 1_250 * Mbps, ["2xlarge"] = 2_500 * Mbps, ["4xlarge"] = 5_000 * Mbps,
        ["8xlarge"] = 10_000 * Mbps, ["9xlarge"] = 10_000 * Mbps, ["12xlarge"] = 15_000 * Mbps, ["16xlarge"] = 20_000 * Mbps,
        ["18xlarge"] = 25_000 * Mbps, ["24xlarge"] = 25_000 * Mbps, ["32xlarge"] = 50_000 * Mbps, ["48xlarge"] = 50_000 * Mbps,
        ["metal"] = 25_000 * Mbps,
    };

    /// <summary>Bits per second; null when the type is not a family.size name or the size is unknown.</summary>
    public static long? BitsPerSecond(string? instanceType)
    {
        var parts = instanceType?.Trim().Split('.', 2);
        if (parts is not [var family, var size] || family.Length == 0 || !BySize.TryGetValue(size, out var bandwidth))
        {
            return null;
        }
        var networkOptimised = family.EndsWith('n');
        return networkOptimised ? bandwidth * 4 : bandwidth;
    }

    public static string Describe(long? bitsPerSecond) => bitsPerSecond switch
    {
        null => "unknown",
        >= 1_000_000_000 => $"{bitsPerSecond / 1e9:0.##} Gbps",
        _ => $"{bitsPerSecond / 1e6:0.##} Mbps",
    };
}
