namespace MirrorTower.Engine.Policies;

/// <summary>
/// A compiled <c>*</c>/<c>?</c> pattern. Matching allocates nothing and builds no regex: the pattern is
/// classified once (exact, prefix, anything, general) and the general case uses the linear two-pointer
/// glob algorithm.
/// </summary>
public sealed class Wildcard
{
    private enum Shape { Exact, Prefix, Any, General }

    private readonly Shape _shape;
    private readonly string _literal;
    private readonly StringComparison _comparison;
    private readonly bool _ignoreCase;

    public Wildcard(string pattern, bool ignoreCase)
    {
        Pattern = pattern;
        _ignoreCase = ignoreCase;
        _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var firstWildcard = pattern.AsSpan().IndexOfAny('*', '?');
        (_shape, _literal) = firstWildcard switch
        {
            -1 => (Shape.Exact, pattern),
            _ when pattern == "*" => (Shape.Any, ""),
            _ when firstWildcard == pattern.Length - 1 && pattern[^1] == '*' => (Shape.Prefix, pattern[..^1]),
            _ => (Shape.General, pattern),
        };
    }

    public string Pattern { get; }

    public bool IsMatch(ReadOnlySpan<char> value) => _shape switch
    {
        Shape.Any => true,
        Shape.Exact => value.Equals(_literal, _comparison),
        Shape.Prefix => value.StartsWith(_literal, _comparison),
        _ => Glob(_literal, value, _ignoreCase),
    };

    public override string ToString() => Pattern;

    private static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> value, bool ignoreCase)
    {
        int p = 0, v = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], value[v], ignoreCase)))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
