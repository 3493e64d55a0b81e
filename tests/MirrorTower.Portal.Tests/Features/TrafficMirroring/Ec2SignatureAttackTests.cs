using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using MirrorTower.Portal.Api.Ec2;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.TrafficMirroring;

/// <summary>
/// Signed requests to /aws tampered with as an attacker would over real HTTP: a captured signature re-sent with another
/// body (and the original body's hash declared), a request signed too long ago, a scope of another day.
/// </summary>
public sealed class Ec2SignatureAttackTests(KestrelPortalFactory portal) : IClassFixture<KestrelPortalFactory>
{
    private sealed record Signed(string Authorization, string AmzDate, string PayloadHash);

    private async Task<HttpResponseMessage> SendAsync(Signed signature, string body, bool declareHash, string host)
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

    private static Signed SignFor(string host, string keyId, string secret, string body, DateTime signedAt, string? scopeDate = null)
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

    [Fact]
    public async Task ACapturedSignatureReSentWithAnotherBodyIsRefusedAndChangesNothing()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var key = await portal.AccessKeyAsync(admin, "web-prod");
        var filterId = await MirroringApi.CreateFilterAsync(admin, key.AccountId, "must survive");
        var host = new Uri(portal.BaseUrl).Authority;
        const string Describe = "Action=DescribeTrafficMirrorFilters&Version=2016-11-15";
        var captured = SignFor(host, key.Id, key.Secret, Describe, DateTime.UtcNow);

        var genuine = await SendAsync(captured, Describe, declareHash: true, host);
        var replayed = await SendAsync(captured, $"Action=DeleteTrafficMirrorFilter&TrafficMirrorFilterId={filterId}&Version=2016-11-15", declareHash: true, host);
        var replayedUndeclared = await SendAsync(captured, $"Action=DeleteTrafficMirrorFilter&TrafficMirrorFilterId={filterId}&Version=2016-11-15", declareHash: false, host);

        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, replayed.StatusCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, replayedUndeclared.StatusCode);
        var filters = await MirroringApi.OverviewAsync(admin);
        Assert.Contains(filters.GetProperty("filters").EnumerateArray(), f => f.GetProperty("filter").GetProperty("id").GetString() == filterId);
    }

    [Theory]
    [InlineData(-6, null, "Signature expired")]
    [InlineData(6, null, "Signature not yet current")]
    [InlineData(0, "20200101", "Credential should be scoped to a valid date")]
    public async Task ARequestSignedMoreThanFiveMinutesAwayOrScopedToAnotherDayIsRefused(int minutes, string? scopeDate, string message)
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var key = await portal.AccessKeyAsync(admin, "web-prod");
        var host = new Uri(portal.BaseUrl).Authority;
        const string Describe = "Action=DescribeTrafficMirrorFilters&Version=2016-11-15";

        var response = await SendAsync(SignFor(host, key.Id, key.Secret, Describe, DateTime.UtcNow.AddMinutes(minutes), scopeDate), Describe, declareHash: false, host);

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", body, StringComparison.Ordinal);
        Assert.Contains(message, body, StringComparison.Ordinal);
    }
}
