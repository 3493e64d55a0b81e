using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Compliance;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Compliance;

/// <summary>
/// A resource that did not change is evaluated again when the rules in effect on its account change: a control
/// disabled behind the portal's back (straight in the database, as drift is) loses its results at the next full pass,
/// although the resource's verdicts are remembered from the pass before.
/// </summary>
public sealed class ComplianceRulesChangeTests(ClockedDemoPortalFactory factory) : IClassFixture<ClockedDemoPortalFactory>
{
    private const string Versioning = "AWS-GR_S3_VERSIONING_ENABLED";

    [Fact]
    public async Task AControlNoLongerInEffectLosesItsResultsOnUnchangedResources()
    {
        using var admin = await ApiClient.AdminAsync(factory);
        var evaluation = factory.Services.GetRequiredService<ComplianceEvaluation>();
        var alice = (await OrganizationApi.AccountNamedAsync(admin, "sandbox-alice")).GetProperty("id").GetString()!;
        var bucket = await (await admin.PostAsJsonAsync($"/api/v1/accounts/{alice}/resources",
            new { type = "AWS::S3::Bucket", name = $"alice-{Guid.NewGuid():N}", region = "eu-west-1" })).JsonAsync();
        var bucketId = bucket.GetProperty("id").GetInt64();
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            if (!await db.EnabledControls.AnyAsync(c => c.ControlIdentifier == Versioning))
            {
                var ou = await db.Accounts.Where(a => a.Id == alice).Select(a => a.OuId).SingleAsync();
                db.EnabledControls.Add(new() { ControlIdentifier = Versioning, OuId = ou!, EnabledUtc = DateTime.UtcNow });
                await db.SaveChangesAsync();
            }
        }
        await evaluation.EvaluateAsync(ComplianceScope.All);
        await evaluation.EvaluateAsync(ComplianceScope.All);
        Assert.Contains(await ControlsOfAsync(bucketId), c => c == Versioning);

        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            await db.EnabledControls.Where(c => c.ControlIdentifier == Versioning).ExecuteDeleteAsync();
        }
        await evaluation.EvaluateAsync(ComplianceScope.All);

        var controls = await ControlsOfAsync(bucketId);
        Assert.NotEmpty(controls);
        Assert.DoesNotContain(Versioning, controls);
    }

    private async Task<List<string>> ControlsOfAsync(long resourceId)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.ComplianceResults.AsNoTracking().Where(r => r.ResourceId == resourceId).Select(r => r.ControlIdentifier).ToListAsync();
    }
}
