using System.Net.Http.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Hosting;

/// <summary>
/// Time comes from the portal's <see cref="TimeProvider"/>, never from the machine's clock directly: with a clock the
/// test owns, what a change writes carries that clock's time, and what looks back in time looks back from it.
/// </summary>
public sealed class PortalClockTests(ClockedDemoPortalFactory factory) : IClassFixture<ClockedDemoPortalFactory>
{
    [Fact]
    public async Task ChangesAndTheirAuditEventsCarryTheClocksTimeAndAPreviewLooksBackFromIt()
    {
        using var admin = await ApiClient.AdminAsync(factory);
        var sandbox = (await OrganizationApi.OuNamedAsync(admin, "Sandbox")).GetProperty("id").GetString()!;
        var bob = (await OrganizationApi.AccountNamedAsync(admin, "sandbox-bob")).GetProperty("id").GetString()!;
        var recordedAt = factory.Clock.GetUtcNow().UtcDateTime;

        (await OrganizationApi.ActAsync(admin, bob, "ec2:CreateInternetGateway", region: "eu-west-1")).EnsureSuccessStatusCode();
        var events = await (await admin.GetAsync("/api/v1/audit-events?action=ec2:CreateInternetGateway")).JsonAsync();
        var previewNow = await PreviewAsync(admin, sandbox);

        // The clock has not moved while the test ran: the event is timed by it, not by the machine, to the microsecond
        // (what PostgreSQL keeps, so the seal holds on both databases).
        Assert.Equal(recordedAt, events.GetProperty("items")[0].GetProperty("timeUtc").GetDateTime(), TimeSpan.FromMicroseconds(1));
        Assert.Contains(previewNow.GetProperty("wouldHaveDenied").EnumerateArray(), d => d.GetProperty("action").GetString() == "ec2:CreateInternetGateway");

        // Eight days on, the seven-day preview no longer sees that action (a new sign-in: the old token has expired by the same clock).
        factory.Clock.Advance(TimeSpan.FromDays(8));
        using var later = await ApiClient.AdminAsync(factory);
        var previewLater = await PreviewAsync(later, sandbox);

        Assert.DoesNotContain(previewLater.GetProperty("wouldHaveDenied").EnumerateArray(), d => d.GetProperty("action").GetString() == "ec2:CreateInternetGateway");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await admin.GetAsync("/api/v1/me")).StatusCode);
    }

    private static async Task<System.Text.Json.JsonElement> PreviewAsync(HttpClient admin, string ouId) =>
        await (await admin.PostAsJsonAsync($"/api/v1/ous/{ouId}/enabled-controls/preview",
            new { controlIdentifier = "AWS-GR_DISALLOW_VPC_INTERNET_ACCESS" })).JsonAsync();
}
