using System.Globalization;
using System.Text;

namespace MirrorTower.Portal.Security;

/// <summary>
/// The page tokens every AWS protocol served at <c>/aws</c> hands out: opaque, the offset of the next item in base64.
/// Each protocol names its own error code for a token it did not give.
/// </summary>
public static class AwsPaging
{
    /// <summary>One page of <paramref name="all"/> from <paramref name="token"/>, at most <paramref name="max"/> items, and the token of the next.</summary>
    public static (List<T> Page, string? NextToken) Page<T>(IReadOnlyList<T> all, string? token, int max, string badTokenCode)
    {
        var offset = Offset(token, badTokenCode);
        var page = all.Skip(offset).Take(max).ToList();
        return (page, offset + page.Count < all.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes($"offset:{offset + page.Count}")) : null);
    }

    private static int Offset(string? token, string badTokenCode)
    {
        if (token is null)
        {
            return 0;
        }
        var bytes = new byte[token.Length];
        if (Convert.TryFromBase64String(token, bytes, out var written))
        {
            var text = Encoding.UTF8.GetString(bytes, 0, written);
            if (text.StartsWith("offset:", StringComparison.Ordinal) && int.TryParse(text[7..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        throw new AwsError(badTokenCode, "The NextToken is not one this API returned.");
    }
}
