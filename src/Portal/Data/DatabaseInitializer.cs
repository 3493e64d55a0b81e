using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Features.Identity;

namespace MirrorTower.Portal.Data;

/// <summary>Creates and migrates the database at start, then seeds what a first start needs.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.Database.MigrateAsync();
        // WAL lets readers (dashboards, the audit page) proceed while a writer commits.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await scope.ServiceProvider.GetRequiredService<BootstrapAdministrator>().EnsureAsync();
    }
}
