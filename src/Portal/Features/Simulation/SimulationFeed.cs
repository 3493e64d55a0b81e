namespace MirrorTower.Portal.Features.Simulation;

/// <summary>
/// Tells open pages about runs: every snapshot a run publishes (a few times a second) and the start and end of runs.
/// Subscribers render from the snapshot they get; they unsubscribe by disposing.
/// </summary>
public sealed class SimulationFeed
{
    private event Action<RunSnapshot>? Published;

    public IDisposable Subscribe(Action<RunSnapshot> callback)
    {
        Published += callback;
        return new Subscription(() => Published -= callback);
    }

    public void Publish(RunSnapshot snapshot) => Published?.Invoke(snapshot);

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}
