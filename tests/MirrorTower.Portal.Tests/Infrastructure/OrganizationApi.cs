using System.Net.Http.Json;
using System.Text.Json;

namespace MirrorTower.Portal.Tests.Infrastructure;

/// <summary>Helpers over the organization API, for tests that need a landing zone or the demo organization.</summary>
public static class OrganizationApi
{
    public static async Task<JsonElement> LoadDemoAsync(HttpClient admin)
    {
        var response = await admin.PostAsync("/api/v1/demo-organization", null);
        response.EnsureSuccessStatusCode();
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> AccountNamedAsync(HttpClient client, string name)
    {
        var accounts = await (await client.GetAsync("/api/v1/accounts")).JsonAsync();
        return accounts.EnumerateArray().Single(a => a.GetProperty("name").GetString() == name);
    }

    public static async Task<JsonElement> OuNamedAsync(HttpClient client, string name)
    {
        var ous = await (await client.GetAsync("/api/v1/ous")).JsonAsync();
        return ous.EnumerateArray().Single(o => o.GetProperty("name").GetString() == name);
    }

    /// <summary>Waits for a control operation to leave IN_PROGRESS, for at most ten seconds.</summary>
    public static async Task<JsonElement> WaitForOperationAsync(HttpClient client, string operationId)
    {
        for (var i = 0; i < 200; i++)
        {
            var operation = await (await client.GetAsync($"/api/v1/control-operations/{operationId}")).JsonAsync();
            if (operation.GetProperty("status").GetString() != "IN_PROGRESS")
            {
                return operation;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Operation {operationId} is still IN_PROGRESS.");
    }

    public static async Task<JsonElement> EnableAsync(HttpClient admin, string ouId, string control, object? parameters = null)
    {
        var response = await admin.PostAsJsonAsync($"/api/v1/ous/{ouId}/enabled-controls", new { controlIdentifier = control, parameters });
        response.EnsureSuccessStatusCode();
        var id = (await response.JsonAsync()).GetProperty("operationIdentifier").GetString()!;
        return await WaitForOperationAsync(admin, id);
    }

    public static Task<HttpResponseMessage> ActAsync(HttpClient admin, string accountId, string action, string? resourceArn = null, string? region = null, string? principalArn = null) =>
        admin.PostAsJsonAsync($"/api/v1/accounts/{accountId}/actions", new { action, resourceArn, region, principalArn });
}
