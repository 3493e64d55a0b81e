using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MirrorTower.Portal.Tests.Infrastructure;

/// <summary>
/// Where a test portal keeps its state: its SQLite file, or, when <c>MIRRORTOWER_TEST_POSTGRES</c> names a server
/// (<c>.ci/run</c> starts a throwaway one), a database of its own on that server, made for the portal and dropped after.
/// </summary>
public static class TestDatabase
{
    public const string ServerVariable = "MIRRORTOWER_TEST_POSTGRES";

    private static string? Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : null;

    public static bool OnPostgreSql => Server is not null;

    /// <summary>The connection string of the database named for a data folder, creating the database when it is new.</summary>
    public static string PostgreSqlFor(string dataDirectory)
    {
        var name = NameFor(dataDirectory);
        using (var admin = new NpgsqlConnection(AdminConnection()))
        {
            admin.Open();
            using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", admin) { Parameters = { new() { Value = name } } };
            if (exists.ExecuteScalar() is null)
            {
                using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                create.ExecuteNonQuery();
            }
        }
        // A small pool per portal: a test run holds dozens of portals at once on one server.
        return new NpgsqlConnectionStringBuilder(Server) { Database = name, MaxPoolSize = 20 }.ToString();
    }

    public static void Drop(string dataDirectory)
    {
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(AdminConnection());
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{NameFor(dataDirectory)}\" WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }

    /// <summary>A connection to a portal's database outside the portal, as someone with the file or the server would open one.</summary>
    public static DbConnection Open(string dataDirectory, string sqliteFile) => OnPostgreSql
        ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = NameFor(dataDirectory), Pooling = false }.ToString())
        : new SqliteConnection($"Data Source={sqliteFile};Pooling=False");

    private static string AdminConnection() => new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString();

    private static string NameFor(string dataDirectory) => "mt_" + Path.GetFileName(Path.TrimEndingDirectorySeparator(dataDirectory)).ToLowerInvariant();
}
