using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MirrorTower.Portal.Tests.Infrastructure;

/// <summary>Signs in through the real login endpoint and returns clients that carry the bearer token.</summary>
public static class ApiClient
{
    public static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });

    public static async Task<HttpClient> SignedInAsync(WebApplicationFactory<Program> factory, string email, string password)
    {
        // On Kestrel the client talks real HTTP to the server's loopback port.
        var baseAddress = factory is KestrelPortalFactory kestrel ? new Uri(kestrel.BaseUrl + "/") : new Uri("http://localhost");
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = baseAddress });
        var response = await LoginAsync(client, email, password);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        return client;
    }

    public static Task<HttpClient> AdminAsync(PortalFactory factory) =>
        SignedInAsync(factory, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

    /// <summary>Creates a user through the API as the admin, then signs in as it.</summary>
    public static async Task<HttpClient> NewUserAsync(PortalFactory factory, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@tests.example";
        const string password = "User-Password-42";
        using var admin = await AdminAsync(factory);
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email, password, role });
        created.EnsureSuccessStatusCode();
        return await SignedInAsync(factory, email, password);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
