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

    /// <summary>Fails the next run of the step, for the record of that account e-mail only when one is given.</summary>
    public void FailNext(string step, string reason, string? accountEmail = null) => _next[Key(step, accountEmail)] = reason;

    public void ThrowIfInjected(string step, string? accountEmail)
    {
        if (_next.TryRemove(Key(step, accountEmail), out var reason) || _next.TryRemove(Key(step, null), out reason))
        {
            throw new StepFailedException(reason);
        }
    }

    private static string Key(string step, string? accountEmail) => $"{step}|{accountEmail?.ToLowerInvariant() ?? "*"}";
}
