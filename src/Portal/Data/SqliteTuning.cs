using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MirrorTower.Portal.Data;

/// <summary>
/// Gives every SQLite connection a 64 MB page cache (SQLite's default is 2 MB). A compliance pass over a hundred
/// thousand resources touches every page of the results and their indexes; with the default the transaction spills
/// pages and reads them back (the dashboard bench: first pass 5.4 s to 4.0 s, dashboard 63 to 35 ms). The cache grows only
/// as pages are read, so a small database costs no more.
/// </summary>
public sealed class SqliteTuning : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA cache_size = -65536;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
