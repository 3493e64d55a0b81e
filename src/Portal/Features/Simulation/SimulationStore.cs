using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Engine.Simulation;
using MirrorTower.Portal.Data;

namespace MirrorTower.Portal.Features.Simulation;

/// <summary>Finished runs in the database (summary and time series) and their captures in the data folder.</summary>
public sealed class SimulationStore(IDbContextFactory<PortalDbContext> dbFactory, IConfiguration configuration, IHostEnvironment environment,
    Microsoft.Extensions.Options.IOptions<SimulationOptions> options, TimeProvider time)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string DirectoryOf(string runId)
    {
        var directory = Path.Combine(DatabaseLocation.DataDirectory(configuration, environment.ContentRootPath), "runs", runId);
        Directory.CreateDirectory(directory);
        return directory;
    }

    public async Task AddAsync(SimulationRunRecord record)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.SimulationRuns.Add(record);
        await db.SaveChangesAsync();
    }

    public async Task FinishAsync(RunSnapshot snapshot)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var record = await db.SimulationRuns.FindAsync(snapshot.Id);
        if (record is null)
        {
            return;
        }
        record.Status = snapshot.Status;
        record.EndedUtc = time.GetUtcNow().UtcDateTime;
        record.Message = snapshot.Message;
        record.ReportJson = JsonSerializer.Serialize(snapshot.Report, Json);
        record.TimeSeriesJson = JsonSerializer.Serialize(snapshot.Series, Json);
        await db.SaveChangesAsync();
        await PruneCapturesAsync(db);
    }

    // Captures are the bulk of a run (a replay of a million frames writes a gigabyte): only the newest finished runs
    // keep theirs, so the data folder cannot grow without bound.
    private async Task PruneCapturesAsync(PortalDbContext db)
    {
        var expired = await db.SimulationRuns.AsNoTracking().Where(r => r.EndedUtc != null).OrderByDescending(r => r.StartedUtc)
            .Skip(Math.Max(0, options.Value.RetainedCaptures)).Select(r => r.Id).ToListAsync();
        var root = Path.Combine(DatabaseLocation.DataDirectory(configuration, environment.ContentRootPath), "runs");
        foreach (var directory in expired.Select(id => Path.Combine(root, id)).Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public async Task<IReadOnlyList<SimulationRunRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SimulationRuns.AsNoTracking().OrderByDescending(r => r.StartedUtc).Take(100).ToListAsync(cancellationToken);
    }

    public async Task<SimulationRunRecord?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SimulationRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    /// <summary>
    /// Runs in progress on instances that are gone (stopped, killed, or this one before its restart) cannot resume their
    /// traffic: they are marked Stopped with the reason. The cluster's leader does this at each heartbeat.
    /// </summary>
    public async Task<IReadOnlyList<SimulationRunRecord>> MarkInterruptedAsync(IReadOnlySet<string> liveInstances, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var live = liveInstances.ToList();
        var orphaned = await db.SimulationRuns
            .Where(r => (r.Status == RunStatus.Running || r.Status == RunStatus.Paused) && (r.Instance == null || !live.Contains(r.Instance)))
            .Select(r => r.Id).ToListAsync(cancellationToken);
        if (orphaned.Count == 0)
        {
            return [];
        }
        await db.SimulationRuns.Where(r => orphaned.Contains(r.Id) && (r.Status == RunStatus.Running || r.Status == RunStatus.Paused))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Stopped).SetProperty(r => r.EndedUtc, time.GetUtcNow().UtcDateTime)
                .SetProperty(r => r.Message, "Interrupted: the portal instance running it stopped while the run was in progress."), cancellationToken);
        await db.LiveRunSnapshots.Where(s => orphaned.Contains(s.RunId)).ExecuteDeleteAsync(cancellationToken);
        return await db.SimulationRuns.AsNoTracking().Where(r => orphaned.Contains(r.Id)).ToListAsync(cancellationToken);
    }

    /// <summary>A stored run as pages show it.</summary>
    public static RunSnapshot SnapshotOf(SimulationRunRecord record) =>
        new(record.Id, record.Name, record.Kind, record.Status, 0, ReportOf(record)?.SimulatedSeconds ?? 0, 0,
            ReportOf(record)!, SeriesOf(record), [], record.StartedUtc, record.Message);

    public static SimulationReport? ReportOf(SimulationRunRecord record) => JsonSerializer.Deserialize<SimulationReport>(record.ReportJson, Json);

    public static IReadOnlyList<TimePoint> SeriesOf(SimulationRunRecord record) => JsonSerializer.Deserialize<List<TimePoint>>(record.TimeSeriesJson, Json) ?? [];
}
