using System.IO.Hashing;
using System.Runtime.InteropServices;
using MirrorTower.Engine.Compliance;

namespace MirrorTower.Portal.Features.Compliance;

/// <summary>
/// The verdicts each resource was last given, with what they were computed from: a rule's verdict is a function of the
/// resource's type, ARN, name and settings, its account's scope, and the rules in effect, nothing else (no clock, no
/// other resource). When none of these changed, the verdicts are the same and the settings need not even be parsed:
/// a periodic pass over an unchanged inventory then only reads it. The stored results are still compared with these
/// verdicts, so the database is brought in line whatever wrote it; this only skips recomputing a pure function.
/// Used by one evaluation at a time (<see cref="ComplianceEvaluation"/> serializes them).
/// </summary>
internal sealed class VerdictMemo
{
    private readonly Dictionary<long, Entry> _entries = [];

    /// <summary>A verdict as the memo keeps it: the control and the rule's result.</summary>
    public readonly record struct Verdict(string ControlIdentifier, RuleResult Result);

    private sealed record Entry(UInt128 Inputs, AccountScope Scope, IReadOnlyList<DetectiveRule> Rules, Verdict[] Verdicts);

    /// <summary>
    /// A 128-bit digest of a resource's own inputs (a changed setting changes it, save with a chance of 2^-128), so that
    /// the memo holds no copy of the settings.
    /// </summary>
    public static UInt128 Digest(string type, string arn, string name, string settingsJson)
    {
        var hash = new XxHash128();
        Span<byte> length = stackalloc byte[sizeof(int)];
        foreach (var text in (ReadOnlySpan<string>)[type, arn, name, settingsJson])
        {
            // Each part's length first: ("ab", "c") and ("a", "bc") must not digest alike.
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, text.Length);
            hash.Append(length);
            hash.Append(MemoryMarshal.AsBytes(text.AsSpan()));
        }
        return hash.GetCurrentHashAsUInt128();
    }

    /// <summary>The verdicts of <paramref name="resourceId"/> when it was last evaluated from the same inputs.</summary>
    public bool TryGet(long resourceId, UInt128 inputs, AccountScope scope, IReadOnlyList<DetectiveRule> rules, out Verdict[] verdicts)
    {
        if (_entries.TryGetValue(resourceId, out var entry) && entry.Inputs == inputs && entry.Scope == scope && SameRules(entry.Rules, rules))
        {
            verdicts = entry.Verdicts;
            return true;
        }
        verdicts = [];
        return false;
    }

    public void Set(long resourceId, UInt128 inputs, AccountScope scope, IReadOnlyList<DetectiveRule> rules, Verdict[] verdicts) =>
        _entries[resourceId] = new Entry(inputs, scope, rules, verdicts);

    /// <summary>Forgets resources no longer in the inventory (after a pass over all of it).</summary>
    public void KeepOnly(IReadOnlySet<long> resourceIds)
    {
        foreach (var gone in _entries.Keys.Where(id => !resourceIds.Contains(id)).ToList())
        {
            _entries.Remove(gone);
        }
    }

    // Rules are the catalog's own instances (DetectiveRules.Find), so the same rules in the same order are the same references.
    private static bool SameRules(IReadOnlyList<DetectiveRule> a, IReadOnlyList<DetectiveRule> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        if (a.Count != b.Count)
        {
            return false;
        }
        for (var i = 0; i < a.Count; i++)
        {
            if (!ReferenceEquals(a[i], b[i]))
            {
                return false;
            }
        }
        return true;
    }
}
