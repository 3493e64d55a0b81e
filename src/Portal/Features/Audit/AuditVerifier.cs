using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Data;

namespace MirrorTower.Portal.Features.Audit;

/// <summary>What a check of the audit trail found: intact, or the first event where it breaks and why.</summary>
public sealed record AuditVerification(bool Intact, long Events, long UnsealedBeforeSealing, long? FirstBrokenEventId, string Message, DateTime? LastDigestUtc);

/// <summary>Checks every event against its seal, the ids for gaps, and the newest digest for events deleted from the end; writes digests.</summary>
public sealed class AuditVerifier(IDbContextFactory<PortalDbContext> dbFactory, AuditSeal seal, IConfiguration configuration, IHostEnvironment environment, TimeProvider time)
{
    private static readonly SemaphoreSlim DigestFile = new(1, 1);

    private string DigestPath => configuration["MirrorTower:Audit:DigestFile"] is { Length: > 0 } configured
        ? configured
        : Path.Combine(DatabaseLocation.DataDirectory(configuration, environment.ContentRootPath), "audit-digests.jsonl");

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var digest = await LastDigestAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        long expected = 0, count = 0, legacy = 0;
        var chain = "";
        string? chainAtDigest = null;
        var sealing = false;
        await foreach (var e in db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            if (expected != 0 && e.Id != expected)
            {
                return Broken(count, legacy, expected, $"Event {expected} is missing: it was deleted.", digest);
            }
            expected = e.Id + 1;
            if (e.Seal is null && !sealing)
            {
                legacy++;
                continue;
            }
            sealing = true;
            if (e.Seal is null)
            {
                return Broken(count, legacy, e.Id, $"Event {e.Id} has no seal: it was inserted outside the portal.", digest);
            }
            if (e.Seal != seal.SealOf(e))
            {
                return Broken(count, legacy, e.Id, $"Event {e.Id} does not match its seal: it was changed, or inserted outside the portal.", digest);
            }
            chain = AuditSeal.Chain(chain, e.Seal);
            if (e.Id == digest?.LastEventId)
            {
                chainAtDigest = chain;
            }
        }
        if (digest is not null)
        {
            if (digest.Signature != seal.Sign(digest.LastEventId, digest.Chain))
            {
                return Broken(count, legacy, digest.LastEventId, "The newest digest's signature does not match: the digest file was edited.", digest);
            }
            if (chainAtDigest is null)
            {
                return Broken(count, legacy, expected, $"The digest of {digest.CreatedUtc:u} covers events up to {digest.LastEventId}; the trail ends at {expected - 1}: events were deleted from its end.", digest);
            }
            if (chainAtDigest != digest.Chain)
            {
                return Broken(count, legacy, digest.LastEventId, $"The events up to {digest.LastEventId} no longer hash to the digest of {digest.CreatedUtc:u}.", digest);
            }
        }
        return new AuditVerification(true, count, legacy, null, $"Intact: {count:N0} events, each matching its seal, none missing.", digest?.CreatedUtc);
    }

    /// <summary>Records a digest of the trail as it is now (hourly, and after an intact verification).</summary>
    public async Task WriteDigestAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var chain = "";
        long last = 0;
        await foreach (var e in db.AuditEvents.AsNoTracking().Where(e => e.Seal != null).OrderBy(e => e.Id).Select(e => new { e.Id, e.Seal })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            chain = AuditSeal.Chain(chain, e.Seal!);
            last = e.Id;
        }
        if (last == 0)
        {
            return;
        }
        var line = JsonSerializer.Serialize(new AuditDigest(time.GetUtcNow().UtcDateTime, last, chain, seal.Sign(last, chain)));
        await DigestFile.WaitAsync(cancellationToken);
        try
        {
            await File.AppendAllTextAsync(DigestPath, line + "\n", cancellationToken);
        }
        finally
        {
            DigestFile.Release();
        }
    }

    private async Task<AuditDigest?> LastDigestAsync()
    {
        if (!File.Exists(DigestPath))
        {
            return null;
        }
        var last = (await File.ReadAllLinesAsync(DigestPath)).LastOrDefault(l => l.Length > 0);
        return last is null ? null : JsonSerializer.Deserialize<AuditDigest>(last);
    }

    private static AuditVerification Broken(long count, long legacy, long id, string message, AuditDigest? digest) =>
        new(false, count, legacy, id, message, digest?.CreatedUtc);
}
