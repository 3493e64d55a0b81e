using System.Threading.Channels;

namespace MirrorTower.Portal.Features.Controls;

/// <summary>Operation ids waiting for the worker; the database holds the operations themselves.</summary>
public sealed class ControlOperationQueue
{
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>();

    public void Enqueue(string operationId) => _channel.Writer.TryWrite(operationId);

    public IAsyncEnumerable<string> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}
