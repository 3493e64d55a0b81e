using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;

namespace MirrorTower.Portal.Data.Cluster;

/// <summary>How instances on one database share work (<c>MirrorTower:Cluster</c>).</summary>
public sealed class ClusterOptions
{
    public const string Section = "MirrorTower:Cluster";

    /// <summary>
    /// This instance's name, unique in the cluster. Named, a restarted instance takes its unfinished work back at once;
    /// unnamed, it gets a new random name and another instance (or it) takes the work when the old leases expire.
    /// </summary>
    [StringLength(128)]
    public string? InstanceName { get; set; }

    /// <summary>How long a lease (on a record, on the leader's duties) lasts unless renewed; a dead instance's work waits this long.</summary>
    [Range(2, 3600)]
    public int LeaseSeconds { get; set; } = 15;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    /// <summary>Heartbeats (and lease renewals) come three times per lease.</summary>
    public TimeSpan Heartbeat => Lease / 3;
}

/// <summary>
/// This instance in the cluster: its name, and whether it holds the leader's lease, which gives it the duties that run
/// once for the whole cluster (periodic compliance passes, audit digests, stopping the runs of instances that died).
/// One instance on SQLite is a cluster of one, and its own leader.
/// </summary>
public sealed class ClusterMember(Microsoft.Extensions.Options.IOptions<ClusterOptions> options)
{
    public string Id { get; } = options.Value.InstanceName is { Length: > 0 } name
        ? name
        : $"{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";

    public TimeSpan Lease => options.Value.Lease;

    private volatile bool _leader;

    public bool IsLeader => _leader;

    /// <summary>Raised when this instance takes the leader's lease (at its first heartbeat, or when the leader died).</summary>
    public event Action? BecameLeader;

    /// <summary>Set by the heartbeat after each attempt to hold the leader's lease.</summary>
    internal void Lead(bool leader)
    {
        var was = _leader;
        _leader = leader;
        if (leader && !was)
        {
            BecameLeader?.Invoke();
        }
    }
}
