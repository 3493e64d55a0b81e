namespace MirrorTower.Portal.Tests.Infrastructure;

/// <summary>
/// A data folder (and, on PostgreSQL, its database) that several portals of one test share, as instances of one
/// cluster do; removed when the test ends, after every portal on it has stopped.
/// </summary>
public sealed class SharedDataFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mirrortower-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (TestDatabase.OnPostgreSql)
        {
            TestDatabase.Drop(Path);
        }
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
