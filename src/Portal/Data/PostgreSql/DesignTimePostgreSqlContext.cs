using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MirrorTower.Portal.Data.PostgreSql;

/// <summary>
/// Lets <c>dotnet ef migrations add … --context PostgreSqlDbContext</c> build the PostgreSQL model without a server
/// (adding a migration never connects).
/// </summary>
public sealed class DesignTimePostgreSqlContext : IDesignTimeDbContextFactory<PostgreSqlDbContext>
{
    public PostgreSqlDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlDbContext>().UseNpgsql("Host=localhost;Database=mirrortower_design").Options);
}
