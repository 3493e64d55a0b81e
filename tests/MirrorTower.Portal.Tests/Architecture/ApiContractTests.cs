using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Architecture;

/// <summary>
/// The REST API answers with contract records, never an EF entity: the OpenAPI document (built from the endpoints'
/// typed results) names no type the database model maps.
/// </summary>
public sealed class ApiContractTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task NoEntityIsPartOfTheApisContract()
    {
        using var client = factory.CreateClient();
        var document = await (await client.GetAsync("/openapi/v1.json")).JsonAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(s => s.Name).ToHashSet();
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var entities = db.Model.GetEntityTypes().Select(e => e.ClrType.Name).ToHashSet();

        // The document does describe answers: the contracts of mirroring, simulation and compliance are in it.
        Assert.Contains("TrafficMirrorFilter", schemas);
        Assert.Contains("TrafficMirrorSession", schemas);
        Assert.Contains("RunReport", schemas);
        Assert.Contains("EvaluationRun", schemas);
        Assert.True(!schemas.Intersect(entities).Any(), string.Join(", ", schemas.Intersect(entities).Order()));
    }
}
