using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MirrorTower.Portal.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add … --context PortalDbContext</c> build the SQLite model. Without it the tools take
/// the PostgreSQL context's design-time factory for this one (a PostgreSqlDbContext is a PortalDbContext), and write a
/// SQLite migration in PostgreSQL's types.
/// </summary>
public sealed class DesignTimeSqliteContext : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
