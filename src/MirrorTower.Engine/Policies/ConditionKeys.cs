using System.Collections.Concurrent;

namespace MirrorTower.Engine.Policies;

/// <summary>
/// Interns condition key names (case-insensitively) as small integers, so that a clause finds a request's
/// values by array index instead of hashing the key's name on every decision.
/// </summary>
internal static class ConditionKeys
{
    private static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.OrdinalIgnoreCase);
    private static int _count;

    public static int Count => Volatile.Read(ref _count);

    public static int IdOf(string key) =>
        Ids.TryGetValue(key, out var id) ? id : Ids.GetOrAdd(key, static _ => Interlocked.Increment(ref _count) - 1);
}
