using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Data;

public sealed class MigrationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>
    /// The migrations describe the model the code maps: a renamed or moved entity, or a changed mapping, without its
    /// migration fails here rather than on a user's database.
    /// </summary>
    [Fact]
    public async Task TheModelHasNoChangeWithoutItsMigration()
    {
        _ = factory.CreateClient();
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.False(db.Database.HasPendingModelChanges(), "dotnet ef migrations add … is missing for a model change.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}
