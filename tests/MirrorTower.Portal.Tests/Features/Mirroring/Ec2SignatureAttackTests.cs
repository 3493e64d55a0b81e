using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using MirrorTower.Portal.Features.Mirroring.Ec2;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Mirroring;

/// <summary>
/// Signed requests to /aws tampered with as an attacker would over real HTTP: a captured signature re-sent with another
/// body (and the original body's hash declared), a request signed too long ago, a scope of another day.
/// </summary>
public sealed class Ec2SignatureAttackTests(KestrelPortalFactory portal) : IClassFixture<KestrelPortalFactory>
{
    [Fact]
    public async Task ACapturedSignatureReSentWithAnotherBodyIsRefusedAndChangesNothing()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var key = await portal.AccessKeyAsync(admin, "web-prod");
        var filterId = await MirroringApi.CreateFilterAsync(admin, key.AccountId, "must survive");
        var host = new Uri(portal.BaseUrl).Authority;
        const string Describe = "Action=DescribeTrafficMirrorFilters&Version=2016-11-15";
        var captured = Ec2Requests.SignFor(host, key.Id, key.Secret, Describe, DateTime.UtcNow);

        var genuine = await Ec2Requests.SendAsync(portal, captured, Describe, declareHash: true, host);
        var replayed = await Ec2Requests.SendAsync(portal, captured, $"Action=DeleteTrafficMirrorFilter&TrafficMirrorFilterId={filterId}&Version=2016-11-15", declareHash: true, host);
        var replayedUndeclared = await Ec2Requests.SendAsync(portal, captured, $"Action=DeleteTrafficMirrorFilter&TrafficMirrorFilterId={filterId}&Version=2016-11-15", declareHash: false, host);

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

        var response = await Ec2Requests.SendAsync(portal, Ec2Requests.SignFor(host, key.Id, key.Secret, Describe, DateTime.UtcNow.AddMinutes(minutes), scopeDate), Describe, declareHash: false, host);

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", body, StringComparison.Ordinal);
        Assert.Contains(message, body, StringComparison.Ordinal);
    }
}
