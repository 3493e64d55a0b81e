using System.Collections.Concurrent;

namespace MirrorTower.Portal.Features.AccountFactory;

/// <summary>A step that cannot complete: the record fails with this reason.</summary>
public sealed class StepFailedException(string message) : Exception(message);

/// <summary>
/// Failures to inject into the next run of a named step, for the state-machine tests and for demos of what a failure
/// looks like. Empty in normal operation.
/// </summary>
public sealed class AccountFactoryFaults
{
    private readonly ConcurrentDictionary<string, string> _next = new();

    public void FailNext(string step, string reason) => _next[step] = reason;

    public void ThrowIfInjected(string step)
    {
        if (_next.TryRemove(step, out var reason))
        {
            throw new StepFailedException(reason);
        }
    }
}
