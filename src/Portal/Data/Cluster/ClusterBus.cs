namespace MirrorTower.Portal.Data.Cluster;

/// <summary>A message from another instance: what it is about (the channel) and its text.</summary>
public sealed record ClusterMessage(string Channel, string Payload);

/// <summary>
/// Messages between the instances on one database: PostgreSQL's <c>LISTEN/NOTIFY</c> (<see cref="PostgreSqlBus"/>),
/// or nothing on SQLite, where one instance is the cluster. A message published here reaches every other instance's
/// subscribers, never this instance's own.
/// </summary>
public interface IClusterBus
{
    /// <summary>Whether other instances can hear this one (PostgreSQL).</summary>
    bool Shared { get; }

    Task PublishAsync(string channel, string payload, CancellationToken cancellationToken = default);

    IDisposable Subscribe(string channel, Action<string> handler);
}

/// <summary>The bus of a cluster of one: nothing to tell anyone.</summary>
public sealed class LocalBus : IClusterBus
{
    public bool Shared => false;

    public Task PublishAsync(string channel, string payload, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public IDisposable Subscribe(string channel, Action<string> handler) => new Nothing();

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }
}

