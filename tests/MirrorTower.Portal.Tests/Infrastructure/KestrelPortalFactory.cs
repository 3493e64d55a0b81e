using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MirrorTower.Portal.Tests.Infrastructure;

/// <summary>
/// The portal on Kestrel (a loopback port, real HTTP) with the demo organization loaded, for clients that bring their
/// own HTTP stack: the AWS SDK and the AWS CLI.
/// </summary>
public sealed class KestrelPortalFactory : PortalFactory, IAsyncLifetime
{
    public string BaseUrl { get; private set; } = "";

    public string Ec2Endpoint => BaseUrl + "/aws";

    public async Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        using var admin = await ApiClient.AdminAsync(this);
        await OrganizationApi.LoadDemoAsync(admin);
    }

    /// <summary>A new access key of the admin, acting in the named demo account.</summary>
    public async Task<(string Id, string Secret, string AccountId)> AccessKeyAsync(HttpClient user, string accountName)
    {
        var account = await OrganizationApi.AccountNamedAsync(user, accountName);
        var accountId = account.GetProperty("id").GetString()!;
        var response = await user.PostAsJsonAsync("/api/v1/access-keys", new { accountId, description = "tests" });
        if (response.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            // A user holds at most five active keys, and the tests of one class share a portal: the oldest gives way.
            var active = (await (await user.GetAsync("/api/v1/access-keys")).Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
                .Where(k => k.GetProperty("revokedUtc").ValueKind == JsonValueKind.Null).OrderBy(k => k.GetProperty("createdUtc").GetDateTime()).ToList();
            if (active.Count >= 5)
            {
                (await user.DeleteAsync($"/api/v1/access-keys/{active[0].GetProperty("accessKeyId").GetString()}")).EnsureSuccessStatusCode();
                response = await user.PostAsJsonAsync("/api/v1/access-keys", new { accountId, description = "tests" });
            }
        }
        response.EnsureSuccessStatusCode();
        var key = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (key.GetProperty("accessKeyId").GetString()!, key.GetProperty("secretAccessKey").GetString()!, accountId);
    }

    Task IAsyncLifetime.DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }
}
