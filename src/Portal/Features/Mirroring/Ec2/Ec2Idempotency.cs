using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Security;

namespace MirrorTower.Portal.Features.Mirroring.Ec2;

/// <summary>
/// EC2's idempotency for the actions that take a <c>ClientToken</c>: within 24 hours, the same token with the same
/// parameters answers the original result; with other parameters, <c>IdempotentParameterMismatch</c>. Requests with one
/// token run one at a time (one of a fixed set of locks, chosen by the token, so that the set cannot grow with the
/// tokens callers invent), so twenty parallel retries make one resource.
/// </summary>
public sealed class Ec2Idempotency(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private const int MaxTokenLength = 64;
    private readonly SemaphoreSlim[] _locks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<XElement> RunAsync(string accountId, string action, string token, IReadOnlyDictionary<string, string> parameters, Func<Task<XElement>> serve)
    {
        if (token.Length > MaxTokenLength)
        {
            throw new AwsError("InvalidParameterValue", $"ClientToken: at most {MaxTokenLength} ASCII characters.");
        }
        var key = $"{accountId}/{action}/{token}";
        var hash = Hash(parameters);
        var gate = _locks[(uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_locks.Length];
        await gate.WaitAsync();
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var since = time.GetUtcNow().UtcDateTime - Window;
            if (await db.IdempotentRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key && r.CreatedUtc > since) is { } earlier)
            {
                return earlier.ParametersHash == hash
                    ? XElement.Parse(earlier.ResponseXml)
                    : throw new AwsError("IdempotentParameterMismatch", $"The client token '{token}' was used within the last 24 hours with other parameters.");
            }
            var response = await serve();
            await db.IdempotentRequests.Where(r => r.Key == key).ExecuteDeleteAsync();
            db.IdempotentRequests.Add(new IdempotentRequest { Key = key, ParametersHash = hash, ResponseXml = response.ToString(SaveOptions.DisableFormatting), CreatedUtc = time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
            return response;
        }
        finally
        {
            gate.Release();
        }
    }

    private static string Hash(IReadOnlyDictionary<string, string> parameters) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join('\n', parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")))));
}
