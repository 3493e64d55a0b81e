using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Compliance;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Compliance;

/// <summary>
/// A pass writes only the results that changed: over an unchanged inventory it writes nothing (every result keeps its
/// row and its time), and a changed resource rewrites its own verdict and no other.
/// </summary>
public sealed class ComplianceResultWritesTests(ClockedDemoPortalFactory factory) : IClassFixture<ClockedDemoPortalFactory>
{
    [Fact]
    public async Task APassOverAnUnchangedInventoryWritesNothingAndAChangeRewritesOnlyItsOwnVerdict()
    {
        using var admin = await ApiClient.AdminAsync(factory);
        var evaluation = factory.Services.GetRequiredService<ComplianceEvaluation>();
        var alice = (await OrganizationApi.AccountNamedAsync(admin, "sandbox-alice")).GetProperty("id").GetString()!;
        var bucket = await (await admin.PostAsJsonAsync($"/api/v1/accounts/{alice}/resources",
            new { type = "AWS::S3::Bucket", name = $"alice-{Guid.NewGuid():N}", region = "eu-west-1" })).JsonAsync();
        var bucketId = bucket.GetProperty("id").GetInt64();
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
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, rewritten.EvaluatedUtc);
        // The same row, updated in place: its id is the one the result had.
        Assert.Contains(before, r => r.Id == rewritten.Id);
    }

    private async Task<List<(long Id, long ResourceId, string ControlIdentifier, string Compliance, DateTime EvaluatedUtc)>> ResultsAsync()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return (await db.ComplianceResults.AsNoTracking().OrderBy(r => r.Id).ToListAsync())
            .Select(r => (r.Id, r.ResourceId, r.ControlIdentifier, r.Compliance.ToString(), r.EvaluatedUtc)).ToList();
    }
}
