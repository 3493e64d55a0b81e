namespace MirrorTower.Portal.Hosting;

/// <summary>The <c>MirrorTower</c> configuration section.</summary>
public sealed class MirrorTowerOptions
{
    public const string Section = "MirrorTower";

    /// <summary>Where the SQLite file lives; relative paths are resolved against the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    public BootstrapOptions Bootstrap { get; set; } = new();

    public IdentitySettings Identity { get; set; } = new();

    public sealed class BootstrapOptions
    {
        public string AdminEmail { get; set; } = "admin@mirrortower.local";

        /// <summary>Empty: a strong password is generated once and printed in the start-up log.</summary>
        public string? AdminPassword { get; set; }
    }

    public sealed class IdentitySettings
    {
        public int MaxFailedAccessAttempts { get; set; } = 5;
        public int LockoutMinutes { get; set; } = 15;
        public int AccessTokenMinutes { get; set; } = 60;
    }
}
