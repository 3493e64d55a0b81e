using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Audit;

namespace MirrorTower.Portal.Data;

/// <summary>
/// The one door for changes whose checks read what other writers change: counted limits (sessions per ENI, active keys
/// per user, SCPs per target), uniqueness that spans rows, and state transitions. A scope is one writer at a time in
/// this process (an async lock, so twenty waiting requests queue instead of polling the database) and, in the
/// database, a write lock taken before the first read, so that other processes on the same database serialize too:
/// on SQLite <c>BEGIN IMMEDIATE</c> (which EF's <c>BeginTransaction</c> issues there), on PostgreSQL a
/// transaction-scoped advisory lock every instance takes, released by the commit (or by the server when an instance
/// dies). Everything the change reads, checks and writes, and its audit event, commit together or not at all.
/// </summary>
public sealed class WriteGate(PortalContextFactory dbFactory)
{
    // A change holds the gate for milliseconds; a wait this long means a scope was never disposed.
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _writer = new(1, 1);

    public async Task<WriteScope> BeginAsync(CancellationToken cancellationToken = default)
    {
        if (!await _writer.WaitAsync(MaxWait, cancellationToken))
        {
            throw new TimeoutException("No change could start within 30 s: another change holds the write gate.");
        }
        PortalDbContext? db = null;
        try
        {
            db = dbFactory.CreateDbContext();
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (dbFactory.Provider == DatabaseProvider.PostgreSql)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgreSql.AdvisoryLocks.WriteGate})", cancellationToken);
            }
            return new WriteScope(db, transaction, _writer);
        }
        catch
        {
            if (db is not null)
            {
                await db.DisposeAsync();
            }
            _writer.Release();
            throw;
        }
    }
}

/// <summary>
/// One serialized change: read, check and write through <see cref="Db"/>, then <see cref="CommitAsync"/> or
/// <see cref="RefuseAsync"/>. Features open scopes through <see cref="ChangePipeline"/>, which does both.
/// </summary>
public sealed class WriteScope(PortalDbContext db, IDbContextTransaction transaction, SemaphoreSlim writer) : IAsyncDisposable
{
    private bool _ended, _disposed;

    public PortalDbContext Db { get; } = db;

    /// <summary>Saves what the change added (its audit event included) and commits.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await Db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _ended = true;
    }

    /// <summary>
    /// Ends the change without saving it and records why, on this connection: another connection could not write
    /// the refusal while this one holds the database's write lock.
    /// </summary>
    public async Task RefuseAsync(AuditEvent refusal)
    {
        await transaction.RollbackAsync();
        _ended = true;
        Db.ChangeTracker.Clear();
        Db.AuditEvents.Add(refusal);
        await Db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            if (!_ended)
            {
                await transaction.RollbackAsync();
            }
            await transaction.DisposeAsync();
            await Db.DisposeAsync();
        }
        finally
        {
            writer.Release();
        }
    }
}
