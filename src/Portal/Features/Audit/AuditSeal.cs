using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MirrorTower.Portal.Data;

namespace MirrorTower.Portal.Features.Audit;

/// <summary>
/// Makes the audit trail tamper-evident. Every event is sealed as it is written with an HMAC of its fields under a key
/// kept outside the database (a file in the data folder), so a row edited, or inserted by hand, no longer matches its
/// seal; ids are consecutive, so a deleted row leaves a gap; and signed digests (<see cref="AuditDigest"/>) record the
/// last event and a hash over every seal up to it, so rows deleted from the end are found too.
/// </summary>
public sealed class AuditSeal : SaveChangesInterceptor
{
    private readonly byte[] _key;

    private readonly TimeProvider _time;

    public AuditSeal(IConfiguration configuration, IHostEnvironment environment, TimeProvider time)
    {
        _time = time;
        var file = configuration["MirrorTower:Audit:KeyFile"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(DatabaseLocation.DataDirectory(configuration, environment.ContentRootPath), "audit.key");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        if (!File.Exists(file))
        {
            File.WriteAllBytes(file, RandomNumberGenerator.GetBytes(32));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        _key = File.ReadAllBytes(file);
    }

    public string SealOf(AuditEvent e) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new object?[]
    {
        e.TimeUtc.Ticks, e.Actor, e.ActorId, e.Action, e.Target, e.Outcome.ToString(), e.Reason, e.Source, e.ClientIp, e.AccountId, e.PrincipalArn, e.Region,
    }))));

    /// <summary>The signature of a digest: the last event it covers and the hash over all seals up to it.</summary>
    public string Sign(long lastEventId, string chain) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{lastEventId}:{chain}")));

    /// <summary>The running hash over the seals, in id order.</summary>
    public static string Chain(string previous, string seal) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previous + seal)));

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        SealAdded(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        SealAdded(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void SealAdded(DbContext? context)
    {
        foreach (var entry in context?.ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added) ?? [])
        {
            // An event is timed as it is written, by the portal's clock, and the time is part of what the seal covers.
            if (entry.Entity.TimeUtc == default)
            {
                entry.Entity.TimeUtc = _time.GetUtcNow().UtcDateTime;
            }
            // Whole microseconds, what PostgreSQL keeps: a time sealed with finer ticks would not match once read back.
            var ticks = entry.Entity.TimeUtc.Ticks;
            entry.Entity.TimeUtc = new DateTime(ticks - ticks % TimeSpan.TicksPerMicrosecond, DateTimeKind.Utc);
            entry.Entity.Seal = SealOf(entry.Entity);
        }
    }
}
