using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MirrorTower.Portal.Tests.Features.Mirroring;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Organization;

/// <summary>
/// RCPs over real HTTP: an RCP control enabled on an OU refuses requests from outside the organization to its accounts'
/// resources (previewed first), custom RCPs are Deny-only, RCPFullAWSAccess stays, and the per-target quota holds for 20
/// attachments at once.
/// </summary>
public sealed class ResourceControlPolicyApiTests(KestrelPortalFactory portal) : IClassFixture<KestrelPortalFactory>
{
    private const string Outsider = "arn:aws:iam::111122223333:role/Partner";

    private static async Task<string> BucketOfAsync(HttpClient admin, string accountId) =>
        (await (await admin.GetAsync($"/api/v1/accounts/{accountId}")).JsonAsync()).GetProperty("resources").EnumerateArray()
            .First(r => r.GetProperty("type").GetString() == "AWS::S3::Bucket" && !r.GetProperty("name").GetString()!.StartsWith("aws-controltower", StringComparison.Ordinal))
            .GetProperty("arn").GetString()!;

    private static async Task<JsonElement> SimulateAsync(HttpClient admin, string accountId, string principal, string action, string resource) =>
        await (await admin.PostAsJsonAsync("/api/v1/policy-simulations", new { accountId, principalArn = principal, action, resource, region = "eu-west-1" })).JsonAsync();

    [Fact]
    public async Task AnRcpControlOnAnOuDeniesS3RequestsFromOutsideTheOrganizationNamingTheRcpAndItsPreviewSaidSo()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var prod = (await OrganizationApi.OuNamedAsync(admin, "Prod")).GetProperty("id").GetString()!;
        var webProd = (await OrganizationApi.AccountNamedAsync(admin, "web-prod")).GetProperty("id").GetString()!;
        var staging = (await OrganizationApi.AccountNamedAsync(admin, "payments-staging")).GetProperty("id").GetString()!;
        var bucket = await BucketOfAsync(admin, webProd);

        var before = await SimulateAsync(admin, webProd, Outsider, "s3:GetObject", bucket + "/report.csv");
        var preview = await (await admin.PostAsJsonAsync($"/api/v1/ous/{prod}/enabled-controls/preview", new { controlIdentifier = "CT.S3.PV.4" })).JsonAsync();
        var operation = await OrganizationApi.EnableAsync(admin, prod, "CT.S3.PV.4");
        var outsider = await SimulateAsync(admin, webProd, Outsider, "s3:GetObject", bucket + "/report.csv");
        var insider = await SimulateAsync(admin, webProd, $"arn:aws:iam::{webProd}:role/Developer", "s3:GetObject", bucket + "/report.csv");
        var elsewhere = await SimulateAsync(admin, staging, Outsider, "s3:GetObject", "arn:aws:s3:::some-staging-bucket/x");
        var notCovered = await SimulateAsync(admin, webProd, Outsider, "ec2:DescribeInstances", "*");
        var levels = (await (await admin.GetAsync($"/api/v1/accounts/{webProd}")).JsonAsync()).GetProperty("scps").EnumerateArray().ToList();

        Assert.Equal("Allowed", before.GetProperty("decision").GetString());
        Assert.Contains("SCPs do not apply: the principal is not in an account of the organization", before.GetProperty("summary").GetString());
        var probe = Assert.Single(preview.GetProperty("wouldDeny").EnumerateArray(), p => p.GetProperty("resource").GetString() == bucket + "/*");
        Assert.Equal("CTS3PV4", probe.GetProperty("statement").GetString());
        Assert.Equal("SUCCEEDED", operation.GetProperty("status").GetString());
        Assert.Equal("ExplicitDeny", outsider.GetProperty("decision").GetString());
        Assert.Equal("ResourceControlPolicy", outsider.GetProperty("deciding").GetProperty("type").GetString());
        Assert.StartsWith("aws-guardrails-rcp-", outsider.GetProperty("deciding").GetProperty("policy").GetString());
        Assert.StartsWith("OU Prod", outsider.GetProperty("deciding").GetProperty("level").GetString());
        Assert.Contains("of RCP aws-guardrails-rcp-", outsider.GetProperty("summary").GetString());
        Assert.Contains("CT.S3.PV.4", outsider.GetProperty("control").GetString());
        Assert.Equal("Allowed", insider.GetProperty("decision").GetString());
        Assert.Equal("Allowed", elsewhere.GetProperty("decision").GetString());
        Assert.Contains("RCPs do not apply: ec2 is not a service RCPs cover", notCovered.GetProperty("summary").GetString());
        var prodLevel = levels.Single(l => l.GetProperty("level").GetString()!.StartsWith("OU Prod", StringComparison.Ordinal));
        Assert.Contains(prodLevel.GetProperty("rcps").EnumerateArray(), p => p.GetProperty("name").GetString()!.StartsWith("aws-guardrails-rcp-", StringComparison.Ordinal));
        Assert.All(levels, l => Assert.Contains(l.GetProperty("rcps").EnumerateArray(), p => p.GetProperty("name").GetString() == "RCPFullAWSAccess"));
        Assert.DoesNotContain(prodLevel.GetProperty("policies").EnumerateArray(), p => p.GetProperty("name").GetString()!.StartsWith("aws-guardrails-rcp-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACustomRcpDeniesOnlyAndRcpFullAwsAccessCannotBeDetached()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var alice = (await OrganizationApi.AccountNamedAsync(admin, "sandbox-alice")).GetProperty("id").GetString()!;

        var allow = await admin.PostAsJsonAsync("/api/v1/policies", new
        {
            name = "rcp-allow", type = "RESOURCE_CONTROL_POLICY",
            document = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}""",
        });
        var wrongType = await admin.PostAsJsonAsync("/api/v1/policies", new { name = "rcp-typo", type = "TAG_POLICY", document = "{}" });
        var deny = await admin.PostAsJsonAsync("/api/v1/policies", new
        {
            name = $"rcp-no-plain-http-{Guid.NewGuid():N}"[..24], type = "RESOURCE_CONTROL_POLICY",
            document = """{"Version":"2012-10-17","Statement":[{"Sid":"NoPlainHttp","Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""",
        });
        var created = await deny.JsonAsync();
        var rcpId = created.GetProperty("id").GetString()!;
        var attached = await admin.PostAsJsonAsync($"/api/v1/policies/{rcpId}/attachments", new { targetId = alice });
        var detachDefault = await admin.DeleteAsync($"/api/v1/policies/p-RCPFullAWSAccess/attachments/{alice}");
        var plain = await (await admin.PostAsJsonAsync("/api/v1/policy-simulations", new
        {
            accountId = alice, action = "sqs:SendMessage", resource = $"arn:aws:sqs:eu-west-1:{alice}:jobs", region = "eu-west-1", context = new Dictionary<string, object> { ["aws:SecureTransport"] = "false" },
        })).JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, allow.StatusCode);
        Assert.Contains("Allow is only supported in AWS's RCPFullAWSAccess", await MirroringApi.ErrorsAsync(allow));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("type", (await wrongType.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.Created, deny.StatusCode);
        Assert.Equal("ResourceControlPolicy", created.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, attached.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, detachDefault.StatusCode);
        Assert.Contains("RCPFullAWSAccess cannot be detached", await MirroringApi.ErrorsAsync(detachDefault));
        Assert.Equal("ExplicitDeny", plain.GetProperty("decision").GetString());
        Assert.Equal("NoPlainHttp", plain.GetProperty("deciding").GetProperty("statement").GetString());
    }

    [Fact]
    public async Task ATargetHasAtMostFiveRcpsHoweverManyAttachmentsArriveAtOnceAndItsScpSlotsAreItsOwn()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var ou = await (await admin.PostAsJsonAsync("/api/v1/ous", new { name = $"rcps-{Guid.NewGuid():N}"[..16] })).JsonAsync();
        var ouId = ou.GetProperty("id").GetString()!;
        var policies = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var created = await admin.PostAsJsonAsync("/api/v1/policies", new
            {
                name = $"rcp-parallel-{Guid.NewGuid():N}"[..24], type = "RESOURCE_CONTROL_POLICY",
                document = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject{{i}}","Resource":"*"}]}""",
            });
            policies.Add((await created.JsonAsync()).GetProperty("id").GetString()!);
        }

        var responses = await Simultaneous.SendAsync(20, i => admin.PostAsJsonAsync($"/api/v1/policies/{policies[i]}/attachments", new { targetId = ouId }));
        var quota = (await (await admin.GetAsync("/api/v1/policies/quotas")).JsonAsync()).EnumerateArray().Single(q => q.GetProperty("targetId").GetString() == ouId);

        // RCPFullAWSAccess holds one of the five slots.
        Assert.Equal(4, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Quota 'RCPs attached to a target' (5) is reached", await MirroringApi.ErrorsAsync(refused), StringComparison.Ordinal);
        }
        Assert.Equal(5, quota.GetProperty("rcpsAttached").GetInt32());
        Assert.Equal(ou.GetProperty("attachedScps").GetInt32(), quota.GetProperty("attached").GetInt32());
    }
}
