using System.Globalization;
using System.Net;

namespace MirrorTower.Engine.Policies;

/// <summary>
/// The typed values of the numeric, date, binary and IP address operators, parsed as IAM's condition operator reference
/// describes them. A policy value that does not parse is refused when the policy is read; a request value that does not
/// parse matches no policy value (so a negated operator holds for it).
/// </summary>
public static class ConditionValues
{
    // The W3C profiles of ISO 8601 that the reference names (www.w3.org/TR/NOTE-datetime), with Z or an offset.
    private static readonly string[] DateFormats =
    [
        "yyyy", "yyyy-MM", "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>An integer or decimal value ("an integer or decimal value").</summary>
    public static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// A W3C ISO 8601 date or time, or epoch (UNIX) seconds. Four digits alone are a year (ISO's <c>YYYY</c>); a longer run
    /// of digits is epoch seconds, as <c>aws:EpochTime</c> gives them.
    /// </summary>
    public static bool TryDate(string text, out DateTimeOffset value)
    {
        if (text.Length > 4 && text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            value = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }
        return DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    /// <summary>An IPv4 or IPv6 range in CIDR notation; an address without a prefix is /32 (IPv4) or /128 (IPv6).</summary>
    public static bool TryNetwork(string text, out IPNetwork value)
    {
        if (IPNetwork.TryParse(text, out value))
        {
            return true;
        }
        if (IPAddress.TryParse(text, out var address) && !text.Contains('/'))
        {
            value = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return false;
    }

    /// <summary>A binary value, base-64 encoded.</summary>
    public static bool TryBinary(string text, out byte[] value)
    {
        value = new byte[((text.Length * 3) + 3) / 4];
        if (Convert.TryFromBase64String(text, value, out var written))
        {
            value = value[..written];
            return true;
        }
        value = [];
        return false;
    }

    /// <summary>The kind of value an operator compares, for messages; null for operators that compare strings.</summary>
    public static string? KindOf(ConditionOperator op) => op switch
    {
        >= ConditionOperator.NumericEquals and <= ConditionOperator.NumericGreaterThanEquals => "a number (an integer or a decimal)",
        >= ConditionOperator.DateEquals and <= ConditionOperator.DateGreaterThanEquals => "a date (W3C ISO 8601, such as 2026-01-31T00:00:00Z, or epoch seconds)",
        ConditionOperator.BinaryEquals => "a base-64 encoded binary value",
        ConditionOperator.IpAddress or ConditionOperator.NotIpAddress => "an IPv4 or IPv6 address or CIDR range",
        ConditionOperator.Bool or ConditionOperator.Null => "true or false",
        _ => null,
    };

    /// <summary>Whether a policy value is of the kind its operator compares.</summary>
    public static bool IsValid(ConditionOperator op, string text) => op switch
    {
        >= ConditionOperator.NumericEquals and <= ConditionOperator.NumericGreaterThanEquals => TryNumber(text, out _),
        >= ConditionOperator.DateEquals and <= ConditionOperator.DateGreaterThanEquals => TryDate(text, out _),
        ConditionOperator.BinaryEquals => TryBinary(text, out _),
        ConditionOperator.IpAddress or ConditionOperator.NotIpAddress => TryNetwork(text, out _),
        ConditionOperator.Bool or ConditionOperator.Null => text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase),
        _ => true,
    };
}
