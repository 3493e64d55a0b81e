using System.Net;
using System.Net.Http.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Organization;

/// <summary>
/// An OU outside Control Tower (created with <c>register: false</c>, as Organizations' CreateOrganizationalUnit makes
/// them) is registered by the same "register" the page offers: the mandatory controls come with it.
/// </summary>
public sealed class OuRegistrationApiTests(DemoPortalFactory portal) : IClassFixture<DemoPortalFactory>
{
    [Fact]
    public async Task RegisteringAnOuOutsideControlTowerEnablesTheMandatoryControls()
    {
        using var admin = await ApiClient.AdminAsync(portal);

        var created = await admin.PostAsJsonAsync("/api/v1/ous", new { name = "Outside", parentId = (string?)null, register = false });
        var ou = await created.JsonAsync();
        var id = ou.GetProperty("id").GetString()!;
        var before = await (await admin.GetAsync($"/api/v1/ous/{id}/enabled-controls")).JsonAsync();
        var registered = await admin.PostAsync($"/api/v1/ous/{id}/register", null);
        var after = await (await admin.GetAsync($"/api/v1/ous/{id}/enabled-controls")).JsonAsync();
        var again = await admin.PostAsync($"/api/v1/ous/{id}/register", null);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False(ou.GetProperty("registered").GetBoolean());
        Assert.Equal(0, before.GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.True((await OrganizationApi.OuNamedAsync(admin, "Outside")).GetProperty("registered").GetBoolean());
        Assert.Contains(after.EnumerateArray(), c => c.GetProperty("controlIdentifier").GetString() == "AWS-GR_AUDIT_BUCKET_DELETION_PROHIBITED");
        // Registered now: a second "register" is the drift repair of a registered OU, which keeps its controls.
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(after.GetArrayLength(), (await (await admin.GetAsync($"/api/v1/ous/{id}/enabled-controls")).JsonAsync()).GetArrayLength());
    }
}
