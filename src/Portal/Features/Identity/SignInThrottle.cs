using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using MirrorTower.Portal.Data;

namespace MirrorTower.Portal.Features.Identity;

/// <summary>
/// Bounds how fast passwords can be guessed: per client address and per account, each a window of a minute from its
/// first attempt. Lockout still ends an account's guessing after a few failures; this also bounds guesses over many
/// accounts from one client, and the audit rows they write. The counts live in the database, so the bound holds for
/// every instance behind one address together (in memory, each instance allowed the full count); one upsert counts
/// an attempt and reads the count back, so parallel attempts can never pass it.
/// </summary>
public sealed class SignInThrottle(IDbContextFactory<PortalDbContext> dbFactory, IOptions<PortalIdentityOptions> options, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Null when the attempt may go ahead, else how long to wait.</summary>
    public async Task<TimeSpan?> RefuseAsync(string? clientIp, string email, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await CountAsync(db, "client", clientIp ?? "unknown", settings.SignInsPerMinutePerClient, now, cancellationToken)
            ?? await CountAsync(db, "account", email.Trim().ToUpperInvariant(), settings.SignInsPerMinutePerAccount, now, cancellationToken);
    }

    private static async Task<TimeSpan?> CountAsync(PortalDbContext db, string kind, string subject, int limit, long now, CancellationToken cancellationToken)
    {
        // Hashed: the key has one length whatever was typed, and the e-mails of failed guesses are not kept.
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}:{subject}")));
        var expired = now - (long)Window.TotalMilliseconds;
        // Portable SQL (SQLite 3.35+ and PostgreSQL): the row's window goes on while it is younger than a minute, else
        // starts again with this attempt.
        var window = (await db.SignInWindows.FromSql($"""
            INSERT INTO "SignInWindows" ("Key", "StartedMs", "Attempts") VALUES ({key}, {now}, 1)
            ON CONFLICT ("Key") DO UPDATE SET
                "Attempts" = CASE WHEN "SignInWindows"."StartedMs" > {expired} THEN "SignInWindows"."Attempts" + 1 ELSE 1 END,
                "StartedMs" = CASE WHEN "SignInWindows"."StartedMs" > {expired} THEN "SignInWindows"."StartedMs" ELSE {now} END
            RETURNING "Key", "StartedMs", "Attempts"
            """).AsNoTracking().ToListAsync(cancellationToken)).Single();
        return window.Attempts <= Math.Max(1, limit) ? null
            : TimeSpan.FromMilliseconds(Math.Max(1000, window.StartedMs + (long)Window.TotalMilliseconds - now));
    }
}

/// <summary>The attempts counted under one key (a client address or an e-mail, hashed) since its window started.</summary>
public sealed class SignInWindow
{
    public required string Key { get; init; }
    public long StartedMs { get; init; }
    public int Attempts { get; init; }
}

internal sealed class SignInWindowConfiguration : IEntityTypeConfiguration<SignInWindow>
{
    public void Configure(EntityTypeBuilder<SignInWindow> builder)
    {
        builder.ToTable("SignInWindows");
        builder.HasKey(w => w.Key);
        builder.Property(w => w.Key).HasMaxLength(64);
        builder.HasIndex(w => w.StartedMs);
    }
}

/// <summary>The leader's duty: windows older than a minute are forgotten (an attempt under their key starts a new one).</summary>
public sealed class ExpiredSignInWindows(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time) : Data.Cluster.IClusterDuty
{
    public async Task RunAsync(IReadOnlySet<string> liveInstances, CancellationToken cancellationToken)
    {
        var expired = time.GetUtcNow().ToUnixTimeMilliseconds() - (long)SignInThrottle.Window.TotalMilliseconds;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.SignInWindows.Where(w => w.StartedMs <= expired).ExecuteDeleteAsync(cancellationToken);
    }
}
