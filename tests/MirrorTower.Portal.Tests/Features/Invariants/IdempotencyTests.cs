using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MirrorTower.Portal.Tests.Features.AccountFactory;
using MirrorTower.Portal.Tests.Features.Mirroring;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Invariants;

/// <summary>
/// Retries are safe: EC2's ClientToken ("Ensuring idempotency in Amazon EC2 API requests": the same token and
/// parameters return the original result, other parameters IdempotentParameterMismatch) and Service Catalog's
/// ProvisionToken, each sent 20 times at once over real HTTP.
/// </summary>
public sealed partial class IdempotencyTests(KestrelPortalFactory portal) : IClassFixture<KestrelPortalFactory>
{
    [GeneratedRegex("<trafficMirrorFilterId>(tmf-[0-9a-f]+)</trafficMirrorFilterId>")]
    private static partial Regex FilterId();

    [Fact]
    public async Task TwentyCreateFilterRetriesWithOneClientTokenMakeOneFilter()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var key = await portal.AccessKeyAsync(admin, "web-prod");
        var host = new Uri(portal.BaseUrl).Authority;
        var token = Guid.NewGuid().ToString("N");
        var body = $"Action=CreateTrafficMirrorFilter&Version=2016-11-15&Description=retried&ClientToken={token}";

        var answers = await Simultaneous.SendAsync(20, async _ =>
        {
            var response = await Ec2Requests.SendAsync(portal, Ec2Requests.SignFor(host, key.Id, key.Secret, body, DateTime.UtcNow), body, declareHash: false, host);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        });
        var other = $"Action=CreateTrafficMirrorFilter&Version=2016-11-15&Description=another&ClientToken={token}";
        var mismatch = await Ec2Requests.SendAsync(portal, Ec2Requests.SignFor(host, key.Id, key.Secret, other, DateTime.UtcNow), other, declareHash: false, host);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(answers.Select(a => FilterId().Match(a.Body).Groups[1].Value).Distinct());
        Assert.All(answers, a => Assert.Contains($"<clientToken>{token}</clientToken>", a.Body, StringComparison.Ordinal));
        var filters = (await MirroringApi.OverviewAsync(admin)).GetProperty("filters").EnumerateArray()
            .Count(f => f.GetProperty("filter").GetProperty("description").GetString() == "retried");
        Assert.Equal(1, filters);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Contains("<Code>IdempotentParameterMismatch</Code>", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwentyLaunchRetriesWithOneProvisionTokenMakeOneAccount()
    {
        using var member = await ApiClient.NewUserAsync(portal, "Member");
        var email = $"retry-{Guid.NewGuid():N}"[..14] + "@tests.example";
        var token = Guid.NewGuid().ToString("N");
        var parameters = AccountFactoryApi.Parameters(email);

        var answers = await Simultaneous.SendAsync(20, _ => member.PostAsJsonAsync("/api/v1/provisioned-products", new { parameters, provisionToken = token }));
        var other = await member.PostAsJsonAsync("/api/v1/provisioned-products", new { parameters = AccountFactoryApi.Parameters("other-" + email), provisionToken = token });

        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode, $"{a.StatusCode}"));
        var ids = new HashSet<string>();
        foreach (var answer in answers)
        {
            ids.Add((await answer.JsonAsync()).GetProperty("id").GetString()!);
        }
        Assert.Single(ids);
        var mine = await (await member.GetAsync("/api/v1/provisioned-products")).JsonAsync();
        Assert.Single(mine.EnumerateArray(), p => p.GetProperty("parameters").GetProperty("AccountEmail").GetString() == email);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Contains("was used for another launch", await MirroringApi.ErrorsAsync(other), StringComparison.Ordinal);
    }
}
