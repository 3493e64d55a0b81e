using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MirrorTower.Portal.Data;

/// <summary>What a failed write means, whatever the provider said it in.</summary>
public static class DatabaseErrors
{
    // SQLite's SQLITE_CONSTRAINT family (19): a unique index or primary key refused the row.
    private const int SqliteConstraint = 19;

    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException { SqliteErrorCode: SqliteConstraint } => true,
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => true,
        _ => false,
    };
}
