using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Api;

public sealed class UsersApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task AdminCreatesAUserThatThenSignsIn()
    {
        using var admin = await ApiClient.AdminAsync(factory);

        var response = await admin.PostAsJsonAsync("/api/v1/users",
            new { email = "new.member@tests.example", password = "Member-Password-7", role = "member" });
        var body = await response.JsonAsync();
        using var member = await ApiClient.SignedInAsync(factory, "new.member@tests.example", "Member-Password-7");
        var me = await (await member.GetAsync("/api/v1/me")).JsonAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Member", body.GetProperty("role").GetString());
        Assert.Equal(["Member"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData("not-an-email", "Valid-Password-1", "Member", "email")]
    [InlineData("", "Valid-Password-1", "Member", "email")]
    [InlineData("weak@tests.example", "weak", "Member", "password")]
    [InlineData("weak2@tests.example", "alllowercase-long", "Member", "password")]
    [InlineData("role@tests.example", "Valid-Password-1", "Superuser", "role")]
    [InlineData("role2@tests.example", "Valid-Password-1", null, "role")]
    public async Task InvalidUsersAreRefusedWithTheFieldNamedAndNothingSaved(string email, string password, string? role, string field)
    {
        using var admin = await ApiClient.AdminAsync(factory);
        var before = await CountUsersAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/users", new { email, password, role });
        var problem = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.NotEmpty(messages.EnumerateArray());
        Assert.Equal(before, await CountUsersAsync());
    }

    [Fact]
    public async Task AnE_mailCanBelongToOneUserOnly()
    {
        using var admin = await ApiClient.AdminAsync(factory);
        var user = new { email = "twice@tests.example", password = "Valid-Password-1", role = "Auditor" };

        var first = await admin.PostAsJsonAsync("/api/v1/users", user);
        var second = await admin.PostAsJsonAsync("/api/v1/users", user);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("already used", (await second.JsonAsync()).GetProperty("errors").GetProperty("email")[0].GetString());
    }

    [Fact]
    public async Task AMemberIsForbiddenTheUsersApiAndTheRefusalIsAudited()
    {
        using var member = await ApiClient.NewUserAsync(factory, "Member");
        using var admin = await ApiClient.AdminAsync(factory);

        var list = await member.GetAsync("/api/v1/users");
        var create = await member.PostAsJsonAsync("/api/v1/users", new { email = "x@tests.example", password = "Valid-Password-1", role = "Admin" });
        var audit = await (await admin.GetAsync("/api/v1/audit-events?action=portal:CallApi&outcome=Denied")).JsonAsync();

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e =>
            e.GetProperty("target").GetString() == "POST /api/v1/users"
            && e.GetProperty("reason").GetString()!.Contains("Admin"));
    }

    [Fact]
    public async Task ADisabledUserLosesAccessAtOnceAndCannotSignInAgain()
    {
        using var admin = await ApiClient.AdminAsync(factory);
        var created = await (await admin.PostAsJsonAsync("/api/v1/users",
            new { email = "leaver@tests.example", password = "Leaver-Password-1", role = "Auditor" })).JsonAsync();
        using var leaver = await ApiClient.SignedInAsync(factory, "leaver@tests.example", "Leaver-Password-1");

        var disable = await admin.PostAsync($"/api/v1/users/{created.GetProperty("id").GetString()}/disable", null);
        var withOldToken = await leaver.GetAsync("/api/v1/audit-events");
        var signIn = await ApiClient.LoginAsync(factory.CreateClient(), "leaver@tests.example", "Leaver-Password-1");

        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withOldToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
    }

    [Fact]
    public async Task TheLastAdminCannotBeDemotedOrDisabled()
    {
        using var admin = await ApiClient.AdminAsync(factory);
        var users = await (await admin.GetAsync("/api/v1/users")).JsonAsync();
        var adminIds = users.EnumerateArray()
            .Where(u => u.GetProperty("role").GetString() == "Admin" && !u.GetProperty("disabled").GetBoolean())
            .Select(u => u.GetProperty("id").GetString()).ToList();
        Assert.Single(adminIds);

        var demote = await admin.PutAsJsonAsync($"/api/v1/users/{adminIds[0]}/role", new { role = "Member" });
        var disable = await admin.PostAsync($"/api/v1/users/{adminIds[0]}/disable", null);

        Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, disable.StatusCode);
    }

    [Fact]
    public async Task UnknownUsersAreNotFound()
    {
        using var admin = await ApiClient.AdminAsync(factory);

        var response = await admin.PutAsJsonAsync("/api/v1/users/no-such-id/role", new { role = "Member" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<int> CountUsersAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().Users.Count();
    }
}
