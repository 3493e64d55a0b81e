using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;

namespace MirrorTower.Benchmarks.AccountFactory;

/// <summary>
/// `-- cluster [launches] [simulations]` (issue #20): one, then two portal processes on one PostgreSQL database (the
/// server named by MIRRORTOWER_BENCH_POSTGRES, e.g. "Host=127.0.0.1;Port=5432;Username=mirrortower"; a fresh database per
/// round), requests spread round-robin over the instances. Vending: launches submitted 16 at a time with instant steps,
/// timed until every record SUCCEEDED. Policy simulations: SCP decisions for the demo's accounts, 32 at a time. Prints
/// requests/s and p99 latency for each, one instance beside two. Three rounds each; medians.
/// </summary>
public static class ClusterBench
{
    private const string Password = "Bench-Admin-Password-1";
    private const int Rounds = 3;

    public static async Task RunAsync(int launches, int simulations)
    {
        var server = Environment.GetEnvironmentVariable("MIRRORTOWER_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("Set MIRRORTOWER_BENCH_POSTGRES to a PostgreSQL server, e.g. \"Host=127.0.0.1;Port=5432;Username=mirrortower\".");
        var rows = new List<string>();
        foreach (var instances in new[] { 1, 2 })
        {
            var vending = new List<(double PerSecond, double P99)>();
            var policy = new List<(double PerSecond, double P99)>();
            for (var round = 0; round < Rounds; round++)
            {
                var (v, p) = await RoundAsync(server, instances, launches, simulations);
                vending.Add(v);
                policy.Add(p);
            }
            rows.Add($"{instances} instance(s): vending {Median(vending.Select(v => v.PerSecond)):0.0} launches/s to SUCCEEDED (submit p99 {Median(vending.Select(v => v.P99)):0} ms); " +
                $"policy simulations {Median(policy.Select(p => p.PerSecond)):0} req/s (p99 {Median(policy.Select(p => p.P99)):0.0} ms)");
        }
        Console.WriteLine($"Medians of {Rounds} rounds, {launches} launches and {simulations} policy simulations per round, on {Environment.ProcessorCount} cores:");
        rows.ForEach(Console.WriteLine);
    }

    private static async Task<((double, double) Vending, (double, double) Policy)> RoundAsync(string server, int count, int launches, int simulations)
    {
        var database = $"mt_bench_{Guid.NewGuid():N}";
        var folder = Path.Combine(Path.GetTempPath(), "mirrortower-bench", database);
        await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();
        var processes = new List<Process>();
        var clients = new List<HttpClient>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var (process, client) = await StartAsync(folder, connection, $"bench-{i}");
                processes.Add(process);
                clients.Add(client);
            }
            (await clients[0].PostAsync("/api/v1/demo-organization", null)).EnsureSuccessStatusCode();
            var accounts = (await clients[0].GetFromJsonAsync<JsonElement>("/api/v1/accounts")).EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToList();

            var watch = Stopwatch.StartNew();
            var submitted = await LoadAsync(launches, 16, i => clients[i % count].PostAsJsonAsync("/api/v1/provisioned-products", new
            {
                parameters = new Dictionary<string, string>
                {
                    ["AccountEmail"] = $"bench-{i}@bench.example", ["AccountName"] = $"bench-{i}", ["ManagedOrganizationalUnit"] = "Sandbox",
                    ["SSOUserEmail"] = $"owner-{i}@bench.example", ["SSOUserFirstName"] = "Bench", ["SSOUserLastName"] = "User", ["VpcRegions"] = "",
                },
            }));
            while (await ScalarAsync(connection, """SELECT COUNT(*) FROM "ProvisioningRecords" WHERE "Status" = 'SUCCEEDED' AND "Type" = 'PROVISION_PRODUCT'""") < launches)
            {
                if (watch.Elapsed > TimeSpan.FromMinutes(10))
                {
                    throw new TimeoutException("The launches did not all succeed within 10 minutes.");
                }
                await Task.Delay(50);
            }
            var vending = (launches / watch.Elapsed.TotalSeconds, P99(submitted.Latencies));

            var decided = await LoadAsync(simulations, 32, i => clients[i % count].PostAsJsonAsync("/api/v1/policy-simulations",
                new { accountId = accounts[i % accounts.Count], action = i % 2 == 0 ? "s3:ListBucket" : "ec2:DeleteFlowLogs", region = i % 3 == 0 ? "us-east-1" : "eu-west-1" }));
            return (vending, (simulations / decided.Elapsed.TotalSeconds, P99(decided.Latencies)));
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            clients.ForEach(c => c.Dispose());
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Sends <paramref name="total"/> requests, <paramref name="parallel"/> at a time; every one must succeed.</summary>
    private static async Task<(TimeSpan Elapsed, List<double> Latencies)> LoadAsync(int total, int parallel, Func<int, Task<HttpResponseMessage>> send)
    {
        var latencies = new double[total];
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, total), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await send(i);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Request {i} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        });
        return (watch.Elapsed, [.. latencies]);
    }

    private static async Task<(Process, HttpClient)> StartAsync(string folder, string connection, string name)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MirrorTower.dll"));
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["MirrorTower__DataDirectory"] = folder;
        start.Environment["MirrorTower__Database__Provider"] = "PostgreSql";
        start.Environment["ConnectionStrings__MirrorTower"] = connection;
        start.Environment["MirrorTower__Cluster__InstanceName"] = name;
        start.Environment["MirrorTower__Bootstrap__AdminPassword"] = Password;
        start.Environment["MirrorTower__AccountFactory__StepDelayMilliseconds"] = "0";
        start.Environment["MirrorTower__AccountFactory__PollMilliseconds"] = "50";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if ((await client.GetAsync("/readyz")).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (attempt > 600)
            {
                process.Kill();
                throw new InvalidOperationException("The portal did not start within 60 s.");
            }
            await Task.Delay(100);
        }
        var login = await (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "admin@mirrortower.local", password = Password })).Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        return (process, client);
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ToString());
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string connection, string sql)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static double P99(List<double> values) => values.Order().ElementAt((int)Math.Ceiling(values.Count * 0.99) - 1);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
