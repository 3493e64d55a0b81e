namespace MirrorTower.Engine.Policies;

/// <summary>
/// A <c>Resource</c> or <c>NotResource</c> pattern, matched as IAM's Resource element page says: wildcards
/// (<c>*</c> any run of characters, <c>?</c> one) stand within the colon-separated segments of an ARN, and a <c>*</c>
/// that is the last character of a segment may expand beyond the colons. Case-sensitive. A pattern that is not a
/// six-part ARN (accepted only from documents stored before this rule) matches as a whole string, its <c>*</c> crossing
/// colons. <see cref="Problem"/> says what AWS would refuse in a pattern.
/// </summary>
public sealed class ResourcePattern
{
    // Services whose resource part always starts with a resource type (user/…, instance/…): a wildcard inside the type
    // is the mistake AWS's page shows with arn:aws:iam::123456789012:u*.
    private static readonly HashSet<string> TypedServices = new(StringComparer.Ordinal)
    {
        "iam", "ec2", "organizations", "elasticloadbalancing", "controltower", "servicecatalog", "kms", "cloudformation",
    };

    private readonly Wildcard? _whole;

    public ResourcePattern(string pattern)
    {
        Pattern = pattern;
        // "*", exact ARNs and ARNs that end in their only wildcard are the common cases, and a plain glob decides them.
        var wildcards = pattern.AsSpan().IndexOfAny('*', '?');
        if (pattern == "*" || wildcards < 0 || (wildcards == pattern.Length - 1 && pattern[^1] == '*') || !IsArn(pattern))
        {
            _whole = new Wildcard(pattern, ignoreCase: false);
        }
    }

    public string Pattern { get; }

    public bool IsMatch(ReadOnlySpan<char> resource) => _whole?.IsMatch(resource) ?? SegmentMatch(Pattern, resource);

    public override string ToString() => Pattern;

    /// <summary>Null when AWS accepts the pattern, else why not (for errors when an SCP is saved or simulated).</summary>
    public static string? Problem(string pattern)
    {
        if (pattern == "*")
        {
            return null;
        }
        if (!pattern.StartsWith("arn:", StringComparison.Ordinal))
        {
            return $"'{pattern}' is neither * nor an ARN (arn:partition:service:region:account:resource).";
        }
        var segments = pattern.Split(':', 6);
        if (segments.Length < 6)
        {
            return $"'{pattern}' is not a whole ARN: an ARN has six colon-separated parts (arn:partition:service:region:account:resource).";
        }
        var service = segments[2];
        if (service.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            return $"'{pattern}' has a wildcard in its service part ('{service}'): AWS does not allow one there.";
        }
        var resource = segments[5];
        var typeEnd = resource.AsSpan().IndexOfAny('/', ':');
        var type = typeEnd < 0 ? resource : resource[..typeEnd];
        if (TypedServices.Contains(service) && resource != "*" && type.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            return $"'{pattern}' has a wildcard inside the resource type '{type}' of {service}: write the type in full (for example user/*), or * for every resource.";
        }
        return null;
    }

    private static bool IsArn(string pattern) => pattern.StartsWith("arn:", StringComparison.Ordinal) && pattern.Split(':', 6).Length == 6;

    /// <summary>
    /// A glob in which <c>?</c> and a <c>*</c> inside a segment never match a colon, and a <c>*</c> at the end of a
    /// segment (before a colon, or last) matches anything. Dynamic programming over the pattern, on the stack.
    /// </summary>
    private static bool SegmentMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> value)
    {
        Span<bool> previous = pattern.Length < 256 ? stackalloc bool[pattern.Length + 1] : new bool[pattern.Length + 1];
        Span<bool> current = pattern.Length < 256 ? stackalloc bool[pattern.Length + 1] : new bool[pattern.Length + 1];
        // An empty value is matched by the leading stars of the pattern.
        previous[0] = true;
        for (var j = 1; j <= pattern.Length; j++)
        {
            previous[j] = previous[j - 1] && pattern[j - 1] == '*';
        }
        foreach (var c in value)
        {
            current[0] = false;
            for (var j = 1; j <= pattern.Length; j++)
            {
                var p = pattern[j - 1];
                current[j] = p switch
                {
                    // A star takes nothing (current[j - 1]) or one more character (previous[j]), a colon only at a segment's end.
                    '*' => current[j - 1] || (previous[j] && (c != ':' || j == pattern.Length || pattern[j] == ':')),
                    '?' => previous[j - 1] && c != ':',
                    _ => previous[j - 1] && p == c,
                };
            }
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[pattern.Length];
    }
}
