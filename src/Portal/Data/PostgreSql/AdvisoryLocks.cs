using Microsoft.EntityFrameworkCore;

namespace MirrorTower.Portal.Data.PostgreSql;

/// <summary>
/// The keys of the PostgreSQL advisory locks the portal takes, in one place so that no two uses share a key.
/// Transaction-scoped locks (<c>pg_advisory_xact_lock</c>) end with their transaction, so a dead instance holds none.
/// </summary>
public static class AdvisoryLocks
{
    /// <summary>The write gate: one change at a time across every instance (the cluster's <c>BEGIN IMMEDIATE</c>).</summary>
    public const long WriteGate = 0x4D54_0001;

    /// <summary>Audit event ids: taken by the insert trigger so that ids stay consecutive across instances.</summary>
    public const long AuditIds = 0x4D54_0002;

    /// <summary>
    /// A start's migrations and seeding (roles, the bootstrap administrator, the catalog, the demo): instances started
    /// together do them one after the other, and the later ones find them done. Session-scoped, on a connection of its own.
    /// </summary>
    public const long Startup = 0x4D54_0003;

    /// <summary>Holds <see cref="Startup"/> until disposed; nothing on SQLite (one file, one process starting).</summary>
    public static async Task<IAsyncDisposable?> StartupAsync(PortalDbContext db)
    {
        if (!db.Database.IsNpgsql())
        {
            return null;
        }
        var connection = new Npgsql.NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        await using (var take = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({Startup})", connection))
        {
            await take.ExecuteNonQueryAsync();
        }
        // A session lock lasts as long as the server session: released explicitly, since a pooled connection stays open.
        return new Held(connection);
    }

    private sealed class Held(Npgsql.NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var release = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({Startup})", connection))
            {
                await release.ExecuteNonQueryAsync();
            }
            await connection.DisposeAsync();
        }
    }
}
