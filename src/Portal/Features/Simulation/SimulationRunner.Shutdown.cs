using System.Collections.Concurrent;
using MirrorTower.Engine.Simulation;

namespace MirrorTower.Portal.Features.Simulation;

public sealed partial class SimulationRunner
{
    // Each run in progress here, until it is stored and out of the live set.
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _ending = new(StringComparer.Ordinal);
    private volatile bool _stopping;

    private void Began(string id) => _ending[id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Ended(string id)
    {
        if (_ending.TryRemove(id, out var ended))
        {
            ended.SetResult();
        }
    }

    /// <summary>A run stopped because this instance is stopping says so (not as if a user had stopped it).</summary>
    private RunSnapshot Concluded(RunSnapshot final) => _stopping && final.Status == RunStatus.Stopped
        ? final with { Message = "Stopped: the portal instance running it shut down." }
        : final;

    /// <summary>
    /// Stops every run in progress here and waits until each is stored with its captures whole. A run left going when
    /// the host stopped went on writing into the data folder and the database after it, and stayed Running until the
    /// leader marked it interrupted. Runs begun while this waits (a request still in flight) are stopped too.
    /// </summary>
    public async Task StopAllAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        while (!_ending.IsEmpty)
        {
            foreach (var run in _live.Values)
            {
                run.Stop();
                if (_uploads.TryGetValue(run.Id, out var upload))
                {
                    upload.CancelWaiting();
                }
            }
            // Looked at again every 100 ms: a run registered just after this pass stopped the others is stopped next pass.
            await Task.WhenAny(Task.WhenAll(_ending.Values.Select(e => e.Task)), Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}

/// <summary>Stops this instance's runs as soon as it starts stopping, and holds the stop until they are stored.</summary>
public sealed class RunsEndWithThePortal(SimulationRunner runner, IHostApplicationLifetime lifetime) : IHostedService
{
    private Task? _stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // At the first sign of stopping, before the server drains its requests: a replay's request ends with its run.
        lifetime.ApplicationStopping.Register(() => _stopped = runner.StopAllAsync(CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        (_stopped ?? runner.StopAllAsync(cancellationToken)).WaitAsync(cancellationToken);
}
