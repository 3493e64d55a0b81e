using MirrorTower.Portal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MirrorTower.Portal.Features.Audit;
using MirrorTower.Portal.Features.Identity;
using MirrorTower.Portal.Features.Organization;
using MirrorTower.Portal.Hosting;

namespace MirrorTower.Portal.Hosting;

/// <summary>Creates and migrates the database at start, then seeds what a first start needs.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        // Instances started together on PostgreSQL migrate and seed one after the other (EF also locks the migrations).
        await using var startup = await Data.PostgreSql.AdvisoryLocks.StartupAsync(db);
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (dashboards, the audit page) proceed while a writer commits.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        await LegacyKeyImport.ImportAsync(db, DatabaseLocation.KeysDirectory(scope.ServiceProvider.GetRequiredService<IConfiguration>(),
            scope.ServiceProvider.GetRequiredService<IHostEnvironment>().ContentRootPath));
        await scope.ServiceProvider.GetRequiredService<BootstrapAdministrator>().EnsureAsync();
        await Features.AccountFactory.AccountFactoryCatalog.EnsureAsync(db, scope.ServiceProvider.GetRequiredService<MirrorTower.Engine.AwsIdentifiers>());
        if (scope.ServiceProvider.GetRequiredService<IOptions<MirrorTowerOptions>>().Value.SeedDemo && !await db.Accounts.AnyAsync())
        {
            await scope.ServiceProvider.GetRequiredService<DemoOrganization>()
                .LoadAsync(Actor.System, scope.ServiceProvider.GetRequiredService<OrganizationService>());
        }
        scope.ServiceProvider.GetRequiredService<PortalReadiness>().Ready();
    }
}
