namespace MirrorTower.Portal.Hosting;

/// <summary>The <c>MirrorTower</c> configuration section.</summary>
public sealed class MirrorTowerOptions
{
    public const string Section = "MirrorTower";

    /// <summary>Where the SQLite file lives; relative paths are resolved against the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    public BootstrapOptions Bootstrap { get; set; } = new();

    public IdentitySettings Identity { get; set; } = new();

    public ControlSettings Controls { get; set; } = new();

    public ComplianceSettings Compliance { get; set; } = new();

    /// <summary>Traffic Mirroring quotas; the reference's defaults, raised here as AWS raises them on request.</summary>
    public Engine.Mirroring.MirroringLimits Mirroring { get; set; } = new();

    public SimulationSettings Simulation { get; set; } = new();

    /// <summary>Load the demo organization at first start.</summary>
    public bool SeedDemo { get; set; }

    public sealed class BootstrapOptions
    {
        public string AdminEmail { get; set; } = "admin@mirrortower.local";

        /// <summary>Empty: a strong password is generated once and printed in the start-up log.</summary>
        public string? AdminPassword { get; set; }
    }

    public sealed class ControlSettings
    {
        /// <summary>How long an enable or disable operation stays IN_PROGRESS before it runs.</summary>
        public int OperationDelayMilliseconds { get; set; } = 400;

        /// <summary>How far back the preview of a control looks in the audit trail.</summary>
        public int PreviewDays { get; set; } = 7;
    }

    public sealed class SimulationSettings
    {
        public int MaxPacketsPerSecond { get; set; } = 5_000_000;
        public double MaxDurationSeconds { get; set; } = 3600;
        public int MaxConcurrentRuns { get; set; } = 4;

        /// <summary>How many mirrored copies a scenario run writes to each target's capture (replays write them all).</summary>
        public int CapturedPacketsPerTarget { get; set; } = 200_000;

        /// <summary>How many finished runs keep their captures on disk; older runs keep their report only.</summary>
        public int RetainedCaptures { get; set; } = 50;
    }

    public sealed class ComplianceSettings
    {
        /// <summary>How often every resource is re-evaluated, in minutes (Config offers 1, 3, 6, 12 and 24 hours).</summary>
        public int PeriodicMinutes { get; set; } = 60;
    }

    public sealed class IdentitySettings
    {
        public int MaxFailedAccessAttempts { get; set; } = 5;
        public int LockoutMinutes { get; set; } = 15;
        public int AccessTokenMinutes { get; set; } = 60;

        /// <summary>Sign-in attempts one client address may make per minute (page and API together).</summary>
        public int SignInsPerMinutePerClient { get; set; } = 20;

        /// <summary>Sign-in attempts for one e-mail per minute, from anywhere.</summary>
        public int SignInsPerMinutePerAccount { get; set; } = 10;
    }
}
