using System.Net;
using System.Net.Http.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Organization;

/// <summary>
/// Landing zone versions (Control Tower API Reference, API_UpdateLandingZone: "version" is the landing zone version to
/// update to): a landing zone set up at an older version is updated to a newer one, which applies the baseline again and
/// repairs drift; it never goes back.
/// </summary>
public sealed class LandingZoneVersionApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task AnOlderLandingZoneUpdatedToTheLatestVersionHasItsBaselineAppliedAgainAndNeverGoesBack()
    {
        using var admin = await ApiClient.AdminAsync(factory);
        var unknown = await admin.PostAsJsonAsync("/api/v1/landing-zone", new
        {
            governedRegions = new[] { "eu-west-1" }, logArchiveEmail = "logs@versions.example", auditEmail = "audit@versions.example", version = "2.9",
        });
        var created = await admin.PostAsJsonAsync("/api/v1/landing-zone", new
        {
            governedRegions = new[] { "eu-west-1" }, logArchiveEmail = "logs@versions.example", auditEmail = "audit@versions.example", version = "3.2",
        });
        var before = await (await admin.GetAsync("/api/v1/landing-zone")).JsonAsync();
        var security = (await OrganizationApi.OuNamedAsync(admin, "Security")).GetProperty("id").GetString()!;
        var guardrail = (await (await admin.GetAsync("/api/v1/policies")).JsonAsync()).EnumerateArray()
            .First(p => p.GetProperty("kind").GetString() == "ControlTower" && p.GetProperty("targets").EnumerateArray().Any(t => t.GetString()!.Contains(security)));
        await admin.PostAsJsonAsync("/api/v1/drift/out-of-band-changes", new { kind = "DetachControlScp", policyId = guardrail.GetProperty("id").GetString() });
        var drifted = await (await admin.GetAsync("/api/v1/landing-zone")).JsonAsync();

        var updated = await admin.PatchAsJsonAsync("/api/v1/landing-zone", new { version = "3.3" });
        var after = await (await admin.GetAsync("/api/v1/landing-zone")).JsonAsync();
        var back = await admin.PatchAsJsonAsync("/api/v1/landing-zone", new { version = "3.2" });
        var operations = await (await admin.GetAsync("/api/v1/landing-zone/operations")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("version", (await unknown.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("3.2", before.GetProperty("version").GetString());
        Assert.Equal("DRIFTED", drifted.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("3.3", after.GetProperty("version").GetString());
        Assert.Equal("IN_SYNC", after.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, back.StatusCode);
        Assert.Contains("never back to 3.2", await back.Content.ReadAsStringAsync());
        Assert.Contains("version 3.2 → 3.3, baseline applied again (1 drift item(s) repaired)", operations);
    }
}
