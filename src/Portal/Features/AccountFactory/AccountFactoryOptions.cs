using System.ComponentModel.DataAnnotations;

namespace MirrorTower.Portal.Features.AccountFactory;

/// <summary>The <c>MirrorTower:AccountFactory</c> settings.</summary>
public sealed class AccountFactoryOptions
{
    public const string Section = "MirrorTower:AccountFactory";

    /// <summary>Account operations running at once; the rest queue (AWS allows 5).</summary>
    [Range(1, 100)]
    public int MaxConcurrentOperations { get; set; } = 5;

    /// <summary>How long each step takes in the default, short mode.</summary>
    [Range(0, 600_000)]
    public int StepDelayMilliseconds { get; set; } = 300;

    /// <summary>Steps take minutes, as in AWS (about 20 minutes per account), for demos of the queue.</summary>
    public bool Realistic { get; set; }

    /// <summary>How often the worker looks for work it was not told about (records resumed after a restart, approvals).</summary>
    [Range(10, 600_000)]
    public int PollMilliseconds { get; set; } = 500;
}
