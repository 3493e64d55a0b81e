using System.Net.Http.Json;
using System.Text.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Mirroring;

/// <summary>Helpers over the REST API for the demo's hub and spoke.</summary>
public static class MirroringApi
{
    public const string Region = "eu-west-1";

    public static async Task<JsonElement> OverviewAsync(HttpClient client) => await (await client.GetAsync("/api/v1/traffic-mirroring")).JsonAsync();

    public static async Task<JsonElement> NetworkAsync(HttpClient client) => await (await client.GetAsync("/api/v1/network")).JsonAsync();

    /// <summary>The ENI of a demo instance by its name (web-1, app-1, db-legacy, ids-1, ...).</summary>
    public static async Task<string> EniOfAsync(HttpClient client, string instanceName)
    {
        var network = await NetworkAsync(client);
        var instanceId = network.GetProperty("instances").EnumerateArray().Single(i => i.GetProperty("instance").GetProperty("name").GetString() == instanceName)
            .GetProperty("instance").GetProperty("id").GetString();
        return network.GetProperty("networkInterfaces").EnumerateArray().First(e => e.GetProperty("instanceId").GetString() == instanceId).GetProperty("id").GetString()!;
    }

    /// <summary>A new ENI, not attached to an instance, in the first subnet of the named demo VPC.</summary>
    public static async Task<string> CreateEniAsync(HttpClient client, string vpcName, string description = "sensor")
    {
        var vpc = (await NetworkAsync(client)).GetProperty("vpcs").EnumerateArray().Single(v => v.GetProperty("vpc").GetProperty("name").GetString() == vpcName);
        var accountId = vpc.GetProperty("vpc").GetProperty("accountId").GetString()!;
        var subnetId = vpc.GetProperty("subnets")[0].GetProperty("id").GetString();
        var response = await client.PostAsJsonAsync($"{Scope(accountId)}/network-interfaces", new { subnetId, description });
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).GetProperty("id").GetString()!;
    }

    public static async Task<string> TargetOfAsync(HttpClient client, string type) =>
        (await OverviewAsync(client)).GetProperty("targets").EnumerateArray().First(t => t.GetProperty("target").GetProperty("type").GetString() == type)
            .GetProperty("target").GetProperty("id").GetString()!;

    public static string Scope(string accountId) => $"/api/v1/accounts/{accountId}/regions/{Region}";

    public static async Task<string> CreateFilterAsync(HttpClient client, string accountId, string description = "test filter")
    {
        var response = await client.PostAsJsonAsync($"{Scope(accountId)}/traffic-mirror-filters", new { description });
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).GetProperty("id").GetString()!;
    }

    public static Task<HttpResponseMessage> AddRuleAsync(HttpClient client, string accountId, string filterId, object rule) =>
        client.PostAsJsonAsync($"{Scope(accountId)}/traffic-mirror-filters/{filterId}/rules", rule);

    public static Task<HttpResponseMessage> CreateSessionAsync(HttpClient client, string accountId, object session) =>
        client.PostAsJsonAsync($"{Scope(accountId)}/traffic-mirror-sessions", session);

    /// <summary>The messages of a 400's problem details, "field: message" per line.</summary>
    public static async Task<string> ErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.JsonAsync();
        return body.TryGetProperty("errors", out var errors)
            ? string.Join("\n", errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => $"{e.Name}: {m.GetString()}")))
            : body.GetProperty("detail").GetString() ?? "";
    }
}
