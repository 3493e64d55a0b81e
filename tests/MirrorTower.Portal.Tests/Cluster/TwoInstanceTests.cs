using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MirrorTower.Portal.Tests.Features.AccountFactory;
using MirrorTower.Portal.Tests.Features.Mirroring;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Cluster;

/// <summary>
/// Two portal processes on one PostgreSQL database (issue #20): launches spread over both run each exactly once, never
/// more than five in progress across the cluster, and when one instance is killed (SIGKILL: no clean stop, its leases
/// left behind) the other takes its records once their leases expire and every record still succeeds.
/// Runs in <c>.ci/run</c>'s PostgreSQL pass only (trait <c>Database=PostgreSql</c>).
/// </summary>
[Trait("Database", "PostgreSql")]
public sealed class TwoInstanceTests : IDisposable
{
    private const string Password = "Cluster-Admin-Password-1";
    private const int Launches = 100;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "mirrortower-cluster", Guid.NewGuid().ToString("N"));
    private readonly List<PortalProcess> _instances = [];

    private PortalProcess Instance(string name)
    {
        var instance = new PortalProcess(_data, Password, new Dictionary<string, string>
        {
            ["MirrorTower__Cluster__InstanceName"] = name,
            ["MirrorTower__Cluster__LeaseSeconds"] = "3",
            ["MirrorTower__AccountFactory__StepDelayMilliseconds"] = "100",
            ["MirrorTower__AccountFactory__PollMilliseconds"] = "100",
        });
        _instances.Add(instance);
        return instance;
    }

    [Fact]
    public async Task LaunchesOverTwoInstancesRunOnceEachWithinTheClusterLimitAndSurviveAKilledInstance()
    {
        var (onA, onB) = await TwoAsync();
        using var disposeA = onA;
        using var disposeB = onB;
        var emails = Enumerable.Range(1, Launches).Select(i => $"cluster-{i:000}@tests.example").ToList();
        using var sampling = new CancellationTokenSource();
        var samples = SampleAsync(sampling.Token);

        var records = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(emails.Select((email, i) => (email, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (launch, _) =>
        {
            var response = await (launch.i % 2 == 0 ? onA : onB).PostAsJsonAsync("/api/v1/provisioned-products",
                new { parameters = AccountFactoryApi.Parameters(launch.email) });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            records.Add((await response.JsonAsync()).GetProperty("lastRecord").GetProperty("recordId").GetString()!);
        });
        await WaitUntilAsync("""SELECT COUNT(*) FROM "ProvisioningRecords" WHERE "Status" = 'SUCCEEDED'""", 20, TimeSpan.FromSeconds(120));
        await WaitUntilAsync("""SELECT COUNT(*) FROM "ProvisioningRecords" WHERE "Status" = 'IN_PROGRESS' AND "LeaseHolder" = 'instance-a'""", 1, TimeSpan.FromSeconds(30));
        await _instances[0].KillAsync();
        var heldByA = await CountAsync("""SELECT COUNT(*) FROM "ProvisioningRecords" WHERE "Status" = 'IN_PROGRESS' AND "LeaseHolder" = 'instance-a'""");
        await WaitUntilAsync("""SELECT COUNT(*) FROM "ProvisioningRecords" WHERE "Status" IN ('SUCCEEDED', 'FAILED')""", Launches, TimeSpan.FromSeconds(240));
        sampling.Cancel();
        var (maxInProgress, holders) = await samples;

        Assert.Equal(Launches, records.Distinct().Count());
        Assert.Equal(Launches, await CountAsync("""SELECT COUNT(*) FROM "ProvisioningRecords" WHERE "Status" = 'SUCCEEDED'"""));
        Assert.InRange(maxInProgress, 1, 5);
        Assert.Contains("instance-a", holders);
        Assert.Contains("instance-b", holders);
        Assert.True(heldByA > 0, "instance A held no record when it was killed: the test proved nothing about taking over.");
        var accounts = (await (await onB.GetAsync("/api/v1/accounts")).JsonAsync()).EnumerateArray().Select(x => x.GetProperty("email").GetString()).ToList();
        Assert.All(emails, email => Assert.Single(accounts, x => x == email));
        var health = await (await onB.GetAsync("/healthz")).JsonAsync();
        Assert.Equal("instance-b", health.GetProperty("instance").GetString());
        Assert.True(health.GetProperty("leader").GetBoolean(), "B did not take the leader's lease of the killed A.");
    }

    /// <summary>Two instances started at the same moment on an empty database: one migrates and seeds, the other finds it done.</summary>
    [Fact]
    public async Task TwoInstancesStartedTogetherMigrateAndSeedOnce()
    {
        var a = Instance("instance-a");
        var b = Instance("instance-b");

        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        using var onA = await a.SignedInAsync();
        using var onB = await b.SignedInAsync();

        Assert.Equal(1, await CountAsync("""SELECT COUNT(*) FROM "AspNetUsers" WHERE "NormalizedEmail" = 'ADMIN@TESTS.EXAMPLE'"""));
        // Each of the PostgreSQL migrations applied once.
        var migrations = typeof(MirrorTower.Portal.Data.PostgreSql.PostgreSqlDbContext).Assembly.GetTypes().Count(t =>
            t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false).Length > 0
            && t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Infrastructure.DbContextAttribute), false)
                .OfType<Microsoft.EntityFrameworkCore.Infrastructure.DbContextAttribute>().Single().ContextType == typeof(MirrorTower.Portal.Data.PostgreSql.PostgreSqlDbContext));
        Assert.True(migrations >= 2, $"found {migrations} PostgreSQL migrations");
        Assert.Equal(migrations, await CountAsync("""SELECT COUNT(*) FROM "__EFMigrationsHistory" """));
        Assert.Equal(migrations, await CountAsync("""SELECT COUNT(DISTINCT "MigrationId") FROM "__EFMigrationsHistory" """));
        var demoAccounts = await CountAsync("""SELECT COUNT(*) FROM "Accounts" WHERE "Email" LIKE '%@demo.mirrortower.local'""");
        Assert.InRange(demoAccounts, 5, 50);
        Assert.Equal(demoAccounts, await CountAsync("""SELECT COUNT(DISTINCT "Email") FROM "Accounts" WHERE "Email" LIKE '%@demo.mirrortower.local'"""));
        Assert.Equal(2, await CountAsync("""SELECT COUNT(*) FROM "ClusterInstances" """));
    }

    /// <summary>Twenty sessions on one ENI sent at once, half to each instance: the gate is cluster-wide, so exactly three exist.</summary>
    [Fact]
    public async Task ACountedLimitHoldsAcrossInstances()
    {
        var (onA, onB) = await TwoAsync();
        using (onA)
        using (onB)
        {
            var accountId = (await OrganizationApi.AccountNamedAsync(onA, "payments-prod")).GetProperty("id").GetString()!;
            var sensor = await MirroringApi.EniOfAsync(onA, "app-1");
            var filterId = await MirroringApi.CreateFilterAsync(onA, accountId);
            var target = await MirroringApi.TargetOfAsync(onA, "network-load-balancer");

            var responses = await Simultaneous.SendAsync(20, i => MirroringApi.CreateSessionAsync(i % 2 == 0 ? onA : onB, accountId,
                new { networkInterfaceId = sensor, trafficMirrorTargetId = target, trafficMirrorFilterId = filterId, sessionNumber = i + 1 }));

            var sessions = (await MirroringApi.OverviewAsync(onB)).GetProperty("sessions").EnumerateArray()
                .Count(x => x.GetProperty("session").GetProperty("networkInterfaceId").GetString() == sensor);
            Assert.Equal(3, sessions);
            Assert.Equal(3, responses.Count(r => r.IsSuccessStatusCode));
            Assert.Equal(17, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        }
    }

    /// <summary>A run in progress on an instance that dies is marked Stopped by the survivor, with the reason.</summary>
    [Fact]
    public async Task ARunOfAKilledInstanceIsMarkedStoppedByTheOther()
    {
        var (onA, onB) = await TwoAsync();
        using (onA)
        using (onB)
        {
            var started = await onA.PostAsJsonAsync("/api/v1/simulations", new { scenario = "WebTier", packetsPerSecond = 1_000, durationSeconds = 600, seed = 1, speed = 1 });
            started.EnsureSuccessStatusCode();
            var runId = (await started.JsonAsync()).GetProperty("id").GetString()!;
            var whileAlive = await (await onB.GetAsync($"/api/v1/simulations/{runId}")).JsonAsync();

            await _instances[0].KillAsync();
            var watch = Stopwatch.StartNew();
            System.Text.Json.JsonElement run;
            while ((run = await (await onB.GetAsync($"/api/v1/simulations/{runId}")).JsonAsync()).GetProperty("status").GetString() == "Running")
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "The killed instance's run was not stopped within 30 s.");
                await Task.Delay(200);
            }

            Assert.Equal("Running", whileAlive.GetProperty("status").GetString());
            Assert.Equal("Stopped", run.GetProperty("status").GetString());
            Assert.Contains("instance running it stopped", run.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    private async Task<(HttpClient OnA, HttpClient OnB)> TwoAsync()
    {
        var a = Instance("instance-a");
        var b = Instance("instance-b");
        await a.StartAsync();
        await b.StartAsync();
        return (await a.SignedInAsync(), await b.SignedInAsync());
    }

    /// <summary>Samples, every 50 ms, how many records are IN_PROGRESS cluster-wide and which instances hold leases.</summary>
    private async Task<(long MaxInProgress, HashSet<string> Holders)> SampleAsync(CancellationToken stop)
    {
        long max = 0;
        var holders = new HashSet<string>();
        while (!stop.IsCancellationRequested)
        {
            await using var connection = TestDatabase.Open(_data, "");
            await connection.OpenAsync(CancellationToken.None);
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT COUNT(*) FILTER (WHERE "Status" = 'IN_PROGRESS'), string_agg(DISTINCT "LeaseHolder", ',') FROM "ProvisioningRecords" """;
            await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
            await reader.ReadAsync(CancellationToken.None);
            max = Math.Max(max, reader.GetInt64(0));
            if (!reader.IsDBNull(1))
            {
                holders.UnionWith(reader.GetString(1).Split(','));
            }
            await Task.Delay(50, CancellationToken.None);
        }
        return (max, holders);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = TestDatabase.Open(_data, "");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task WaitUntilAsync(string countSql, long atLeast, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        long count;
        while ((count = await CountAsync(countSql)) < atLeast)
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"{count} (not {atLeast}) after {timeout.TotalSeconds} s: {countSql}");
            }
            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        foreach (var instance in _instances)
        {
            instance.Dispose();
        }
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
