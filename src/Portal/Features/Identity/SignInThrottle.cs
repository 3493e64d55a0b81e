using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace MirrorTower.Portal.Features.Identity;

/// <summary>
/// Bounds how fast passwords can be guessed: per client address and per account, each a fixed window of a minute
/// (System.Threading.RateLimiting, ASP.NET Core's limiter). Lockout still ends an account's guessing after a few
/// failures; this also bounds guesses over many accounts from one client, and the audit rows they write.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perClient;
    private readonly PartitionedRateLimiter<string> _perAccount;

    public SignInThrottle(IOptions<PortalIdentityOptions> options)
    {
        var settings = options.Value;
        _perClient = Limiter(settings.SignInsPerMinutePerClient);
        _perAccount = Limiter(settings.SignInsPerMinutePerAccount);
    }

    /// <summary>Null when the attempt may go ahead, else how long to wait.</summary>
    public TimeSpan? Refuse(string? clientIp, string email)
    {
        using var client = _perClient.AttemptAcquire(clientIp ?? "unknown");
        if (!client.IsAcquired)
        {
            return RetryAfter(client);
        }
        using var account = _perAccount.AttemptAcquire(email.Trim().ToUpperInvariant());
        return account.IsAcquired ? null : RetryAfter(account);
    }

    public void Dispose()
    {
        _perClient.Dispose();
        _perAccount.Dispose();
    }

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);

    private static PartitionedRateLimiter<string> Limiter(int perMinute) => PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        }));
}
