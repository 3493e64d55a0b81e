using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Organization;

public sealed class LandingZoneApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly object ValidSetup = new
    {
        governedRegions = new[] { "eu-west-1", "us-east-1" },
        securityOuName = "Security",
        sandboxOuName = "Sandbox",
        logArchiveEmail = "log-archive@corp.example",
        auditEmail = "audit@corp.example",
        logRetentionDays = 365,
    };

    [Fact]
    public async Task SetsUpTheLandingZoneOnceWithEverythingTheReferenceNames()
    {
        using var admin = await ApiClient.AdminAsync(factory);

        var invalid = await admin.PostAsJsonAsync("/api/v1/landing-zone", new { governedRegions = new[] { "eu-west-9" }, logArchiveEmail = "nope", auditEmail = "nope", logRetentionDays = 0 });
        var afterInvalid = await admin.GetAsync("/api/v1/landing-zone");
        var created = await admin.PostAsJsonAsync("/api/v1/landing-zone", ValidSetup);
        var twice = await admin.PostAsJsonAsync("/api/v1/landing-zone", ValidSetup);
        var zone = await (await admin.GetAsync("/api/v1/landing-zone")).JsonAsync();
        var ous = await (await admin.GetAsync("/api/v1/ous")).JsonAsync();
        var accounts = await (await admin.GetAsync("/api/v1/accounts")).JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.JsonAsync()).GetProperty("errors");
        Assert.All(new[] { "governedRegions", "logArchiveEmail", "auditEmail", "logRetentionDays" }, f => Assert.True(errors.TryGetProperty(f, out _), f));
        Assert.Equal(HttpStatusCode.NotFound, afterInvalid.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal("IN_SYNC", zone.GetProperty("status").GetString());
        Assert.Matches("^r-[0-9a-z]{4}$", zone.GetProperty("rootId").GetString());
        Assert.Equal(["Sandbox", "Security"], ous.EnumerateArray().Select(o => o.GetProperty("name").GetString()).Order());
        Assert.All(ous.EnumerateArray(), ou =>
        {
            Assert.Matches($"^ou-{zone.GetProperty("rootId").GetString()![2..]}-[0-9a-z]{{8}}$", ou.GetProperty("id").GetString());
            Assert.InRange(ou.GetProperty("attachedScps").GetInt32(), 2, 5);
            Assert.Contains("AWS-GR_AUDIT_BUCKET_DELETION_PROHIBITED", ou.GetProperty("enabledControls").EnumerateArray().Select(c => c.GetString()));
        });
        Assert.Equal(["Audit", "Log Archive", "Management"], accounts.EnumerateArray().Select(a => a.GetProperty("name").GetString()).Order());
        Assert.All(accounts.EnumerateArray(), a => Assert.Matches("^[0-9]{12}$", a.GetProperty("id").GetString()));
    }
}
