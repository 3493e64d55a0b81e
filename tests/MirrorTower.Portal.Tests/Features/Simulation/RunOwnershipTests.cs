using System.Net;
using System.Net.Http.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Simulation;

/// <summary>A Member's runs are its own: other Members neither see nor steer them, Auditors read them, Admins steer them; each steer is audited.</summary>
public sealed class RunOwnershipTests(DemoPortalFactory portal) : IClassFixture<DemoPortalFactory>
{
    [Fact]
    public async Task OnlyTheOwnerOrAnAdminSteersARunAndOnlyTheyAndAuditorsReadIt()
    {
        using var owner = await ApiClient.NewUserAsync(portal, "Member");
        using var other = await ApiClient.NewUserAsync(portal, "Member");
        using var auditor = await ApiClient.NewUserAsync(portal, "Auditor");
        using var admin = await ApiClient.AdminAsync(portal);
        var started = await owner.PostAsJsonAsync("/api/v1/simulations", new { scenario = "WebTier", packetsPerSecond = 100, durationSeconds = 600, seed = 1, speed = 1 });
        var id = (await started.JsonAsync()).GetProperty("id").GetString();

        var otherReads = await other.GetAsync($"/api/v1/simulations/{id}");
        var otherStops = await other.PostAsync($"/api/v1/simulations/{id}/stop", null);
        var otherList = await (await other.GetAsync("/api/v1/simulations")).JsonAsync();
        var auditorReads = await auditor.GetAsync($"/api/v1/simulations/{id}");
        var ownerPauses = await owner.PostAsync($"/api/v1/simulations/{id}/pause", null);
        var adminStops = await admin.PostAsync($"/api/v1/simulations/{id}/stop", null);
        var otherPcap = await other.GetAsync($"/api/v1/simulations/{id}/targets/tmt-0123456789abcdef0/pcap");
        var audit = await (await admin.GetAsync("/api/v1/audit-events?action=mirrortower:SteerSimulation&pageSize=100")).JsonAsync();

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherReads.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherStops.StatusCode);
        Assert.DoesNotContain(otherList.GetProperty("live").EnumerateArray(), r => r.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.OK, auditorReads.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownerPauses.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adminStops.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherPcap.StatusCode);
        var steers = audit.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("target").GetString() == id).Select(e => e.GetProperty("reason").GetString()).ToList();
        Assert.Contains("pause", steers);
        Assert.Contains("stop", steers);
    }
}
