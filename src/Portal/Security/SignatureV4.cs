using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MirrorTower.Portal.Security;

/// <summary>The parts of an <c>Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…</c> header.</summary>
public sealed record SigV4Authorization(string AccessKeyId, string Date, string Region, string Service, IReadOnlyList<string> SignedHeaders, string Signature)
{
    public string Scope => $"{Date}/{Region}/{Service}/aws4_request";

    public static SigV4Authorization? Parse(string? header)
    {
        const string Algorithm = "AWS4-HMAC-SHA256 ";
        if (header is null || !header.StartsWith(Algorithm, StringComparison.Ordinal))
        {
            return null;
        }
        var parts = header[Algorithm.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signed) || !parts.TryGetValue("Signature", out var signature))
        {
            return null;
        }
        var scope = credential.Split('/');
        return scope is [var key, var date, var region, var service, "aws4_request"]
            ? new SigV4Authorization(key, date, region, service, signed.Split(';'), signature)
            : null;
    }
}

/// <summary>What of an HTTP request the signature covers, as received; header names in lower case.</summary>
public sealed record SignedRequest(string Method, string RawPath, string RawQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>A header sent several times signs as its values, each trimmed, joined by commas.</summary>
    public static string HeaderValue(IEnumerable<string?> values) => string.Join(',', values.Select(v => Collapse(v ?? "")));

    internal static string Collapse(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>
/// AWS Signature Version 4, recomputed on the server from the request as received and compared in constant time.
/// Written here because no maintained .NET package verifies SigV4 server-side (the SDKs only sign); the test suite
/// checks it against AWS's published test vectors and requests signed by AWSSDK.EC2 and by the AWS CLI.
/// </summary>
public static class SignatureV4
{
    /// <summary>AWS refuses a request signed more than five minutes from its own clock.</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    public static bool Verify(SignedRequest request, SigV4Authorization authorization, string secret, out string stringToSign)
    {
        stringToSign = StringToSign(request, authorization);
        var expected = Encoding.ASCII.GetBytes(Sign(stringToSign, authorization, secret));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(authorization.Signature));
    }

    /// <summary>The signature of a string to sign with the key derived for the authorization's scope.</summary>
    public static string Sign(string stringToSign, SigV4Authorization authorization, string secret)
    {
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), authorization.Date);
        key = Hmac(key, authorization.Region);
        key = Hmac(key, authorization.Service);
        key = Hmac(key, "aws4_request");
        return Hex(Hmac(key, stringToSign));
    }

    public static string StringToSign(SignedRequest request, SigV4Authorization authorization) => string.Join('\n', "AWS4-HMAC-SHA256",
        request.Headers.GetValueOrDefault("x-amz-date") ?? "", authorization.Scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalRequest(request, authorization)))));

    /// <summary>
    /// The canonical request. Its payload hash is always the hash of the body as received: a declared
    /// <c>x-amz-content-sha256</c> is only checked against it (<see cref="Problem"/>), never trusted in its place,
    /// or a captured signature could be replayed with another body.
    /// </summary>
    public static string CanonicalRequest(SignedRequest request, SigV4Authorization authorization)
    {
        var headers = authorization.SignedHeaders.Select(h => $"{h}:{SignedRequest.Collapse(request.Headers.GetValueOrDefault(h) ?? "")}\n");
        return string.Join('\n', request.Method, CanonicalPath(request.RawPath), CanonicalQuery(request.RawQuery), string.Concat(headers),
            string.Join(';', authorization.SignedHeaders), Hex(SHA256.HashData(request.Body)));
    }

    /// <summary>
    /// What makes a request unacceptable before its signature is even compared, as AWS answers it, or null: the
    /// date must be within <see cref="MaxSkew"/> of <paramref name="now"/>, the credential scope of the same day,
    /// <c>host</c> and <c>x-amz-date</c> signed, and a declared payload hash the body's.
    /// </summary>
    public static string? Problem(SignedRequest request, SigV4Authorization authorization, DateTimeOffset now)
    {
        var amzDate = request.Headers.GetValueOrDefault("x-amz-date");
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return "The request has no valid X-Amz-Date header (yyyyMMddTHHmmssZ).";
        }
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        if (signedAt < now - MaxSkew)
        {
            return $"Signature expired: {amzDate} is now earlier than {(now - MaxSkew).UtcDateTime:yyyyMMdd'T'HHmmss'Z'} ({stamp} - 5 min.)";
        }
        if (signedAt > now + MaxSkew)
        {
            return $"Signature not yet current: {amzDate} is still later than {(now + MaxSkew).UtcDateTime:yyyyMMdd'T'HHmmss'Z'} ({stamp} + 5 min.)";
        }
        if (authorization.Date != amzDate![..8])
        {
            return $"Credential should be scoped to a valid date: the scope's date {authorization.Date} is not the request's {amzDate[..8]}.";
        }
        if (!authorization.SignedHeaders.Contains("host") || !authorization.SignedHeaders.Contains("x-amz-date"))
        {
            return "The host and x-amz-date headers must be signed (SignedHeaders).";
        }
        if (request.Headers.GetValueOrDefault("x-amz-content-sha256") is { } declared && declared != Hex(SHA256.HashData(request.Body)))
        {
            return "The provided 'x-amz-content-sha256' header does not match what was computed.";
        }
        return null;
    }

    /// <summary>URI path normalization of every service but S3: dot segments removed, repeated slashes folded, each segment encoded.</summary>
    private static string CanonicalPath(string rawPath)
    {
        var segments = new List<string>();
        foreach (var segment in rawPath.Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (segments.Count > 0)
                    {
                        segments.RemoveAt(segments.Count - 1);
                    }
                    continue;
                default:
                    segments.Add(Encode(Uri.UnescapeDataString(segment)));
                    break;
            }
        }
        var trailing = rawPath.Length > 1 && rawPath.EndsWith('/') && segments.Count > 0;
        return "/" + string.Join('/', segments) + (trailing ? "/" : "");
    }

    private static string CanonicalQuery(string rawQuery) =>
        string.Join('&', rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(p => (Key: Encode(Uri.UnescapeDataString(p[0].Replace('+', ' '))), Value: Encode(Uri.UnescapeDataString(p.Length > 1 ? p[1].Replace('+', ' ') : ""))))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));

    /// <summary>RFC 3986 encoding: unreserved characters stay, everything else is %XX in upper case.</summary>
    private static string Encode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' ? c.ToString() : $"%{b:X2}");
        }
        return builder.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
