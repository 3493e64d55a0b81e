using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Organization.Model;

namespace MirrorTower.Portal.Features.Controls;

/// <summary>
/// Runs enable and disable operations in the background, one at a time, after a short configurable delay
/// (so that progress is visible, as in AWS). Operations still IN_PROGRESS at start are resumed.
/// </summary>
public sealed class ControlOperationWorker(
    ControlOperationQueue queue,
    ControlService controls,
    IDbContextFactory<PortalDbContext> dbFactory,
    IOptions<ControlOptions> options,
    ILogger<ControlOperationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
        {
            if (await db.Database.CanConnectAsync(stoppingToken) && !(await db.Database.GetPendingMigrationsAsync(stoppingToken)).Any())
            {
                foreach (var id in await db.ControlOperations.Where(o => o.Status == ControlOperationStatus.IN_PROGRESS)
                             .OrderBy(o => o.StartUtc).Select(o => o.Id).ToListAsync(stoppingToken))
                {
                    queue.Enqueue(id);
                }
            }
        }

        await foreach (var operationId in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await Task.Delay(options.Value.OperationDelayMilliseconds, stoppingToken);
                await controls.ExecuteAsync(operationId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Control operation {OperationId} failed unexpectedly", operationId);
                await controls.FailAsync(operationId, $"Unexpected error: {e.Message}");
            }
        }
    }
}
