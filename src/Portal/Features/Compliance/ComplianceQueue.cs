using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace MirrorTower.Portal.Features.Compliance;

/// <summary>Evaluations waiting to run in the background: after control changes, drift, a new organization.</summary>
public sealed class ComplianceQueue
{
    private readonly Channel<ComplianceScope> _channel = Channel.CreateUnbounded<ComplianceScope>();

    public void Enqueue(ComplianceScope scope) => _channel.Writer.TryWrite(scope);

    public ChannelReader<ComplianceScope> Reader => _channel.Reader;
}

/// <summary>
/// Runs queued evaluations (several queued at once are merged into one), and a full periodic pass at the
/// configured frequency, as Config's periodic trigger does. Evaluations after a change run on the instance that made
/// the change; the full passes (at start and periodic) run on the cluster's leader only, once for the cluster.
/// </summary>
public sealed class ComplianceWorker(
    Data.Cluster.ClusterMember member,
    ComplianceQueue queue,
    ComplianceEvaluation evaluation,
    IOptions<ComplianceOptions> options,
    ILogger<ComplianceWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The leader passes over everything when it takes the lead: at its start, or when the previous leader died.
        member.BecameLeader += EnqueueAll;
        using var leadership = stoppingToken.Register(() => member.BecameLeader -= EnqueueAll);
        if (member.IsLeader)
        {
            EnqueueAll();
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.PeriodicMinutes)));
        var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        while (!stoppingToken.IsCancellationRequested)
        {
            var ready = queue.Reader.WaitToReadAsync(stoppingToken).AsTask();
            if (await Task.WhenAny(ready, tick) == tick)
            {
                if (member.IsLeader)
                {
                    queue.Enqueue(ComplianceScope.All);
                }
                tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
                continue;
            }
            var pending = new List<ComplianceScope>();
            while (queue.Reader.TryRead(out var scope))
            {
                pending.Add(scope);
            }
            var merged = pending.Any(p => p.Everything)
                ? ComplianceScope.All
                : ComplianceScope.Accounts(pending.SelectMany(p => p.AccountIds));
            try
            {
                if (merged.Everything || merged.AccountIds.Count > 0)
                {
                    await evaluation.EvaluateAsync(merged, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Compliance evaluation failed");
            }
        }
    }

    private void EnqueueAll() => queue.Enqueue(ComplianceScope.All);
}
