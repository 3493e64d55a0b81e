using Microsoft.Data.Sqlite;

namespace MirrorTower.Portal.Data;

/// <summary>
/// Resolves the SQLite connection string. SQLite resolves a relative <c>Data Source</c> against the
/// process's current directory, not the content root, so the path is made absolute here.
/// </summary>
public static class DatabaseLocation
{
    public const string ConnectionStringName = "MirrorTower";
    private const string DefaultFileName = "mirrortower.db";

    public static string DataDirectory(IConfiguration configuration, string contentRoot)
    {
        var directory = configuration["MirrorTower:DataDirectory"] is { Length: > 0 } configured ? configured : "data";
        return Path.GetFullPath(Path.Combine(contentRoot, directory));
    }

    public static string KeysDirectory(IConfiguration configuration, string contentRoot) =>
        Path.Combine(DataDirectory(configuration, contentRoot), "keys");

    public static string Resolve(IConfiguration configuration, string contentRoot)
    {
        var dataDirectory = DataDirectory(configuration, contentRoot);
        var configured = configuration.GetConnectionString(ConnectionStringName);
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={DefaultFileName}"
            : configured);

        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(dataDirectory, builder.DataSource));
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        builder.Pooling = true;
        return builder.ToString();
    }
}
