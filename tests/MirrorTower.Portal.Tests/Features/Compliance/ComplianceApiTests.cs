using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Compliance;

/// <summary>Inventory changes through the API, re-evaluated at once, with the dashboard, violations and remediation.</summary>
public sealed class ComplianceApiTests(PortalFactory factory) : IClassFixture<PortalFactory>, IAsyncLifetime
{
    private HttpClient _admin = default!;

    public async Task InitializeAsync()
    {
        _admin = await ApiClient.AdminAsync(factory);
        if ((await _admin.GetAsync("/api/v1/landing-zone")).StatusCode == HttpStatusCode.NotFound)
        {
            await OrganizationApi.LoadDemoAsync(_admin);
        }
        await _admin.PostAsync("/api/v1/compliance/evaluations", null);
    }

    public Task DisposeAsync()
    {
        _admin.Dispose();
        return Task.CompletedTask;
    }

    private async Task<JsonElement> ViolationsAsync(string query) =>
        (await (await _admin.GetAsync($"/api/v1/compliance/violations?{query}")).JsonAsync()).GetProperty("items");

    [Fact]
    public async Task TheDemoHasTheViolationsItWasBuiltWith()
    {
        var dashboard = await (await _admin.GetAsync("/api/v1/compliance/dashboard")).JsonAsync();
        var ssh = await ViolationsAsync("control=AWS-GR_RESTRICTED_SSH");

        Assert.True(dashboard.GetProperty("noncompliantResources").GetInt32() >= 3);
        Assert.True(dashboard.GetProperty("detectiveControlsEnabled").GetInt32() > 0);
        Assert.Contains(dashboard.GetProperty("mostViolated").EnumerateArray(), c => c.GetProperty("controlIdentifier").GetString() == "AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED");
        var violation = Assert.Single(ssh.EnumerateArray());
        Assert.Equal("payments-staging", violation.GetProperty("accountName").GetString());
        Assert.Equal("NonProd", violation.GetProperty("ouName").GetString());
        Assert.Contains("allows 0.0.0.0/0 on TCP 22", violation.GetProperty("annotation").GetString());
    }

    [Fact]
    public async Task ViolationsSortByTheColumnAskedAndAnUnknownColumnIsRefusedByName()
    {
        var byResource = (await ViolationsAsync("sort=resource&order=desc&pageSize=100")).EnumerateArray().Select(v => v.GetProperty("resource").GetString()!).ToList();
        var byRegion = (await ViolationsAsync("sort=region&pageSize=100")).EnumerateArray().Select(v => v.GetProperty("region").GetString()!).ToList();
        var refused = await _admin.GetAsync("/api/v1/compliance/violations?sort=colour&order=sideways");

        Assert.True(byResource.Count >= 3);
        Assert.Equal(byResource.OrderDescending(StringComparer.Ordinal), byResource);
        Assert.Equal(byRegion.Order(StringComparer.Ordinal), byRegion);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Contains("'colour' is not a column to sort by", problem.GetProperty("errors").GetProperty("sort")[0].GetString());
        Assert.Contains("use asc or desc", problem.GetProperty("errors").GetProperty("order")[0].GetString());
    }

    [Fact]
    public async Task MakingABucketPublicIsNoncompliantAtOnceAndRemediationFixesIt()
    {
        var alice = (await OrganizationApi.AccountNamedAsync(_admin, "sandbox-alice")).GetProperty("id").GetString()!;
        var created = await _admin.PostAsJsonAsync($"/api/v1/accounts/{alice}/resources", new { type = "AWS::S3::Bucket", name = $"alice-{Guid.NewGuid():N}", region = "eu-west-1" });
        var bucket = await created.JsonAsync();
        var id = bucket.GetProperty("id").GetInt64();

        var madePublic = await (await _admin.PatchAsJsonAsync($"/api/v1/accounts/{alice}/resources/{id}", new { properties = new { PublicRead = "true" } })).JsonAsync();
        var violation = (await ViolationsAsync($"accountId={alice}&control=AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED")).EnumerateArray()
            .Single(v => v.GetProperty("resourceId").GetInt64() == id);
        var compliance = await (await _admin.GetAsync($"/api/v1/accounts/{alice}/compliance")).JsonAsync();
        var remediated = await _admin.PostAsync($"/api/v1/compliance/results/{violation.GetProperty("resultId").GetInt64()}/remediation", null);
        var after = await (await _admin.GetAsync($"/api/v1/accounts/{alice}/compliance")).JsonAsync();
        var audit = await (await _admin.GetAsync("/api/v1/audit-events?action=s3:PutPublicAccessBlock")).JsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains(madePublic.GetProperty("findings").EnumerateArray(), f => f.GetProperty("compliance").GetString() == "NON_COMPLIANT"
            && f.GetProperty("annotation").GetString()!.Contains("grants READ to AllUsers"));
        Assert.Equal("Block public access", violation.GetProperty("remediation").GetString());
        Assert.Equal("Noncompliant", compliance.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, remediated.StatusCode);
        Assert.Equal("Compliant", after.GetProperty("status").GetString());
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("accountId").GetString() == alice);
    }

    [Fact]
    public async Task InventoryChangesPassTheScpsFirst()
    {
        var logArchive = (await OrganizationApi.AccountNamedAsync(_admin, "Log Archive")).GetProperty("id").GetString()!;
        var resources = await (await _admin.GetAsync($"/api/v1/accounts/{logArchive}/resources")).JsonAsync();
        var logBucket = resources.EnumerateArray().First(r => r.GetProperty("name").GetString()!.StartsWith("aws-controltower-logs-"));

        var delete = await _admin.DeleteAsync($"/api/v1/accounts/{logArchive}/resources/{logBucket.GetProperty("id").GetInt64()}");
        var stillThere = await (await _admin.GetAsync($"/api/v1/accounts/{logArchive}/resources")).JsonAsync();

        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Contains("AWS-GR_AUDIT_BUCKET_DELETION_PROHIBITED", (await delete.JsonAsync()).GetProperty("detail").GetString());
        Assert.Contains(stillThere.EnumerateArray(), r => r.GetProperty("id").GetInt64() == logBucket.GetProperty("id").GetInt64());
    }

    [Theory]
    [InlineData("""{"type":"AWS::S3::Tape","name":"x"}""", "type")]
    [InlineData("""{"type":"AWS::S3::Bucket","name":"has space"}""", "name")]
    [InlineData("""{"type":"AWS::S3::Bucket","name":"ok-name","region":"mars-1"}""", "region")]
    [InlineData("""{"type":"AWS::S3::Bucket","name":"ok-name","properties":{"PublicRead":"maybe"}}""", "properties.PublicRead")]
    [InlineData("""{"type":"AWS::S3::Bucket","name":"ok-name","properties":{"Colour":"red"}}""", "properties.Colour")]
    [InlineData("""{"type":"AWS::EC2::SecurityGroup","name":"sg-x","properties":{"IngressRules":"tcp:22"}}""", "properties.IngressRules")]
    public async Task InvalidResourcesAreRefusedNamingTheField(string body, string field)
    {
        var alice = (await OrganizationApi.AccountNamedAsync(_admin, "sandbox-alice")).GetProperty("id").GetString()!;
        var before = (await (await _admin.GetAsync($"/api/v1/accounts/{alice}/resources")).JsonAsync()).GetArrayLength();

        var response = await _admin.PostAsync($"/api/v1/accounts/{alice}/resources", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var after = (await (await _admin.GetAsync($"/api/v1/accounts/{alice}/resources")).JsonAsync()).GetArrayLength();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), field);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task ViolationsExportAsCsv()
    {
        var response = await _admin.GetAsync("/api/v1/compliance/violations?format=csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Account,AccountId,OU,Control", lines[0]);
        Assert.True(lines.Length >= 4);
    }

    [Fact]
    public async Task AnAccountWithNothingEvaluatedIsUnknown()
    {
        var management = (await OrganizationApi.AccountNamedAsync(_admin, "Management")).GetProperty("id").GetString()!;

        var compliance = await (await _admin.GetAsync($"/api/v1/accounts/{management}/compliance")).JsonAsync();

        Assert.Equal("Unknown", compliance.GetProperty("status").GetString());
        Assert.Contains("INSUFFICIENT_DATA", compliance.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PreviewingADetectiveControlListsTheResourcesItWouldFindInViolation()
    {
        var nonProd = (await OrganizationApi.OuNamedAsync(_admin, "NonProd")).GetProperty("id").GetString()!;

        var preview = await (await _admin.PostAsJsonAsync($"/api/v1/ous/{nonProd}/enabled-controls/preview",
            new { controlIdentifier = "AWS-GR_IAM_USER_MFA_ENABLED" })).JsonAsync();

        var violations = preview.GetProperty("wouldBeInViolation").EnumerateArray().ToList();
        Assert.Equal(2, violations.Count);
        Assert.All(violations, v => Assert.Contains("deployer has no MFA device", v.GetProperty("annotation").GetString()));
    }

    [Fact]
    public async Task ViolationsFilterByServiceRegionAndType()
    {
        var s3 = await ViolationsAsync("service=Amazon%20S3");
        var ec2 = await ViolationsAsync("service=Amazon%20EC2&resourceType=AWS::EC2::Volume&region=eu-west-1");
        var elsewhere = await ViolationsAsync("region=ap-south-1");

        Assert.NotEmpty(s3.EnumerateArray());
        Assert.All(s3.EnumerateArray(), v => Assert.Equal("Amazon S3", v.GetProperty("service").GetString()));
        Assert.All(ec2.EnumerateArray(), v => Assert.Equal("AWS::EC2::Volume", v.GetProperty("resourceType").GetString()));
        Assert.NotEmpty(ec2.EnumerateArray());
        Assert.Empty(elsewhere.EnumerateArray());
    }
}
