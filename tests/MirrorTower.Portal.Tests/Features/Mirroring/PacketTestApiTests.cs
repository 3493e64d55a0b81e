using System.Net;
using System.Net.Http.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Mirroring;

/// <summary>"Would this packet be mirrored?" against the demo's web-1 (session 1: HTTPS and HTTP in, internal UDP rejected, all out).</summary>
public sealed class PacketTestApiTests(DemoPortalFactory portal) : IClassFixture<DemoPortalFactory>
{
    public static TheoryData<string, string, string, string, int, int, string, int?, int?> Cases => new()
    {
        { "HTTPS in", "ingress", "tcp", "203.0.113.10", 40000, 443, "Mirrored", 1, 100 },
        { "HTTP in", "ingress", "tcp", "203.0.113.10", 40000, 80, "Mirrored", 1, 110 },
        { "SSH in matches no rule", "ingress", "tcp", "203.0.113.10", 40000, 22, "NoRuleMatched", null, null },
        { "internal UDP in is rejected", "ingress", "udp", "10.2.1.5", 5000, 9000, "RejectedByRule", 1, 200 },
        { "DNS to an outside resolver goes out mirrored", "egress", "udp", "192.0.2.53", 53, 40000, "Mirrored", 1, 100 },
        { "Amazon DNS without amazon-dns", "egress", "udp", "169.254.169.253", 53, 40000, "NeverMirrored", null, null },
        { "the metadata service", "egress", "tcp", "169.254.169.254", 80, 40000, "NeverMirrored", null, null },
        { "HTTPS in over IPv6", "ingress", "tcp", "2001:db8::10", 40000, 443, "Mirrored", 1, 120 },
        { "SSH in over IPv6 matches no rule", "ingress", "tcp", "2001:db8::10", 40000, 22, "NoRuleMatched", null, null },
        { "IPv6 out", "egress", "udp", "2001:db8::53", 53, 40000, "Mirrored", 1, 110 },
        { "Amazon DNS over IPv6, TCP", "egress", "tcp", "fd00:ec2::253", 53, 40000, "NeverMirrored", null, null },
        { "the IPv6 metadata service", "egress", "tcp", "fd00:ec2::254", 80, 40000, "NeverMirrored", null, null },
        { "Amazon DNS on another port", "egress", "tcp", "169.254.169.253", 8053, 40000, "NeverMirrored", null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AnswersWhichSessionAndRuleDecide(string because, string direction, string protocol, string peer, int peerPort, int eniPort, string outcome, int? session, int? rule)
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var eni = await MirroringApi.EniOfAsync(admin, "web-1");

        var response = await admin.PostAsJsonAsync($"/api/v1/traffic-mirroring/enis/{eni}/packet-tests", new { direction, protocol, peerAddress = peer, peerPort, eniPort });
        var answer = await response.JsonAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, because);
        Assert.Equal(outcome, answer.GetProperty("outcome").GetString());
        Assert.Equal(session, answer.GetProperty("sessionNumber").ValueKind == System.Text.Json.JsonValueKind.Null ? null : answer.GetProperty("sessionNumber").GetInt32());
        Assert.Equal(rule, answer.GetProperty("ruleNumber").ValueKind == System.Text.Json.JsonValueKind.Null ? null : answer.GetProperty("ruleNumber").GetInt32());
        if (outcome == "Mirrored")
        {
            Assert.StartsWith("ids-nlb", answer.GetProperty("target").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnEniWithoutSessionsMirrorsNothingAndABadAddressIsNamed()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var eni = await MirroringApi.EniOfAsync(admin, "web-3");

        var none = await (await admin.PostAsJsonAsync($"/api/v1/traffic-mirroring/enis/{eni}/packet-tests", new { direction = "ingress", protocol = "tcp", peerAddress = "203.0.113.10", peerPort = 1, eniPort = 443 })).JsonAsync();
        var bad = await admin.PostAsJsonAsync($"/api/v1/traffic-mirroring/enis/{eni}/packet-tests", new { direction = "sideways", protocol = "tcp", peerAddress = "nowhere" });

        Assert.Equal("NoSession", none.GetProperty("outcome").GetString());
        var errors = await MirroringApi.ErrorsAsync(bad);
        Assert.Contains("peerAddress: 'nowhere' is not an IPv4 or IPv6 address", errors, StringComparison.Ordinal);
        Assert.Contains("direction: ", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIpv6PeerOfAnIpv4OnlyInterfaceIsRefusedNamingThePeer()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var eni = await MirroringApi.EniOfAsync(admin, "app-1");

        var response = await admin.PostAsJsonAsync($"/api/v1/traffic-mirroring/enis/{eni}/packet-tests", new { direction = "ingress", protocol = "tcp", peerAddress = "2001:db8::1", peerPort = 1, eniPort = 443 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"peerAddress: {eni} has no IPv6 address", await MirroringApi.ErrorsAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIpv6FlowIsShownWithTheInterfacesIpv6Address()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var eni = await MirroringApi.EniOfAsync(admin, "web-1");

        var answer = await (await admin.PostAsJsonAsync($"/api/v1/traffic-mirroring/enis/{eni}/packet-tests", new { direction = "ingress", protocol = "tcp", peerAddress = "2001:db8::10", peerPort = 40000, eniPort = 443 })).JsonAsync();

        Assert.Equal("tcp [2001:db8::10]:40000 → [2600:1f18:4c1:a01::a]:443", answer.GetProperty("flow").GetString());
    }
}
