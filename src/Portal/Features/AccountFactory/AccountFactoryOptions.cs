namespace MirrorTower.Portal.Features.AccountFactory;

/// <summary>The <c>MirrorTower:AccountFactory</c> settings.</summary>
public sealed class AccountFactoryOptions
{
    /// <summary>Account operations running at once; the rest queue (AWS allows 5).</summary>
    public int MaxConcurrentOperations { get; set; } = 5;

    /// <summary>How long each step takes in the default, short mode.</summary>
    public int StepDelayMilliseconds { get; set; } = 300;

    /// <summary>Steps take minutes, as in AWS (about 20 minutes per account), for demos of the queue.</summary>
    public bool Realistic { get; set; }

    /// <summary>How often the worker looks for work it was not told about (records resumed after a restart, approvals).</summary>
    public int PollMilliseconds { get; set; } = 500;
}
