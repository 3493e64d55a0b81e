using System.Net;
using System.Net.Http.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Api;

public sealed class LockoutTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task FiveFailuresLockTheUserOutUntilAnAdminResetsThePassword()
    {
        using var admin = await ApiClient.AdminAsync(factory);
        var created = await (await admin.PostAsJsonAsync("/api/v1/users",
            new { email = "locked@tests.example", password = "Right-Password-1", role = "Member" })).JsonAsync();
        using var anonymous = factory.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            await ApiClient.LoginAsync(anonymous, "locked@tests.example", "Wrong-Password-1");
        }
        var whileLocked = await ApiClient.LoginAsync(anonymous, "locked@tests.example", "Right-Password-1");
        var reset = await admin.PutAsJsonAsync($"/api/v1/users/{created.GetProperty("id").GetString()}/password",
            new { password = "New-Password-22" });
        var afterReset = await ApiClient.LoginAsync(anonymous, "locked@tests.example", "New-Password-22");

        Assert.Equal(HttpStatusCode.Unauthorized, whileLocked.StatusCode);
        Assert.Contains("locked out", (await whileLocked.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
    }
}
