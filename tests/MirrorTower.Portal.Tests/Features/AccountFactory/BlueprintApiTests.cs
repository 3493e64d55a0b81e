using System.Net;
using System.Net.Http.Json;
using MirrorTower.Portal.Tests.Features.Organization;
using MirrorTower.Portal.Tests.Infrastructure;
using static MirrorTower.Portal.Tests.Features.AccountFactory.AccountFactoryApi;

namespace MirrorTower.Portal.Tests.Features.AccountFactory;

/// <summary>
/// A version of the Account Factory product may carry a blueprint (a CloudFormation template) deployed into each vended
/// account: the destination OU's proactive controls judge it when the request is made, and the vended account gets its
/// resources.
/// </summary>
public sealed class BlueprintApiTests(DemoPortalFactory portal) : IClassFixture<DemoPortalFactory>
{
    private const string OpenBucket = """
        Resources:
          TeamData:
            Type: AWS::S3::Bucket
            Properties:
              VersioningConfiguration: { Status: Enabled }
          Audit:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true }
        """;

    [Fact]
    public async Task ABlueprintRefusedByTheOusProactiveControlRefusesTheRequestAndElsewhereItsResourcesAreVended()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var catalog = await (await admin.GetAsync("/api/v1/catalog")).JsonAsync();
        var productId = catalog.GetProperty("products")[0].GetProperty("id").GetString()!;
        var version = await admin.PostAsJsonAsync($"/api/v1/catalog/products/{productId}/artifacts", new
        {
            name = "v2-blueprint", description = "with a team bucket", makeDefault = false, template = OpenBucket,
        });
        var broken = await admin.PostAsJsonAsync($"/api/v1/catalog/products/{productId}/artifacts", new { name = "v3-broken", template = "Resources: [" });
        var artifactId = (await version.JsonAsync()).GetProperty("id").GetString()!;
        var sandbox = (await OrganizationApi.OuNamedAsync(admin, "Sandbox")).GetProperty("id").GetString()!;
        await OrganizationApi.EnableAsync(admin, sandbox, "CT.S3.PR.1");

        var refused = await admin.PostAsJsonAsync("/api/v1/provisioned-products", new
        {
            provisionedProductName = "blueprint-sandbox", productId, provisioningArtifactId = artifactId,
            parameters = Parameters("blueprint-sandbox@tests.example", "Sandbox"),
        });
        var accepted = await admin.PostAsJsonAsync("/api/v1/provisioned-products", new
        {
            provisionedProductName = "blueprint-infra", productId, provisioningArtifactId = artifactId,
            parameters = Parameters("blueprint-infra@tests.example", "Infrastructure"),
        });
        var record = await FinishedAsync(admin, (await accepted.JsonAsync()).GetProperty("lastRecord").GetProperty("recordId").GetString()!);
        var accountId = record.GetProperty("accountId").GetString()!;
        var resources = (await (await admin.GetAsync($"/api/v1/accounts/{accountId}")).JsonAsync()).GetProperty("resources").EnumerateArray()
            .Select(r => (Type: r.GetProperty("type").GetString(), Name: r.GetProperty("name").GetString()!)).ToList();

        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = await refused.Content.ReadAsStringAsync();
        Assert.Contains("template.Resources.TeamData", message);
        Assert.Contains("CT.S3.PR.1 (Require an Amazon S3 bucket to have block public access settings configured) refuses TeamData", message);
        Assert.Equal("SUCCEEDED", record.GetProperty("status").GetString());
        Assert.Contains(resources, r => r.Type == "AWS::S3::Bucket" && r.Name.StartsWith("aws-controltower-blueprint-", StringComparison.Ordinal) && r.Name.Contains("-teamdata-"));
        Assert.Contains(resources, r => r.Type == "AWS::CloudTrail::Trail" && r.Name.Contains("-audit-"));
    }
}
