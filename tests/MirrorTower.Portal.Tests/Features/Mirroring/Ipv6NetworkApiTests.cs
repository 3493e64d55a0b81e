using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Mirroring;

/// <summary>
/// IPv6 in the network API as EC2 defines it: a VPC's /56 (AmazonProvidedIpv6CidrBlock or given), a subnet's /64 inside
/// it, an interface's explicit or assigned addresses; every refusal names its field and saves nothing.
/// </summary>
public sealed class Ipv6NetworkApiTests(DemoPortalFactory portal) : IClassFixture<DemoPortalFactory>
{
    private static async Task<(HttpClient Admin, string AccountId)> AdminAsync(DemoPortalFactory portal)
    {
        var admin = await ApiClient.AdminAsync(portal);
        var accountId = (await OrganizationApi.AccountNamedAsync(admin, "web-prod")).GetProperty("id").GetString()!;
        return (admin, accountId);
    }

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    [Fact]
    public async Task ADualStackVpcSubnetAndInterfaceGetTheirBlocksAndAddresses()
    {
        var (admin, accountId) = await AdminAsync(portal);
        using var _ = admin;
        var scope = MirroringApi.Scope(accountId);

        var vpc = await CreatedAsync(await admin.PostAsJsonAsync($"{scope}/vpcs", new { name = "dual", cidrBlock = "10.60.0.0/16", amazonProvidedIpv6CidrBlock = true }));
        var vpcBlock = vpc.GetProperty("ipv6CidrBlock").GetString()!;
        var subnetBlock = vpcBlock.Replace("/56", "/64", StringComparison.Ordinal);
        var subnet = await CreatedAsync(await admin.PostAsJsonAsync($"{scope}/subnets",
            new { vpcId = vpc.GetProperty("id").GetString(), name = "dual-a", cidrBlock = "10.60.1.0/24", availabilityZone = $"{MirroringApi.Region}a", ipv6CidrBlock = subnetBlock }));
        var subnetId = subnet.GetProperty("id").GetString();
        var assigned = await CreatedAsync(await admin.PostAsJsonAsync($"{scope}/network-interfaces", new { subnetId, description = "assigned" }));
        var two = await CreatedAsync(await admin.PostAsJsonAsync($"{scope}/network-interfaces", new { subnetId, description = "two", ipv6AddressCount = 2 }));
        var none = await CreatedAsync(await admin.PostAsJsonAsync($"{scope}/network-interfaces", new { subnetId, description = "v4 only", ipv6AddressCount = 0 }));
        var given = await CreatedAsync(await admin.PostAsJsonAsync($"{scope}/network-interfaces",
            new { subnetId, description = "given", privateIpAddress = "10.60.1.77", ipv6Addresses = new[] { subnetBlock.Replace("::/64", "::0077", StringComparison.Ordinal) } }));
        var instance = await CreatedAsync(await admin.PostAsJsonAsync($"{scope}/instances", new { subnetId, name = "dual-web", instanceType = "m6i.large" }));
        var primary = (await MirroringApi.NetworkAsync(admin)).GetProperty("networkInterfaces").EnumerateArray()
            .Single(e => e.GetProperty("instanceId").GetString() == instance.GetProperty("id").GetString());

        Assert.Matches(@"^2600:1f18:[0-9a-f:]+/56$", vpcBlock);
        Assert.Equal(subnetBlock, subnet.GetProperty("ipv6CidrBlock").GetString());
        Assert.Equal(1, assigned.GetProperty("ipv6Addresses").GetArrayLength());
        Assert.Equal(2, two.GetProperty("ipv6Addresses").GetArrayLength());
        Assert.Equal(0, none.GetProperty("ipv6Addresses").GetArrayLength());
        Assert.Equal("10.60.1.77", given.GetProperty("privateIpAddress").GetString());
        // Given in a long form, kept in the canonical one (RFC 5952).
        Assert.Equal(subnetBlock.Replace("::/64", "::77", StringComparison.Ordinal), given.GetProperty("ipv6Addresses")[0].GetString());
        Assert.Equal(1, primary.GetProperty("ipv6Addresses").GetArrayLength());
        var all = new[] { assigned, two, none, given }.SelectMany(e => e.GetProperty("ipv6Addresses").EnumerateArray().Select(a => a.GetString())).Append(primary.GetProperty("ipv6Addresses")[0].GetString());
        Assert.Equal(all.Count(), all.Distinct().Count());
    }

    public static TheoryData<string, object, string, string> Refusals => new()
    {
        { "an IPv4 address outside the subnet", new { privateIpAddress = "10.9.9.9" }, "privateIpAddress", "is not in the subnet's 10.1.1.0/24" },
        { "the subnet's base + 1, reserved", new { privateIpAddress = "10.1.1.1" }, "privateIpAddress", "reserved by AWS" },
        { "the subnet's last address, reserved", new { privateIpAddress = "10.1.1.255" }, "privateIpAddress", "reserved by AWS" },
        { "an address in use by web-1", new { privateIpAddress = "10.1.1.10" }, "privateIpAddress", "already in use" },
        { "an IPv6 address as the private IPv4 address", new { privateIpAddress = "2600:1f18:4c1:a01::99" }, "privateIpAddress", "is not an IPv4 address" },
        { "an IPv6 address outside the subnet's /64", new { ipv6Addresses = new[] { "2600:1f18:4c1:a02::5" } }, "ipv6Addresses[0]", "is not in the subnet's 2600:1f18:4c1:a01::/64" },
        { "an IPv4 address as an IPv6 one", new { ipv6Addresses = new[] { "10.1.1.99" } }, "ipv6Addresses[0]", "is not an IPv6 address" },
        { "the same IPv6 address twice", new { ipv6Addresses = new[] { "2600:1f18:4c1:a01::99", "2600:1f18:4c1:a01:0::99" } }, "ipv6Addresses[1]", "already in use" },
        { "both addresses and a count", new { ipv6Addresses = new[] { "2600:1f18:4c1:a01::99" }, ipv6AddressCount = 1 }, "ipv6AddressCount", "not both" },
        { "eleven addresses", new { ipv6AddressCount = 11 }, "ipv6AddressCount", "from 0 to 10" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task AnInterfaceWithABadAddressIsRefusedNamingTheFieldAndNothingIsSaved(string because, object addresses, string field, string message)
    {
        var (admin, accountId) = await AdminAsync(portal);
        using var _ = admin;
        var web = (await MirroringApi.NetworkAsync(admin)).GetProperty("vpcs").EnumerateArray().Single(v => v.GetProperty("vpc").GetProperty("name").GetString() == "web");
        var body = JsonSerializer.SerializeToNode(addresses, JsonSerializerOptions.Web)!.AsObject();
        body["subnetId"] = web.GetProperty("subnets")[0].GetProperty("id").GetString();
        body["description"] = because;
        var before = (await MirroringApi.NetworkAsync(admin)).GetProperty("networkInterfaces").GetArrayLength();

        var response = await admin.PostAsJsonAsync($"{MirroringApi.Scope(accountId)}/network-interfaces", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await MirroringApi.ErrorsAsync(response);
        Assert.Contains($"{field}: ", errors, StringComparison.Ordinal);
        Assert.Contains(message, errors, StringComparison.Ordinal);
        Assert.Equal(before, (await MirroringApi.NetworkAsync(admin)).GetProperty("networkInterfaces").GetArrayLength());
    }

    [Theory]
    [InlineData("a /64 as the VPC's block", "2600:1f18:99::/64", "is an IPv6 /56")]
    [InlineData("an IPv4 block", "10.0.0.0/16", "is an IPv6 /56")]
    [InlineData("the web VPC's own block", "2600:1f18:4c1:a00::/56", "already VPC web's IPv6 block")]
    public async Task AVpcIpv6BlockIsASlash56NoOtherVpcHolds(string because, string block, string message)
    {
        var (admin, accountId) = await AdminAsync(portal);
        using var _ = admin;

        var response = await admin.PostAsJsonAsync($"{MirroringApi.Scope(accountId)}/vpcs", new { name = because, cidrBlock = "10.61.0.0/16", ipv6CidrBlock = block });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await MirroringApi.ErrorsAsync(response);
        Assert.Contains("ipv6CidrBlock: ", errors, StringComparison.Ordinal);
        Assert.Contains(message, errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASubnetIpv6BlockNeedsItsVpcsBlockAndLiesInsideIt()
    {
        var (admin, accountId) = await AdminAsync(portal);
        using var _ = admin;
        var vpcs = (await MirroringApi.NetworkAsync(admin)).GetProperty("vpcs").EnumerateArray().ToList();
        string VpcId(string name) => vpcs.Single(v => v.GetProperty("vpc").GetProperty("name").GetString() == name).GetProperty("vpc").GetProperty("id").GetString()!;
        var payments = (await OrganizationApi.AccountNamedAsync(admin, "payments-prod")).GetProperty("id").GetString()!;

        var outside = await admin.PostAsJsonAsync($"{MirroringApi.Scope(accountId)}/subnets",
            new { vpcId = VpcId("web"), name = "web-b", cidrBlock = "10.1.2.0/24", availabilityZone = $"{MirroringApi.Region}b", ipv6CidrBlock = "2600:1f18:4c2:a01::/64" });
        var taken = await admin.PostAsJsonAsync($"{MirroringApi.Scope(accountId)}/subnets",
            new { vpcId = VpcId("web"), name = "web-b", cidrBlock = "10.1.2.0/24", availabilityZone = $"{MirroringApi.Region}b", ipv6CidrBlock = "2600:1f18:4c1:a01::/64" });
        var v4Only = await admin.PostAsJsonAsync($"{MirroringApi.Scope(payments)}/subnets",
            new { vpcId = VpcId("app"), name = "app-b", cidrBlock = "10.2.2.0/24", availabilityZone = $"{MirroringApi.Region}b", ipv6CidrBlock = "2600:1f18:4c3:a01::/64" });

        Assert.Contains("inside its VPC's 2600:1f18:4c1:a00::/56", await MirroringApi.ErrorsAsync(outside), StringComparison.Ordinal);
        Assert.Contains("is subnet web-a's IPv6 block", await MirroringApi.ErrorsAsync(taken), StringComparison.Ordinal);
        Assert.Contains("has no IPv6 block", await MirroringApi.ErrorsAsync(v4Only), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFilterWhoseIpv6RulesMeetOnlyIpv4SourcesIsWarnedAbout()
    {
        var (admin, accountId) = await AdminAsync(portal);
        using var _ = admin;
        var payments = (await OrganizationApi.AccountNamedAsync(admin, "payments-prod")).GetProperty("id").GetString()!;
        var filterId = await MirroringApi.CreateFilterAsync(admin, payments, "v6 on a v4 source");
        (await MirroringApi.AddRuleAsync(admin, payments, filterId, new { trafficDirection = "ingress", ruleNumber = 10, ruleAction = "accept",
            sourceCidrBlock = "::/0", destinationCidrBlock = "::/0" })).EnsureSuccessStatusCode();
        var before = Warnings(await MirroringApi.OverviewAsync(admin), filterId);

        (await MirroringApi.CreateSessionAsync(admin, payments, new { networkInterfaceId = await MirroringApi.EniOfAsync(admin, "app-2"),
            trafficMirrorTargetId = await MirroringApi.TargetOfAsync(admin, "network-load-balancer"), trafficMirrorFilterId = filterId, sessionNumber = 1 })).EnsureSuccessStatusCode();
        var after = Warnings(await MirroringApi.OverviewAsync(admin), filterId);
        var web = (await MirroringApi.OverviewAsync(admin)).GetProperty("filters").EnumerateArray()
            .Single(f => f.GetProperty("filter").GetProperty("description").GetString()!.StartsWith("Web tier", StringComparison.Ordinal));

        Assert.DoesNotContain(before, w => w.Contains("IPv6", StringComparison.Ordinal));
        Assert.Contains(after, w => w.Contains("IPv6 rule 10 can never match", StringComparison.Ordinal));
        Assert.DoesNotContain(web.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("message").GetString()!.Contains("IPv6", StringComparison.Ordinal));
    }

    private static List<string> Warnings(JsonElement overview, string filterId) =>
        overview.GetProperty("filters").EnumerateArray().Single(f => f.GetProperty("filter").GetProperty("id").GetString() == filterId)
            .GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("message").GetString()!).ToList();
}
