namespace MirrorTower.Engine.Mirroring;

/// <summary>
/// Which instance types may be mirroring sources: Nitro-based families, plus C4, D2, G3, G3s, H1, I3, M4, P2, P3, R4,
/// X1, X1e; never T2; never bare metal (shared/reference/traffic-mirroring.md). AWS's own exclusion list is not in the
/// reference, so no Nitro type is excluded here.
/// </summary>
public static class InstanceEligibility
{
    private static readonly HashSet<string> OlderAllowed = ["c4", "d2", "g3", "g3s", "h1", "i3", "m4", "p2", "p3", "r4", "x1", "x1e"];

    private static readonly HashSet<string> Nitro =
    [
        "a1", "c5", "c5a", "c5ad", "c5d", "c5n", "c6a", "c6g", "c6gd", "c6gn", "c6i", "c6id", "c6in", "c7a", "c7g", "c7gd", "c7gn", "c7i",
        "d3", "d3en", "dl1", "g4ad", "g4dn", "g5", "g5g", "g6", "hpc6a", "hpc7g", "i3en", "i4g", "i4i", "im4gn", "inf1", "inf2", "is4gen",
        "m5", "m5a", "m5ad", "m5d", "m5dn", "m5n", "m5zn", "m6a", "m6g", "m6gd", "m6i", "m6id", "m6idn", "m6in", "m7a", "m7g", "m7gd", "m7i", "m7i-flex",
        "p3dn", "p4d", "p5", "r5", "r5a", "r5ad", "r5b", "r5d", "r5dn", "r5n", "r6a", "r6g", "r6gd", "r6i", "r6id", "r6idn", "r6in",
        "r7a", "r7g", "r7gd", "r7i", "r7iz", "t3", "t3a", "t4g", "trn1", "vt1", "x2gd", "x2idn", "x2iedn", "x2iezn", "z1d",
    ];

    /// <summary>Whether the type may be a source, and why not when it may not.</summary>
    public static (bool Eligible, string Reason) Check(string? instanceType)
    {
        var parts = instanceType?.Trim().ToLowerInvariant().Split('.', 2);
        if (parts is not [var family, var size] || family.Length == 0 || size.Length == 0)
        {
            return (false, $"'{instanceType}' is not an instance type such as m6i.large.");
        }
        if (family == "t2")
        {
            return (false, "T2 instances are never mirroring sources.");
        }
        if (size.Contains("metal", StringComparison.Ordinal))
        {
            return (false, $"Bare-metal instances ({instanceType}) cannot be mirroring sources.");
        }
        return Nitro.Contains(family) || OlderAllowed.Contains(family)
            ? (true, $"{instanceType} is eligible.")
            : (false, $"{instanceType} is neither Nitro-based nor one of C4, D2, G3, G3s, H1, I3, M4, P2, P3, R4, X1, X1e.");
    }
}
