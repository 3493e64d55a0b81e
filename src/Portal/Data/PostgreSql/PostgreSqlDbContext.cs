using Microsoft.EntityFrameworkCore;

namespace MirrorTower.Portal.Data.PostgreSql;

/// <summary>
/// The portal's model on PostgreSQL. A type of its own only so that its migrations (generated for PostgreSQL's
/// types) are a set apart from SQLite's; every feature still sees a <see cref="PortalDbContext"/>. What SQLite says
/// in its own dialect is said here in PostgreSQL's: case-insensitive names are <c>citext</c> (SQLite's NOCASE), and
/// the OU's generated parent key is stored (PostgreSQL 15 has no virtual generated columns).
/// </summary>
public sealed class PostgreSqlDbContext(DbContextOptions<PostgreSqlDbContext> options) : PortalDbContext(options)
{
    public const string CaseInsensitiveText = "citext";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension(CaseInsensitiveText);
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetDeclaredProperties()))
        {
            if (property.GetCollation() == PortalDbContext.CaseInsensitiveCollation)
            {
                property.SetCollation(null);
                property.SetColumnType(CaseInsensitiveText);
            }
            if (property.GetComputedColumnSql() is not null)
            {
                property.SetIsStored(true);
            }
        }
    }
}
