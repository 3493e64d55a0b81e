using Microsoft.EntityFrameworkCore;
using MirrorTower.Portal.Data.PostgreSql;
using MirrorTower.Portal.Features.Audit;

namespace MirrorTower.Portal.Data;

/// <summary>
/// Makes the portal's contexts on the configured provider: <see cref="PortalDbContext"/> on SQLite,
/// <see cref="PostgreSqlDbContext"/> on PostgreSQL. The options are built once, when the factory is first resolved
/// (not when services are registered, so that test hosts can override the configuration).
/// </summary>
public sealed class PortalContextFactory : IDbContextFactory<PortalDbContext>
{
    private readonly Func<PortalDbContext> _create;

    public PortalContextFactory(IConfiguration configuration, IHostEnvironment environment, AuditSeal seal)
    {
        Provider = DatabaseProviders.Configured(configuration);
        if (Provider == DatabaseProvider.PostgreSql)
        {
            var options = new DbContextOptionsBuilder<PostgreSqlDbContext>()
                .UseNpgsql(PostgreSqlConnection(configuration))
                .AddInterceptors(seal, new NulCharacters())
                .Options;
            _create = () => new PostgreSqlDbContext(options);
        }
        else
        {
            var options = new DbContextOptionsBuilder<PortalDbContext>()
                .UseSqlite(DatabaseLocation.Resolve(configuration, environment.ContentRootPath))
                .AddInterceptors(seal, new SqliteTuning())
                .Options;
            _create = () => new PortalDbContext(options);
        }
    }

    public DatabaseProvider Provider { get; }

    public PortalDbContext CreateDbContext() => _create();

    private static string PostgreSqlConnection(IConfiguration configuration) =>
        configuration.GetConnectionString(DatabaseLocation.ConnectionStringName) is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException(
                $"{DatabaseProviders.ConfigurationKey} is PostgreSql, but ConnectionStrings:{DatabaseLocation.ConnectionStringName} is empty: " +
                "give it the server, e.g. \"Host=127.0.0.1;Port=5432;Database=mirrortower;Username=mirrortower;Password=…\".");
}
