namespace MirrorTower.Engine.Policies;

/// <summary>
/// <c>ArnLike</c>/<c>ArnEquals</c> matching: the six colon-separated parts of an ARN
/// (<c>arn:partition:service:region:account:resource</c>) are matched separately, so a <c>*</c> never
/// crosses a colon between parts; the resource part keeps any further colons. Case-sensitive.
/// </summary>
public sealed class ArnPattern
{
    private const int Parts = 6;
    private readonly Wildcard[]? _parts;

    public ArnPattern(string pattern)
    {
        Pattern = pattern;
        var split = pattern.Split(':', Parts);
        _parts = split.Length == Parts ? split.Select(p => new Wildcard(p, ignoreCase: false)).ToArray() : null;
    }

    public string Pattern { get; }

    public bool IsMatch(ReadOnlySpan<char> arn)
    {
        if (_parts is null)
        {
            return false;
        }
        for (var i = 0; i < Parts - 1; i++)
        {
            var colon = arn.IndexOf(':');
            if (colon < 0 || !_parts[i].IsMatch(arn[..colon]))
            {
                return false;
            }
            arn = arn[(colon + 1)..];
        }
        return _parts[Parts - 1].IsMatch(arn);
    }

    public override string ToString() => Pattern;
}
