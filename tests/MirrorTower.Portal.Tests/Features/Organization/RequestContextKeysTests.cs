using System.Net;
using System.Net.Http.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Organization;

/// <summary>
/// A call is decided with what AWS knows of it besides action and resource: <c>aws:SourceIp</c> is the caller's address
/// and <c>aws:CurrentTime</c>/<c>aws:EpochTime</c> the moment, so SCPs that use the IP address and date operators decide
/// real calls, over real HTTP.
/// </summary>
public sealed class RequestContextKeysTests(KestrelPortalFactory portal) : IClassFixture<KestrelPortalFactory>
{
    [Fact]
    public async Task AnScpThatDeniesCallsFromOutsideANetworkDecidesByTheCallersAddress()
    {
        using var admin = await ApiClient.SignedInAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var bob = (await OrganizationApi.AccountNamedAsync(admin, "sandbox-bob")).GetProperty("id").GetString()!;
        var name = $"office-only-{Guid.NewGuid():N}";
        var policy = await (await admin.PostAsJsonAsync("/api/v1/policies", new { name, document = OutsideOf("198.51.100.0/24") })).JsonAsync();
        var id = policy.GetProperty("id").GetString()!;
        (await admin.PostAsJsonAsync($"/api/v1/policies/{id}/attachments", new { targetId = bob })).EnsureSuccessStatusCode();

        var fromLoopback = await OrganizationApi.ActAsync(admin, bob, "s3:CreateBucket", region: "eu-west-1");
        (await admin.PutAsJsonAsync($"/api/v1/policies/{id}", new { name, document = OutsideOf("127.0.0.0/8") })).EnsureSuccessStatusCode();
        var fromInside = await OrganizationApi.ActAsync(admin, bob, "s3:CreateBucket", region: "eu-west-1");

        Assert.Equal(HttpStatusCode.Forbidden, fromLoopback.StatusCode);
        Assert.Equal("OfficeNetworkOnly", (await fromLoopback.JsonAsync()).GetProperty("deciding").GetProperty("statement").GetString());
        Assert.Equal(HttpStatusCode.OK, fromInside.StatusCode);
    }

    [Fact]
    public async Task TheSimulatorDecidesAtThePortalsTimeUnlessTheContextNamesAnother()
    {
        using var admin = await ApiClient.SignedInAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var alice = (await OrganizationApi.AccountNamedAsync(admin, "sandbox-alice")).GetProperty("id").GetString()!;
        var policy = await (await admin.PostAsJsonAsync("/api/v1/policies", new
        {
            name = $"frozen-{Guid.NewGuid():N}",
            document = """{"Version":"2012-10-17","Statement":{"Sid":"FrozenSince2001","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2001-01-01T00:00:00Z"}}}}""",
        })).JsonAsync();
        (await admin.PostAsJsonAsync($"/api/v1/policies/{policy.GetProperty("id").GetString()}/attachments", new { targetId = alice })).EnsureSuccessStatusCode();

        var now = await (await admin.PostAsJsonAsync("/api/v1/policy-simulations", new { accountId = alice, action = "s3:ListBucket", region = "eu-west-1" })).JsonAsync();
        var before = await (await admin.PostAsJsonAsync("/api/v1/policy-simulations", new
        {
            accountId = alice, action = "s3:ListBucket", region = "eu-west-1", context = new Dictionary<string, string> { ["aws:CurrentTime"] = "2000-06-01T00:00:00Z" },
        })).JsonAsync();

        Assert.Equal("ExplicitDeny", now.GetProperty("decision").GetString());
        Assert.Equal("FrozenSince2001", now.GetProperty("deciding").GetProperty("statement").GetString());
        Assert.Equal("Allowed", before.GetProperty("decision").GetString());
    }

    private static string OutsideOf(string cidr) =>
        """{"Version":"2012-10-17","Statement":{"Sid":"OfficeNetworkOnly","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"CIDR"}}}}"""
            .Replace("CIDR", cidr, StringComparison.Ordinal);
}
