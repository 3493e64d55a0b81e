namespace MirrorTower.Portal.Features.Audit;

public static class AuditText
{
    /// <summary>At most <paramref name="max"/> characters: a prefix, then how long the original was.</summary>
    public static string Bound(string value, int max)
    {
        if (value.Length <= max)
        {
            return value;
        }
        var suffix = $"… ({value.Length:N0} characters)";
        var keep = Math.Max(0, max - suffix.Length);
        // Never cut a surrogate pair in half.
        if (keep > 0 && char.IsHighSurrogate(value[keep - 1]))
        {
            keep--;
        }
        return (value[..keep] + suffix)[..Math.Min(max, keep + suffix.Length)];
    }
}
