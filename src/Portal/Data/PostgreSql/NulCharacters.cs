using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MirrorTower.Portal.Data.PostgreSql;

/// <summary>
/// PostgreSQL's text cannot hold U+0000 (SQLite's can): a value with one fails the whole statement. Free text the
/// validators let through (an audit reason quoting a hostile input, a description) reaches the database with U+FFFD
/// in its place, the character the portal's pages and JSON show for what cannot be shown; a lookup with one matches
/// nothing, as it would on SQLite.
/// </summary>
public sealed class NulCharacters : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Replace(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Replace(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Replace(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Replace(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Replace(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Replace(command);
        return ValueTask.FromResult(result);
    }

    public static string Replace(string value) => value.Replace('\0', '\uFFFD');

    private static void Replace(DbCommand command)
    {
        foreach (DbParameter parameter in command.Parameters)
        {
            if (parameter.Value is string text && text.Contains('\0'))
            {
                parameter.Value = Replace(text);
            }
        }
    }
}
