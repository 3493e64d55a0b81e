using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MirrorTower.Engine.Compliance;
using MirrorTower.Portal.Data;

namespace MirrorTower.Portal.Features.Compliance;

/// <summary>A verdict as an evaluation gives it, before it is stored.</summary>
internal sealed record ResultRow(long ResourceId, string AccountId, string ControlIdentifier, ComplianceType Compliance, string Annotation);

/// <summary>
/// Brings the stored results of a scope in line with a fresh evaluation, writing only what differs: a new verdict is
/// inserted, a changed one updated (its time is then the time of the change), one no longer given deleted, an
/// unchanged one left alone. A periodic pass over an inventory that did not change writes nothing.
/// </summary>
internal static class ComplianceResultWriter
{
    /// <returns>How many results were inserted, updated or deleted.</returns>
    public static int Replace(PortalDbContext db, IQueryable<ComplianceResult> stored, IEnumerable<ResultRow> fresh, DateTime now)
    {
        var existing = ReadStored(db, stored);
        var inserts = new List<ResultRow>();
        var updates = new List<(long Id, ResultRow Row)>();
        foreach (var row in fresh)
        {
            if (!existing.Remove((row.ResourceId, row.ControlIdentifier), out var old))
            {
                inserts.Add(row);
            }
            else if (old.Compliance != row.Compliance || !string.Equals(old.Annotation, row.Annotation, StringComparison.Ordinal))
            {
                updates.Add((old.Id, row));
            }
        }
        // SQLite keeps EF's times as text in this form; PostgreSQL takes the time itself (timestamp with time zone).
        object time = db.Database.IsSqlite()
            ? now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture)
            : DateTime.SpecifyKind(now, DateTimeKind.Utc);
        // One prepared statement per kind, executed synchronously row by row: SQLite is in-process, and an async call per
        // row costs more than the row (a first full pass writes a couple of hundred thousand).
        Execute(db, """DELETE FROM "ComplianceResults" WHERE "Id" = @id""", ["id"], existing.Values.Select(r => new object[] { r.Id }));
        Execute(db, """UPDATE "ComplianceResults" SET "Compliance" = @compliance, "Annotation" = @annotation, "EvaluatedUtc" = @time WHERE "Id" = @id""",
            ["compliance", "annotation", "time", "id"], updates.Select(u => new object[] { u.Row.Compliance.ToString(), u.Row.Annotation, time, u.Id }));
        Execute(db, """
            INSERT INTO "ComplianceResults" ("ResourceId", "AccountId", "ControlIdentifier", "Compliance", "Annotation", "EvaluatedUtc")
            VALUES (@resource, @account, @control, @compliance, @annotation, @time)
            """, ["resource", "account", "control", "compliance", "annotation", "time"],
            inserts.Select(r => new object[] { r.ResourceId, r.AccountId, r.ControlIdentifier, r.Compliance.ToString(), r.Annotation, time }));
        return existing.Count + updates.Count + inserts.Count;
    }

    private sealed record Stored(long Id, ComplianceType Compliance, string Annotation);

    /// <summary>
    /// The stored results of the scope, read with the query's own SQL through a plain data reader: a full pass reads a
    /// couple of hundred thousand rows, and materialising them through EF costs several times the read.
    /// </summary>
    private static Dictionary<(long ResourceId, string ControlIdentifier), Stored> ReadStored(PortalDbContext db, IQueryable<ComplianceResult> stored)
    {
        using var command = stored.Select(r => new { r.Id, r.ResourceId, r.ControlIdentifier, r.Compliance, r.Annotation }).CreateDbCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<(long, string), Stored>();
        while (reader.Read())
        {
            rows[(reader.GetInt64(1), reader.GetString(2))] = new Stored(reader.GetInt64(0), Enum.Parse<ComplianceType>(reader.GetString(3)), reader.GetString(4));
        }
        return rows;
    }

    /// <summary>Runs <paramref name="sql"/> once per row, the row's values bound to <paramref name="names"/> in order.</summary>
    private static void Execute(PortalDbContext db, string sql, string[] names, IEnumerable<object[]> rows)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (connection.CanCreateBatch)
        {
            ExecuteBatched(connection, transaction, sql, names, rows);
            return;
        }
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        DbParameter[]? parameters = null;
        var prepared = false;
        foreach (var values in rows)
        {
            parameters ??= names.Select(name => Bind(command.CreateParameter(), command.Parameters, name)).ToArray();
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = Value(values[i]);
            }
            if (!prepared)
            {
                // Prepared once its parameters have values.
                command.Prepare();
                prepared = true;
            }
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// A server over the network (PostgreSQL): the rows go a thousand statements to a round trip. One statement per round
    /// trip made a first full pass of 183,000 results take 19 s there (SQLite, in-process, has no batches and needs none).
    /// </summary>
    private static void ExecuteBatched(DbConnection connection, DbTransaction? transaction, string sql, string[] names, IEnumerable<object[]> rows)
    {
        foreach (var chunk in rows.Chunk(1000))
        {
            using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var values in chunk)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                for (var i = 0; i < names.Length; i++)
                {
                    Bind(command.CreateParameter(), command.Parameters, names[i]).Value = Value(values[i]);
                }
                batch.BatchCommands.Add(command);
            }
            batch.ExecuteNonQuery();
        }
    }

    private static DbParameter Bind(DbParameter parameter, DbParameterCollection parameters, string name)
    {
        parameter.ParameterName = name;
        parameters.Add(parameter);
        return parameter;
    }

    private static object Value(object value) => value is string text ? Data.PostgreSql.NulCharacters.Replace(text) : value;
}
