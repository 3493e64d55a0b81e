using System.Net.Http.Json;
using System.Text.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.AccountFactory;

/// <summary>Helpers over the Account Factory API.</summary>
public static class AccountFactoryApi
{
    public static Dictionary<string, string?> Parameters(string email, string ou = "Sandbox", string? name = null) => new()
    {
        ["AccountEmail"] = email,
        ["AccountName"] = name ?? email.Split('@')[0],
        ["ManagedOrganizationalUnit"] = ou,
        ["SSOUserEmail"] = "owner@" + email.Split('@')[1],
        ["SSOUserFirstName"] = "Ada",
        ["SSOUserLastName"] = "Lovelace",
    };

    public static Task<HttpResponseMessage> LaunchAsync(HttpClient client, Dictionary<string, string?> parameters) =>
        client.PostAsJsonAsync("/api/v1/provisioned-products", new { parameters });

    public static async Task<string> LaunchedRecordAsync(HttpClient client, string email, string ou = "Sandbox")
    {
        var response = await LaunchAsync(client, Parameters(email, ou));
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).GetProperty("lastRecord").GetProperty("recordId").GetString()!;
    }

    /// <summary>Waits until the record succeeds or fails, for at most 30 seconds.</summary>
    public static async Task<JsonElement> FinishedAsync(HttpClient client, string recordId)
    {
        for (var i = 0; i < 600; i++)
        {
            var record = await (await client.GetAsync($"/api/v1/records/{recordId}")).JsonAsync();
            if (record.GetProperty("status").GetString() is "SUCCEEDED" or "FAILED")
            {
                return record;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Record {recordId} did not finish.");
    }

    public static async Task<JsonElement> ProductAsync(HttpClient client, string provisionedProductId) =>
        await (await client.GetAsync($"/api/v1/provisioned-products/{provisionedProductId}")).JsonAsync();
}
