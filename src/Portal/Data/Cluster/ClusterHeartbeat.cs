using Microsoft.EntityFrameworkCore;

namespace MirrorTower.Portal.Data.Cluster;

/// <summary>A duty the leader runs at each heartbeat, for the whole cluster; it is given the instances still alive.</summary>
public interface IClusterDuty
{
    Task RunAsync(IReadOnlySet<string> liveInstances, CancellationToken cancellationToken);
}

/// <summary>
/// Writes this instance's heartbeat, holds (or tries to take) the leader's lease, and, while leader, runs the cluster's
/// duties. The first beat runs before the portal serves, so that a lone instance is its leader from its first request.
/// Stopping cleanly gives the lease up and removes the heartbeat, so another instance takes over at once.
/// </summary>
public sealed class ClusterHeartbeat(
    ClusterMember member,
    IDbContextFactory<PortalDbContext> dbFactory,
    IEnumerable<IClusterDuty> duties,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<ClusterOptions> options,
    ILogger<ClusterHeartbeat> logger) : BackgroundService
{
    public const string LeaderLease = "leader";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await BeatAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Heartbeat);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await BeatAsync(stoppingToken);
        }
    }

    private readonly Lock _stopping = new();
    private Task? _leaving;

    /// <summary>
    /// Leaves once, however many times the host is stopped: under a test host both the entry point's <c>RunAsync</c> and
    /// the factory stop it at once, and a second call that returned before the first had left let the test delete the
    /// database under a connection still deleting this instance's rows.
    /// </summary>
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopping)
        {
            return _leaving ??= LeaveAsync(cancellationToken);
        }
    }

    private async Task LeaveAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.ClusterLeases.Where(l => l.Holder == member.Id).ExecuteDeleteAsync(cancellationToken);
            await db.ClusterInstances.Where(i => i.Id == member.Id).ExecuteDeleteAsync(cancellationToken);
            member.Lead(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Instance {Instance} could not leave the cluster cleanly; its leases expire on their own.", member.Id);
        }
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await db.ClusterInstances.Where(i => i.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.HeartbeatUtc, now), cancellationToken) == 0)
            {
                db.ClusterInstances.Add(new ClusterInstanceRecord { Id = member.Id, StartedUtc = now, HeartbeatUtc = now });
                await db.SaveChangesAsync(cancellationToken);
            }
            member.Lead(await ClusterLeases.HoldAsync(db, LeaderLease, member.Id, now, member.Lease, cancellationToken));
            if (!member.IsLeader)
            {
                return;
            }
            var horizon = now - member.Lease;
            // Unnamed instances get a new name at each start: the rows of ones gone for an hour are forgotten.
            var forgotten = now - TimeSpan.FromHours(1);
            await db.ClusterInstances.Where(i => i.HeartbeatUtc < forgotten).ExecuteDeleteAsync(cancellationToken);
            var live = (await db.ClusterInstances.Where(i => i.HeartbeatUtc >= horizon).Select(i => i.Id).ToListAsync(cancellationToken)).ToHashSet();
            live.Add(member.Id);
            foreach (var duty in duties)
            {
                await duty.RunAsync(live, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Instance {Instance}'s heartbeat failed; it tries again.", member.Id);
        }
    }
}
