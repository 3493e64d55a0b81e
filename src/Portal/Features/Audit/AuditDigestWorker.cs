namespace MirrorTower.Portal.Features.Audit;

/// <summary>Writes a digest of the audit trail every <c>MirrorTower:Audit:DigestMinutes</c> (60 by default), on the cluster's leader only.</summary>
public sealed class AuditDigestWorker(Data.Cluster.ClusterMember member, AuditVerifier verifier, IConfiguration configuration, ILogger<AuditDigestWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = Math.Max(1, configuration.GetValue("MirrorTower:Audit:DigestMinutes", 60));
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!member.IsLeader)
            {
                continue;
            }
            try
            {
                // Only an intact trail is digested: a digest of a trail whose end was cut would bless the cut.
                var check = await verifier.VerifyAsync(stoppingToken);
                if (check.Intact)
                {
                    await verifier.WriteDigestAsync(stoppingToken);
                }
                else
                {
                    logger.LogError("The audit trail is not intact: {Message}", check.Message);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "The audit digest could not be written.");
            }
        }
    }
}
