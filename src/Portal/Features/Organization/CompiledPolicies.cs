using System.Collections.Concurrent;
using MirrorTower.Engine.Policies;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Organization;

/// <summary>Compiles each stored SCP or RCP document once, by its type's grammar; a changed document is a new key.</summary>
public static class CompiledPolicies
{
    private const int MaxEntries = 2048;
    private static readonly ConcurrentDictionary<(string Name, string Document, PolicyType Type), ServiceControlPolicy> Cache = new();

    public static ServiceControlPolicy Get(ScpPolicy policy)
    {
        if (Cache.Count > MaxEntries)
        {
            Cache.Clear();
        }
        return Cache.GetOrAdd((policy.Name, policy.Document, policy.Type), static key =>
            PolicyParser.Parse(key.Document, key.Name, type: key.Type).Policy
            // A stored document that no longer parses (edited out of band) allows and denies nothing.
            ?? new ServiceControlPolicy(key.Name, [], key.Document.Length));
    }
}
