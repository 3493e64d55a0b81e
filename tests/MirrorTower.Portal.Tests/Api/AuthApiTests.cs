using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Api;

public sealed class AuthApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task LoginReturnsABearerTokenThatOpensTheApi()
    {
        using var client = factory.CreateClient();

        var login = await ApiClient.LoginAsync(client, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var token = (await login.JsonAsync()).GetProperty("accessToken").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new("Bearer", token);
        var me = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.False(string.IsNullOrEmpty(token));
        Assert.Equal(PortalFactory.AdminEmail, (await me.JsonAsync()).GetProperty("email").GetString());
    }

    [Fact]
    public async Task WrongPasswordIsUnauthorized()
    {
        using var client = factory.CreateClient();

        var login = await ApiClient.LoginAsync(client, PortalFactory.AdminEmail, "not-the-password");

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task MissingCredentialsAreABadRequestNamingTheFields()
    {
        using var client = factory.CreateClient();

        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "" });
        var errors = (await login.JsonAsync()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("password", out _));
    }

    [Theory]
    [InlineData("/api/v1/users")]
    [InlineData("/api/v1/audit-events")]
    [InlineData("/api/v1/me")]
    public async Task TheApiAnswers401WithoutAToken(string path)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AForgedTokenIsUnauthorized()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", "CfDJ8-forged-token");

        var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task HealthNamesTheInstanceAndItsCheckedDatabaseAndReadinessFollowsTheStart()
    {
        using var client = factory.CreateClient();
        var readiness = factory.Services.GetRequiredService<MirrorTower.Portal.Hosting.PortalReadiness>();

        var response = await client.GetAsync("/healthz");
        var health = await response.JsonAsync();
        var ready = await client.GetAsync("/readyz");
        readiness.Stopping();
        var draining = await client.GetAsync("/readyz");
        readiness.Ready();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(TestDatabase.OnPostgreSql ? "PostgreSql" : "Sqlite", health.GetProperty("database").GetProperty("provider").GetString());
        Assert.False(string.IsNullOrEmpty(health.GetProperty("instance").GetString()));
        // A lone instance leads its cluster of one.
        Assert.True(health.GetProperty("leader").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(health.GetProperty("instance").GetString(), (await ready.JsonAsync()).GetProperty("instance").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, draining.StatusCode);
        Assert.Equal("The instance is stopping.", (await draining.JsonAsync()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheApi()
    {
        using var client = factory.CreateClient();

        var document = await (await client.GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = document.GetProperty("paths");

        Assert.True(paths.TryGetProperty("/api/v1/auth/login", out _));
        Assert.True(paths.TryGetProperty("/api/v1/users", out _));
        Assert.True(paths.TryGetProperty("/api/v1/audit-events", out _));
    }
}
