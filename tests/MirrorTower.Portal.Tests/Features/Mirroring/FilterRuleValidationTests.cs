using System.Net;
using System.Text.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Mirroring;

/// <summary>Every filter-rule rule of the reference, enforced by the server with the field and the rule named.</summary>
public sealed class FilterRuleValidationTests(DemoPortalFactory portal) : IClassFixture<DemoPortalFactory>
{
    private static object Rule(string direction = "ingress", int? number = 200, string action = "accept", string? protocol = "tcp",
        string source = "0.0.0.0/0", string destination = "10.1.0.0/16", object? ports = null) =>
        new { trafficDirection = direction, ruleNumber = number, ruleAction = action, protocol, sourceCidrBlock = source, destinationCidrBlock = destination, destinationPortRange = ports };

    public static TheoryData<string, object, string, string> Refused => new()
    {
        { "port range with ICMP", Rule(protocol: "icmp", ports: new { fromPort = 22, toPort = 22 }), "destinationPortRange", "Port ranges apply only to TCP (6) and UDP (17)" },
        { "port range with all protocols", Rule(protocol: null, ports: new { fromPort = 22, toPort = 22 }), "destinationPortRange", "Port ranges apply only to TCP (6) and UDP (17)" },
        { "port range upside down", Rule(ports: new { fromPort = 90, toPort = 80 }), "destinationPortRange", "0 ≤ FromPort ≤ ToPort ≤ 65535" },
        { "port beyond 65535", Rule(ports: new { fromPort = 1, toPort = 70000 }), "destinationPortRange", "0 ≤ FromPort ≤ ToPort ≤ 65535" },
        { "half a port range", Rule(ports: new { fromPort = 80 }), "destinationPortRange", "needs both FromPort and ToPort" },
        { "IPv4 source, IPv6 destination", Rule(destination: "::/0"), "destinationCidrBlock", "same IP family" },
        { "not a CIDR", Rule(source: "10.0.0.300/8"), "sourceCidrBlock", "is not a CIDR block" },
        { "rule number 0", Rule(number: 0), "ruleNumber", "between 1 and 32766" },
        { "rule number 32767", Rule(number: 32767), "ruleNumber", "between 1 and 32766" },
        { "no rule number", Rule(number: null), "ruleNumber", "required" },
        { "a number taken in the same direction", Rule(number: 100), "ruleNumber", "already used by another ingress rule" },
        { "unknown protocol", Rule(protocol: "bogus"), "protocol", "give a name (tcp, udp, icmp, ...) or an IANA number" },
        { "protocol 256", Rule(protocol: "256"), "protocol", "IANA number from 0 to 255" },
        { "unknown direction", Rule(direction: "inbound"), "trafficDirection", "'ingress' or 'egress'" },
        { "unknown action", Rule(action: "allow"), "ruleAction", "'accept' or 'reject'" },
    };

    private async Task<(HttpClient Admin, string AccountId, string FilterId)> FilterWithRule100Async()
    {
        var admin = await ApiClient.AdminAsync(portal);
        var accountId = (await OrganizationApi.AccountNamedAsync(admin, "web-prod")).GetProperty("id").GetString()!;
        var filterId = await MirroringApi.CreateFilterAsync(admin, accountId);
        (await MirroringApi.AddRuleAsync(admin, accountId, filterId, Rule(number: 100))).EnsureSuccessStatusCode();
        return (admin, accountId, filterId);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task RefusesABrokenRuleNamingTheFieldAndTheRule(string because, object rule, string field, string message)
    {
        var (admin, accountId, filterId) = await FilterWithRule100Async();

        var response = await MirroringApi.AddRuleAsync(admin, accountId, filterId, rule);

        var errors = await MirroringApi.ErrorsAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, because);
        Assert.Contains($"{field}: ", errors, StringComparison.Ordinal);
        Assert.Contains(message, errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the same number in the other direction", "egress", "tcp", 6)]
    [InlineData("protocol by name", "ingress", "udp", 17)]
    [InlineData("protocol by number", "ingress", "47", 47)]
    public async Task AcceptsAValidRule(string because, string direction, string protocol, int expectedProtocol)
    {
        var (admin, accountId, filterId) = await FilterWithRule100Async();

        var response = await MirroringApi.AddRuleAsync(admin, accountId, filterId, Rule(direction: direction, number: direction == "egress" ? 100 : 300, protocol: protocol));

        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{because}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(expectedProtocol, (await response.JsonAsync()).GetProperty("protocol").GetInt32());
    }

    [Fact]
    public async Task AFilterHoldsAtMostTenRulesPerDirection()
    {
        var (admin, accountId, filterId) = await FilterWithRule100Async();
        for (var number = 1; number <= 9; number++)
        {
            (await MirroringApi.AddRuleAsync(admin, accountId, filterId, Rule(number: number))).EnsureSuccessStatusCode();
        }

        var eleventh = await MirroringApi.AddRuleAsync(admin, accountId, filterId, Rule(number: 500));
        var egress = await MirroringApi.AddRuleAsync(admin, accountId, filterId, Rule(direction: "egress", number: 500));

        Assert.Equal(HttpStatusCode.BadRequest, eleventh.StatusCode);
        Assert.Contains("at most 10 ingress rules", await MirroringApi.ErrorsAsync(eleventh), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, egress.StatusCode);
    }

    [Fact]
    public async Task TheOverviewWarnsOfShadowedRulesAndOfADirectionThatMirrorsNothing()
    {
        var (admin, accountId, filterId) = await FilterWithRule100Async();
        (await MirroringApi.AddRuleAsync(admin, accountId, filterId, Rule(number: 200, ports: new { fromPort = 443, toPort = 443 }))).EnsureSuccessStatusCode();

        var overview = await MirroringApi.OverviewAsync(admin);
        var warnings = overview.GetProperty("filters").EnumerateArray().Single(f => f.GetProperty("filter").GetProperty("id").GetString() == filterId)
            .GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("message").GetString()).ToList();

        Assert.Contains(warnings, w => w!.Contains("Ingress rule 200 can never match: rule 100 (accept)", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w!.Contains("this filter mirrors no egress traffic", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARefusedRuleSavesNothingAndIsAuditedAsFailed()
    {
        var (admin, accountId, filterId) = await FilterWithRule100Async();

        await MirroringApi.AddRuleAsync(admin, accountId, filterId, Rule(number: 0, destination: "::/0"));

        var filter = (await MirroringApi.OverviewAsync(admin)).GetProperty("filters").EnumerateArray().Single(f => f.GetProperty("filter").GetProperty("id").GetString() == filterId);
        var audit = await (await admin.GetAsync("/api/v1/audit-events?action=ec2:CreateTrafficMirrorFilterRule&outcome=Failed")).JsonAsync();
        Assert.Equal(1, filter.GetProperty("ingress").GetArrayLength());
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("reason").GetString()!.Contains("same IP family", StringComparison.Ordinal));
    }
}
