namespace MirrorTower.Portal.Hosting;

/// <summary>
/// The top-level keys of the <c>MirrorTower</c> section; each feature binds and validates its own sub-section
/// (<c>MirrorTower:Identity</c>, <c>:Controls</c>, <c>:Compliance</c>, <c>:Mirroring</c>, <c>:Simulation</c>, <c>:AccountFactory</c>).
/// </summary>
public sealed class MirrorTowerOptions
{
    public const string Section = "MirrorTower";

    /// <summary>Where the SQLite file lives; relative paths are resolved against the content root (read by <c>DatabaseLocation</c>).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Load the demo organization at first start.</summary>
    public bool SeedDemo { get; set; }
}
