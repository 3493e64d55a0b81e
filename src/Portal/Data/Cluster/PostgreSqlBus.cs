using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MirrorTower.Portal.Data.Cluster;

/// <summary>
/// The cluster's messages over PostgreSQL's <c>LISTEN/NOTIFY</c>, on the database the instances already share (no
/// extra server; ADR 0018). One connection per instance listens on one channel; each notification carries the sender,
/// so an instance skips its own, and the subscribers' channel. A dropped connection is reopened; what was published
/// meanwhile is lost, as pages reload from the database on the next change anyway.
/// </summary>
public sealed class PostgreSqlBus(ClusterMember member, PortalContextFactory dbFactory, ILogger<PostgreSqlBus> logger)
    : BackgroundService, IClusterBus
{
    /// <summary>PostgreSQL's channel (an identifier); the portal's channels travel inside the payload.</summary>
    private const string Channel = "mirrortower";

    // PostgreSQL refuses a payload of 8000 bytes or more.
    private const int MaxPayloadBytes = 7900;

    private readonly ConcurrentDictionary<string, ImmutableHandlers> _handlers = new();

    public bool Shared => true;

    public async Task PublishAsync(string channel, string payload, CancellationToken cancellationToken = default)
    {
        var message = JsonSerializer.Serialize(new Envelope(member.Id, channel, payload));
        if (System.Text.Encoding.UTF8.GetByteCount(message) > MaxPayloadBytes)
        {
            throw new ArgumentException($"A cluster message is at most {MaxPayloadBytes} bytes; send an id and store the rest.", nameof(payload));
        }
        await using var db = dbFactory.CreateDbContext();
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {message})", cancellationToken);
    }

    public IDisposable Subscribe(string channel, Action<string> handler)
    {
        _handlers.AddOrUpdate(channel, _ => new([handler]), (_, existing) => new([.. existing.List, handler]));
        return new Unsubscribe(() => _handlers.AddOrUpdate(channel, _ => new([]), (_, existing) => new([.. existing.List.Where(h => h != handler)])));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // On SQLite the instance is alone: nothing to listen to.
        while (dbFactory.Provider == DatabaseProvider.PostgreSql && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var db = dbFactory.CreateDbContext();
                await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Deliver(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "The cluster's notification connection dropped; it reconnects.");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private void Deliver(string text)
    {
        var envelope = JsonSerializer.Deserialize<Envelope>(text);
        if (envelope is null || envelope.From == member.Id || !_handlers.TryGetValue(envelope.Channel, out var handlers))
        {
            return;
        }
        foreach (var handler in handlers.List)
        {
            try
            {
                handler(envelope.Payload);
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "A subscriber of cluster channel {Channel} failed.", envelope.Channel);
            }
        }
    }

    private sealed record Envelope(string From, string Channel, string Payload);

    private sealed record ImmutableHandlers(Action<string>[] List);

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
