using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MirrorTower.Portal.Tests.Features.Mirroring;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Organization;

/// <summary>
/// Proactive controls as CloudFormation hooks over real HTTP: a template is refused naming the control and the resource
/// (nothing is made), or its resources join the inventory where the detective rules see them; a bucket name is one
/// bucket however many deployments ask for it at once.
/// </summary>
public sealed class StackDeploymentApiTests(KestrelPortalFactory portal) : IClassFixture<KestrelPortalFactory>
{
    private static Task<HttpResponseMessage> DeployAsync(HttpClient admin, string accountId, string stackName, string template) =>
        admin.PostAsJsonAsync($"/api/v1/accounts/{accountId}/stacks", new { stackName, template, region = "eu-west-1" });

    private static string Bucket(string name, bool blocked) => $$"""
        Resources:
          Site:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: {{name}}
              VersioningConfiguration: { Status: Suspended }
              PublicAccessBlockConfiguration:
                BlockPublicAcls: {{(blocked ? "true" : "false")}}
                BlockPublicPolicy: true
                IgnorePublicAcls: true
                RestrictPublicBuckets: true
          Queue:
            Type: AWS::SQS::Queue
        """;

    [Fact]
    public async Task AProactiveControlRefusesATemplateNamingItselfAndTheResourceAndAPassingOneJoinsTheInventory()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var sandbox = (await OrganizationApi.OuNamedAsync(admin, "Sandbox")).GetProperty("id").GetString()!;
        var alice = (await OrganizationApi.AccountNamedAsync(admin, "sandbox-alice")).GetProperty("id").GetString()!;
        var name = $"alice-site-{Guid.NewGuid():N}"[..24];

        var before = await DeployAsync(admin, alice, "site-before",
            "{\"Resources\":{\"Public\":{\"Type\":\"AWS::S3::Bucket\",\"Properties\":{\"BucketName\":\"" + name + "-a\",\"AccessControl\":\"PublicRead\"}}}}");
        await OrganizationApi.EnableAsync(admin, sandbox, "CT.S3.PR.1");
        var refused = await DeployAsync(admin, alice, "site", Bucket(name, blocked: false));
        var refusedBody = await refused.Content.ReadAsStringAsync();
        var passed = await DeployAsync(admin, alice, "site", Bucket(name, blocked: true));
        var result = await passed.JsonAsync();
        var inventory = (await (await admin.GetAsync($"/api/v1/accounts/{alice}")).JsonAsync()).GetProperty("resources").EnumerateArray().ToList();
        var violations = await (await admin.GetAsync($"/api/v1/compliance/violations?accountId={alice}&control=AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("template.Resources.Site", refusedBody);
        Assert.Contains("CT.S3.PR.1 (Require an Amazon S3 bucket to have block public access settings configured) refuses Site (AWS::S3::Bucket)", refusedBody);
        Assert.Contains("PublicAccessBlockConfiguration.BlockPublicAcls is not true", refusedBody);
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        Assert.Equal($"arn:aws:s3:::{name}", Assert.Single(result.GetProperty("created").EnumerateArray()).GetProperty("arn").GetString());
        Assert.Contains("Queue (AWS::SQS::Queue)", result.GetProperty("notModelled").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("CT.S3.PR.1", result.GetProperty("checkedBy").EnumerateArray().Select(e => e.GetString()));
        Assert.Single(inventory, r => r.GetProperty("arn").GetString() == $"arn:aws:s3:::{name}");
        // The detective rules see what a stack made: the public bucket deployed before the proactive control is a violation.
        Assert.Contains(name + "-a", violations);
        Assert.DoesNotContain($"\"{name}\"", violations);
    }

    [Fact]
    public async Task TwentyDeploymentsOfOneBucketNameAtOnceMakeOneBucket()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var bob = (await OrganizationApi.AccountNamedAsync(admin, "sandbox-bob")).GetProperty("id").GetString()!;
        var name = $"bob-parallel-{Guid.NewGuid():N}"[..26];

        var responses = await Simultaneous.SendAsync(20, i => DeployAsync(admin, bob, $"parallel-{i}", Bucket(name, blocked: true)));
        var inventory = (await (await admin.GetAsync($"/api/v1/accounts/{bob}")).JsonAsync()).GetProperty("resources").EnumerateArray()
            .Count(r => r.GetProperty("arn").GetString() == $"arn:aws:s3:::{name}");

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("already exists", await MirroringApi.ErrorsAsync(refused), StringComparison.Ordinal);
        }
        Assert.Equal(1, inventory);
    }

    [Fact]
    public async Task AStackIsValidatedOnTheServerNamingTheField()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var alice = (await OrganizationApi.AccountNamedAsync(admin, "sandbox-alice")).GetProperty("id").GetString()!;

        var response = await admin.PostAsJsonAsync($"/api/v1/accounts/{alice}/stacks", new { stackName = "1bad name", template = "Resources: [", region = "mars-1" });
        var errors = (await response.JsonAsync()).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(errors.TryGetProperty("stackName", out _));
        Assert.True(errors.TryGetProperty("region", out _));
        Assert.True(errors.TryGetProperty("template", out _));
    }
}
