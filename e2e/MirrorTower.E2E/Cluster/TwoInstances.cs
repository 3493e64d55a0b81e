using MirrorTower.E2E.Infrastructure;
using Npgsql;

namespace MirrorTower.E2E.Cluster;

/// <summary>
/// Two portals on one PostgreSQL database (the server named by MIRRORTOWER_TEST_POSTGRES, which .ci/run's PostgreSQL
/// pass sets) and one data folder, both with the demo: instance A works, a browser watches instance B.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mirrortower-e2e", Guid.NewGuid().ToString("N"));
    private string Database => "mt_" + Path.GetFileName(_folder);

    private static string Server => Environment.GetEnvironmentVariable("MIRRORTOWER_TEST_POSTGRES") is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException("The cluster journeys run on PostgreSQL: set MIRRORTOWER_TEST_POSTGRES (.ci/run's PostgreSQL pass does).");

    public PortalServer A { get; private set; } = default!;

    public PortalServer B { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await ExecuteAsync($"CREATE DATABASE \"{Database}\"");
        var settings = new Dictionary<string, string>
        {
            ["MirrorTower:Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:MirrorTower"] = new NpgsqlConnectionStringBuilder(Server) { Database = Database, MaxPoolSize = 20 }.ToString(),
            ["MirrorTower:Cluster:LeaseSeconds"] = "3",
        };
        A = new Instance(_folder, new Dictionary<string, string>(settings) { ["MirrorTower:Cluster:InstanceName"] = "e2e-a" });
        await ((IAsyncLifetime)A).InitializeAsync();
        B = new Instance(_folder, new Dictionary<string, string>(settings) { ["MirrorTower:Cluster:InstanceName"] = "e2e-b" });
        await ((IAsyncLifetime)B).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)B).DisposeAsync();
        await ((IAsyncLifetime)A).DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)");
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString());
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Instance(string folder, IReadOnlyDictionary<string, string> settings) : PortalServer(folder, settings)
    {
        protected override bool SeedDemo => true;

        protected override bool OwnsDataDirectory => false;
    }
}
