using System.Net;
using System.Net.Http.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Mirroring;

/// <summary>Every session rule and limit of the reference on the demo's hub and spoke, refused with the rule named.</summary>
public sealed class SessionValidationTests(DemoPortalFactory portal) : IClassFixture<DemoPortalFactory>
{
    private sealed record Setup(HttpClient Admin, string AccountId, string FilterId, string NlbTarget);

    private async Task<Setup> InAccountAsync(string accountName)
    {
        var admin = await ApiClient.AdminAsync(portal);
        var accountId = (await OrganizationApi.AccountNamedAsync(admin, accountName)).GetProperty("id").GetString()!;
        return new Setup(admin, accountId, await MirroringApi.CreateFilterAsync(admin, accountId), await MirroringApi.TargetOfAsync(admin, "network-load-balancer"));
    }

    public static TheoryData<string, int?, int?, int?, string, string> Refused => new()
    {
        { "session number 0", 0, null, null, "sessionNumber", "between 1 and 32766" },
        { "session number 32767", 32767, null, null, "sessionNumber", "between 1 and 32766" },
        { "no session number", null, null, null, "sessionNumber", "required" },
        { "VNI below 0", 5, -1, null, "virtualNetworkId", "24-bit number from 0 to 16777215" },
        { "VNI above 24 bits", 5, 16_777_216, null, "virtualNetworkId", "24-bit number from 0 to 16777215" },
        { "packet length 0", 5, null, 0, "packetLength", "from 1 to 8947" },
        { "packet length 8948", 5, null, 8948, "packetLength", "from 1 to 8947" },
        { "number already used on the ENI", 1, null, null, "sessionNumber", "already used on" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task RefusesABrokenSessionNamingTheRule(string because, int? number, int? vni, int? length, string field, string message)
    {
        var setup = await InAccountAsync("web-prod");
        var source = await MirroringApi.EniOfAsync(setup.Admin, "web-1");

        var response = await MirroringApi.CreateSessionAsync(setup.Admin, setup.AccountId, new
        {
            networkInterfaceId = source, trafficMirrorTargetId = setup.NlbTarget, trafficMirrorFilterId = setup.FilterId,
            sessionNumber = number, virtualNetworkId = vni, packetLength = length,
        });

        var errors = await MirroringApi.ErrorsAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, because);
        Assert.Contains($"{field}: ", errors, StringComparison.Ordinal);
        Assert.Contains(message, errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AT2InstanceIsNeverASource()
    {
        var setup = await InAccountAsync("data-lake-prod");
        var legacy = await MirroringApi.EniOfAsync(setup.Admin, "db-legacy");

        var response = await MirroringApi.CreateSessionAsync(setup.Admin, setup.AccountId, new { networkInterfaceId = legacy, trafficMirrorTargetId = setup.NlbTarget, trafficMirrorFilterId = setup.FilterId, sessionNumber = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("T2 instances are never mirroring sources", await MirroringApi.ErrorsAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAppTierEniReachesTheHubNlbThroughTheTransitGatewayAndGetsAUniqueGeneratedVni()
    {
        var setup = await InAccountAsync("payments-prod");
        var first = await MirroringApi.EniOfAsync(setup.Admin, "app-1");
        var second = await MirroringApi.EniOfAsync(setup.Admin, "app-2");

        var a = await MirroringApi.CreateSessionAsync(setup.Admin, setup.AccountId, new { networkInterfaceId = first, trafficMirrorTargetId = setup.NlbTarget, trafficMirrorFilterId = setup.FilterId, sessionNumber = 1 });
        var b = await MirroringApi.CreateSessionAsync(setup.Admin, setup.AccountId, new { networkInterfaceId = second, trafficMirrorTargetId = setup.NlbTarget, trafficMirrorFilterId = setup.FilterId, sessionNumber = 1 });

        Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        var vnis = new[] { (await a.JsonAsync()).GetProperty("virtualNetworkId").GetInt32(), (await b.JsonAsync()).GetProperty("virtualNetworkId").GetInt32() };
        Assert.All(vnis, v => Assert.InRange(v, 1, 16_777_215));
        Assert.NotEqual(vnis[0], vnis[1]);
    }

    [Fact]
    public async Task AnEniIsNeverBothSourceAndTargetAndAnUnreachableTargetIsRefused()
    {
        var setup = await InAccountAsync("web-prod");
        var sensor = await MirroringApi.CreateEniAsync(setup.Admin, "web");
        var target = await setup.Admin.PostAsJsonAsync($"{MirroringApi.Scope(setup.AccountId)}/traffic-mirror-targets", new { networkInterfaceId = sensor });
        target.EnsureSuccessStatusCode();
        var sourceAsTarget = await setup.Admin.PostAsJsonAsync($"{MirroringApi.Scope(setup.AccountId)}/traffic-mirror-targets", new { networkInterfaceId = await MirroringApi.EniOfAsync(setup.Admin, "web-1") });
        var island = await IslandInstanceAsync(setup.Admin, setup.AccountId);

        var unreachable = await MirroringApi.CreateSessionAsync(setup.Admin, setup.AccountId, new { networkInterfaceId = island, trafficMirrorTargetId = setup.NlbTarget, trafficMirrorFilterId = setup.FilterId, sessionNumber = 1 });
        var targetAsSource = await MirroringApi.CreateSessionAsync(setup.Admin, setup.AccountId, new
        {
            networkInterfaceId = sensor, trafficMirrorTargetId = setup.NlbTarget, trafficMirrorFilterId = setup.FilterId, sessionNumber = 1,
        });

        Assert.Contains("an ENI is never both a source and a target", await MirroringApi.ErrorsAsync(sourceAsTarget), StringComparison.Ordinal);
        Assert.Contains("cannot be reached from", await MirroringApi.ErrorsAsync(unreachable), StringComparison.Ordinal);
        Assert.Contains("is a traffic mirror target: an ENI is never both a source and a target", await MirroringApi.ErrorsAsync(targetAsSource), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEniTargetTakesAtMostTenSources()
    {
        var setup = await InAccountAsync("web-prod");
        var sensor = await MirroringApi.CreateEniAsync(setup.Admin, "web");
        var targetId = (await (await setup.Admin.PostAsJsonAsync($"{MirroringApi.Scope(setup.AccountId)}/traffic-mirror-targets", new { networkInterfaceId = sensor })).JsonAsync())
            .GetProperty("id").GetString();
        var subnetId = await WebSubnetAsync(setup.Admin);
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 11; i++)
        {
            var instance = await (await setup.Admin.PostAsJsonAsync($"{MirroringApi.Scope(setup.AccountId)}/instances", new { subnetId, name = $"fleet-{i}", instanceType = "m6i.large" })).JsonAsync();
            var eni = await MirroringApi.EniOfAsync(setup.Admin, $"fleet-{i}");
            responses.Add(await MirroringApi.CreateSessionAsync(setup.Admin, setup.AccountId, new { networkInterfaceId = eni, trafficMirrorTargetId = targetId, trafficMirrorFilterId = setup.FilterId, sessionNumber = 1 }));
            Assert.NotEqual(default, instance);
        }

        Assert.All(responses.Take(10), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(HttpStatusCode.BadRequest, responses[10].StatusCode);
        Assert.Contains("would have 11 sources: at most 10", await MirroringApi.ErrorsAsync(responses[10]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingAnEniDeletesItsSessions()
    {
        var setup = await InAccountAsync("web-prod");
        var subnetId = await WebSubnetAsync(setup.Admin);
        var instance = await (await setup.Admin.PostAsJsonAsync($"{MirroringApi.Scope(setup.AccountId)}/instances", new { subnetId, name = "short-lived", instanceType = "c6i.large" })).JsonAsync();
        var eni = await MirroringApi.EniOfAsync(setup.Admin, "short-lived");
        (await MirroringApi.CreateSessionAsync(setup.Admin, setup.AccountId, new { networkInterfaceId = eni, trafficMirrorTargetId = setup.NlbTarget, trafficMirrorFilterId = setup.FilterId, sessionNumber = 1 }))
            .EnsureSuccessStatusCode();

        var terminated = await setup.Admin.DeleteAsync($"{MirroringApi.Scope(setup.AccountId)}/instances/{instance.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.NoContent, terminated.StatusCode);
        var sessions = (await MirroringApi.OverviewAsync(setup.Admin)).GetProperty("sessions").EnumerateArray();
        Assert.DoesNotContain(sessions, s => s.GetProperty("session").GetProperty("networkInterfaceId").GetString() == eni);
    }

    [Fact]
    public async Task AnAuditorMayReadButNotChangeAndAMemberMayDesign()
    {
        var setup = await InAccountAsync("web-prod");
        using var auditor = await ApiClient.NewUserAsync(portal, "Auditor");
        using var member = await ApiClient.NewUserAsync(portal, "Member");

        var read = await auditor.GetAsync("/api/v1/traffic-mirroring");
        var refused = await auditor.PostAsJsonAsync($"{MirroringApi.Scope(setup.AccountId)}/traffic-mirror-filters", new { description = "auditor" });
        var designed = await member.PostAsJsonAsync($"{MirroringApi.Scope(setup.AccountId)}/traffic-mirror-filters", new { description = "member" });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, designed.StatusCode);
    }

    private static async Task<string> WebSubnetAsync(HttpClient admin) =>
        (await MirroringApi.NetworkAsync(admin)).GetProperty("vpcs").EnumerateArray().Single(v => v.GetProperty("vpc").GetProperty("name").GetString() == "web")
            .GetProperty("subnets")[0].GetProperty("id").GetString()!;

    /// <summary>A VPC joined to nothing, with one eligible instance; its ENI reaches no target elsewhere.</summary>
    private static async Task<string> IslandInstanceAsync(HttpClient admin, string accountId)
    {
        var scope = MirroringApi.Scope(accountId);
        var vpc = await (await admin.PostAsJsonAsync($"{scope}/vpcs", new { name = "island", cidrBlock = "10.99.0.0/16" })).JsonAsync();
        var subnet = await (await admin.PostAsJsonAsync($"{scope}/subnets", new { vpcId = vpc.GetProperty("id").GetString(), name = "island-a", cidrBlock = "10.99.1.0/24", availabilityZone = "eu-west-1a" })).JsonAsync();
        (await admin.PostAsJsonAsync($"{scope}/instances", new { subnetId = subnet.GetProperty("id").GetString(), name = "island-1", instanceType = "m6i.large" })).EnsureSuccessStatusCode();
        return await MirroringApi.EniOfAsync(admin, "island-1");
    }
}
