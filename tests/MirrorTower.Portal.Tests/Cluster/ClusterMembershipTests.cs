using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Data.Cluster;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Cluster;

/// <summary>The leader's housekeeping of the instance list, on either database.</summary>
public sealed class ClusterMembershipTests(ClusterMembershipTests.QuickHeartbeatPortal portal) : IClassFixture<ClusterMembershipTests.QuickHeartbeatPortal>
{
    [Fact]
    public async Task AnInstanceGoneForAnHourIsForgottenAndOneGoneMomentsAgoIsKept()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var dbFactory = portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var now = DateTime.UtcNow;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            db.ClusterInstances.Add(new ClusterInstanceRecord { Id = "gone-long-ago", StartedUtc = now.AddHours(-3), HeartbeatUtc = now.AddHours(-2) });
            db.ClusterInstances.Add(new ClusterInstanceRecord { Id = "gone-just-now", StartedUtc = now.AddMinutes(-5), HeartbeatUtc = now.AddMinutes(-1) });
            await db.SaveChangesAsync();
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        List<string> ids;
        do
        {
            await Task.Delay(200);
            await using var db = await dbFactory.CreateDbContextAsync();
            ids = await db.ClusterInstances.Select(i => i.Id).ToListAsync();
        }
        while (ids.Contains("gone-long-ago") && watch.Elapsed < TimeSpan.FromSeconds(15));

        Assert.DoesNotContain("gone-long-ago", ids);
        Assert.Contains("gone-just-now", ids);
        Assert.Contains(portal.Services.GetRequiredService<ClusterMember>().Id, ids);
    }

    /// <summary>A portal whose heartbeat beats every second.</summary>
    public sealed class QuickHeartbeatPortal : PortalFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("MirrorTower:Cluster:LeaseSeconds", "3");
        }
    }
}
