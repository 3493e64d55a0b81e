using System.ComponentModel.DataAnnotations;

namespace MirrorTower.Portal.Features.Identity;

/// <summary>The <c>MirrorTower:Bootstrap</c> settings: the first administrator.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "MirrorTower:Bootstrap";

    [Required, EmailAddress]
    public string AdminEmail { get; set; } = "admin@mirrortower.local";

    /// <summary>Empty: a strong password is generated once and printed in the start-up log.</summary>
    public string? AdminPassword { get; set; }
}

/// <summary>The <c>MirrorTower:Identity</c> settings: lockout, token lifetime and sign-in throttling.</summary>
public sealed class PortalIdentityOptions
{
    public const string Section = "MirrorTower:Identity";

    [Range(1, 100)]
    public int MaxFailedAccessAttempts { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

    [Range(1, 7 * 24 * 60)]
    public int AccessTokenMinutes { get; set; } = 60;

    /// <summary>Sign-in attempts one client address may make per minute (page and API together).</summary>
    [Range(1, 1_000_000)]
    public int SignInsPerMinutePerClient { get; set; } = 20;

    /// <summary>Sign-in attempts for one e-mail per minute, from anywhere.</summary>
    [Range(1, 1_000_000)]
    public int SignInsPerMinutePerAccount { get; set; } = 10;
}
