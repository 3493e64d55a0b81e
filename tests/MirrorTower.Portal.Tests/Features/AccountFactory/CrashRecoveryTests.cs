using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.AccountFactory;

/// <summary>
/// A real crash: the portal runs as its own process, launches are submitted, the process is killed mid-run and started
/// again on the same data folder; every record must complete, and every account exist exactly once.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const string Password = "Crash-Admin-Password-1";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "mirrortower-crash", Guid.NewGuid().ToString("N"));
    private readonly List<PortalProcess> _portals = [];

    /// <summary>A portal process on the test's data folder; a restart is a new process under the same instance name.</summary>
    private async Task<HttpClient> StartAsync()
    {
        var portal = new PortalProcess(_data, Password, new Dictionary<string, string>
        {
            ["MirrorTower__Cluster__InstanceName"] = "crash-test",
            ["MirrorTower__AccountFactory__StepDelayMilliseconds"] = "400",
            ["MirrorTower__AccountFactory__PollMilliseconds"] = "100",
        });
        _portals.Add(portal);
        await portal.StartAsync();
        return await portal.SignedInAsync();
    }

    [Fact]
    public async Task EveryRecordCompletesExactlyOnceAfterTheProcessIsKilledMidRun()
    {
        using var client = await StartAsync();
        var emails = Enumerable.Range(1, 8).Select(i => $"crash-{i}@tests.example").ToList();
        var records = new List<string>();
        foreach (var email in emails)
        {
            var response = await client.PostAsJsonAsync("/api/v1/provisioned-products", new { parameters = AccountFactoryApi.Parameters(email) });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            records.Add((await response.JsonAsync()).GetProperty("lastRecord").GetProperty("recordId").GetString()!);
        }
        var before = await WaitForAsync(client, records, views => views.Count(v => Done(v) > 0) >= 3 && views.Any(v => Running(v) > 0), TimeSpan.FromSeconds(60));
        Assert.True(before.All(v => v.GetProperty("status").GetString() != "SUCCEEDED" || Done(v) == 6));

        await _portals[^1].KillAsync();
        using var again = await StartAsync();
        var after = await WaitForAsync(again, records, views => views.All(v => v.GetProperty("status").GetString() is "SUCCEEDED" or "FAILED"), TimeSpan.FromSeconds(90));

        Assert.All(after, v => Assert.Equal("SUCCEEDED", v.GetProperty("status").GetString()));
        Assert.All(after, v => Assert.All(v.GetProperty("steps").EnumerateArray(), s => Assert.Equal("Succeeded", s.GetProperty("status").GetString())));
        // Only the steps running when the process died ran again: at most one more attempt each, at most 5 of them
        // (the operations in progress at once). Which ones depends on the moment of the kill.
        var attempts = after.SelectMany(v => v.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("attempts").GetInt32())).ToList();
        Assert.All(attempts, a => Assert.InRange(a, 1, 2));
        Assert.InRange(attempts.Count(a => a == 2), 0, 5);
        var accounts = (await (await again.GetAsync("/api/v1/accounts")).JsonAsync()).EnumerateArray().Select(a => a.GetProperty("email").GetString()).ToList();
        Assert.All(emails, email => Assert.Single(accounts, a => a == email));
    }

    private static int Done(JsonElement record) => record.GetProperty("steps").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "Succeeded");

    private static int Running(JsonElement record) => record.GetProperty("steps").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "Running");

    private static async Task<List<JsonElement>> WaitForAsync(HttpClient client, IReadOnlyList<string> records, Func<List<JsonElement>, bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var views = new List<JsonElement>();
            foreach (var id in records)
            {
                views.Add(await (await client.GetAsync($"/api/v1/records/{id}")).JsonAsync());
            }
            if (condition(views))
            {
                return views;
            }
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Records did not reach the expected state: {string.Join(", ", views.Select(v => $"{v.GetProperty("status").GetString()}:{Done(v)}"))}");
            }
            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        _portals.ForEach(p => p.Dispose());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (TestDatabase.OnPostgreSql)
        {
            TestDatabase.Drop(_data);
        }
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
