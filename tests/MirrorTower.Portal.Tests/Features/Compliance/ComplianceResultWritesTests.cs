using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Compliance;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Compliance;

/// <summary>
/// A pass writes only the results that changed: over an unchanged inventory it writes nothing (every result keeps its
/// row and its time), and a changed resource rewrites its own verdict and no other. A resource that did not change is
/// evaluated again when the rules in effect on its account change, although its verdicts are remembered.
/// </summary>
public sealed class ComplianceResultWritesTests(ClockedDemoPortalFactory factory) : IClassFixture<ClockedDemoPortalFactory>
{
    [Fact]
    public async Task APassOverAnUnchangedInventoryWritesNothingAndAChangeRewritesOnlyItsOwnVerdict()
    {
        var evaluation = factory.Services.GetRequiredService<ComplianceEvaluation>();
        var (alice, bucketId) = await NewBucketAsync();
        await evaluation.EvaluateAsync(ComplianceScope.All);
        var before = await ResultsAsync();

        factory.Clock.Advance(TimeSpan.FromHours(1));
        await evaluation.EvaluateAsync(ComplianceScope.All);
        var unchanged = await ResultsAsync();

        factory.Clock.Advance(TimeSpan.FromHours(1));
        using var later = await ApiClient.AdminAsync(factory);
        (await later.PatchAsJsonAsync($"/api/v1/accounts/{alice}/resources/{bucketId}", new { properties = new { PublicRead = "true" } })).EnsureSuccessStatusCode();
        await evaluation.EvaluateAsync(ComplianceScope.All);
        var after = await ResultsAsync();

        Assert.NotEmpty(before);
        Assert.Equal(before, unchanged);
        var changed = after.Except(before).ToList();
        var rewritten = Assert.Single(changed);
        Assert.Equal((bucketId, "AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED"), (rewritten.ResourceId, rewritten.ControlIdentifier));
        Assert.Equal("NON_COMPLIANT", rewritten.Compliance);
        // To the microsecond: PostgreSQL keeps no finer time (SQLite keeps the tick).
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, rewritten.EvaluatedUtc, TimeSpan.FromMicroseconds(1));
        // The same row, updated in place: its id is the one the result had.
        Assert.Contains(before, r => r.Id == rewritten.Id);
    }

    private const string Versioning = "AWS-GR_S3_VERSIONING_ENABLED";

    [Fact]
    public async Task AControlNoLongerInEffectLosesItsResultsOnUnchangedResources()
    {
        var evaluation = factory.Services.GetRequiredService<ComplianceEvaluation>();
        var (alice, bucketId) = await NewBucketAsync();
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

    private async Task<(string AccountId, long BucketId)> NewBucketAsync()
    {
        using var admin = await ApiClient.AdminAsync(factory);
        var alice = (await OrganizationApi.AccountNamedAsync(admin, "sandbox-alice")).GetProperty("id").GetString()!;
        var bucket = await (await admin.PostAsJsonAsync($"/api/v1/accounts/{alice}/resources",
            new { type = "AWS::S3::Bucket", name = $"alice-{Guid.NewGuid():N}", region = "eu-west-1" })).JsonAsync();
        return (alice, bucket.GetProperty("id").GetInt64());
    }

    private async Task<List<(long Id, long ResourceId, string ControlIdentifier, string Compliance, DateTime EvaluatedUtc)>> ResultsAsync()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return (await db.ComplianceResults.AsNoTracking().OrderBy(r => r.Id).ToListAsync())
            .Select(r => (r.Id, r.ResourceId, r.ControlIdentifier, r.Compliance.ToString(), r.EvaluatedUtc)).ToList();
    }
}
