using MirrorTower.Portal.Security;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MirrorTower.Portal.Features.Mirroring.Ec2;
using MirrorTower.Portal.Tests.Features.Mirroring;

namespace MirrorTower.Portal.Tests.Infrastructure;

/// <summary>EC2 Query requests signed by hand with SigV4 (the verifier is held to AWS's test suite), for tampering with them.</summary>
public static class Ec2Requests
{
    public sealed record Signed(string Authorization, string AmzDate, string PayloadHash);

    public static async Task<HttpResponseMessage> SendAsync(KestrelPortalFactory portal, Signed signature, string body, bool declareHash, string host)
    {
        using var client = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
        using var message = new HttpRequestMessage(HttpMethod.Post, "/aws") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        message.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        message.Headers.TryAddWithoutValidation("X-Amz-Date", signature.AmzDate);
        if (declareHash)
        {
            message.Headers.TryAddWithoutValidation("X-Amz-Content-Sha256", signature.PayloadHash);
        }
        message.Headers.Host = host;
        return await client.SendAsync(message);
    }

    public static Signed SignFor(string host, string keyId, string secret, string body, DateTime signedAt, string? scopeDate = null)
    {
        var amzDate = signedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var authorization = SigV4Authorization.Parse($"AWS4-HMAC-SHA256 Credential={keyId}/{scopeDate ?? amzDate[..8]}/{MirroringApi.Region}/ec2/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date, Signature=0")!;
        var request = new SignedRequest("POST", "/aws", "", new Dictionary<string, string>
        {
            ["content-type"] = "application/x-www-form-urlencoded; charset=utf-8", ["host"] = host, ["x-amz-date"] = amzDate,
        }, Encoding.UTF8.GetBytes(body));
        var signature = SignatureV4.Sign(SignatureV4.StringToSign(request, authorization), authorization, secret);
        return new Signed($"AWS4-HMAC-SHA256 Credential={keyId}/{authorization.Scope}, SignedHeaders=content-type;host;x-amz-date, Signature={signature}",
            amzDate, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))));
    }

}
