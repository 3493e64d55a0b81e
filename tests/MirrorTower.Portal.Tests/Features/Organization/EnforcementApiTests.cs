using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Organization;

/// <summary>The demo organization, its SCPs enforced on actions, controls enabled asynchronously, drift repaired.</summary>
public sealed class EnforcementApiTests(PortalFactory factory) : IClassFixture<PortalFactory>, IAsyncLifetime
{
    private HttpClient _admin = default!;

    public async Task InitializeAsync()
    {
        _admin = await ApiClient.AdminAsync(factory);
        if ((await _admin.GetAsync("/api/v1/landing-zone")).StatusCode == HttpStatusCode.NotFound)
        {
            await OrganizationApi.LoadDemoAsync(_admin);
        }
    }

    public Task DisposeAsync()
    {
        _admin.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task DeletingALogBucketIsDeniedByTheMandatoryControlWithTheReasonAndAudited()
    {
        var logArchive = await OrganizationApi.AccountNamedAsync(_admin, "Log Archive");
        var id = logArchive.GetProperty("id").GetString()!;
        var detail = await (await _admin.GetAsync($"/api/v1/accounts/{id}")).JsonAsync();
        var bucket = detail.GetProperty("resources").EnumerateArray()
            .First(r => r.GetProperty("name").GetString()!.StartsWith("aws-controltower-logs-")).GetProperty("arn").GetString()!;

        var denied = await OrganizationApi.ActAsync(_admin, id, "s3:DeleteBucket", bucket);
        var body = await denied.JsonAsync();
        var after = await (await _admin.GetAsync($"/api/v1/accounts/{id}")).JsonAsync();
        var audit = await (await _admin.GetAsync("/api/v1/audit-events?action=s3:DeleteBucket&outcome=Denied")).JsonAsync();

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("ExplicitDeny", body.GetProperty("decision").GetString());
        Assert.Equal("GRAUDITBUCKETDELETIONPROHIBITED", body.GetProperty("deciding").GetProperty("statement").GetString());
        Assert.Contains("AWS-GR_AUDIT_BUCKET_DELETION_PROHIBITED", body.GetProperty("control").GetString());
        Assert.Contains(after.GetProperty("resources").EnumerateArray(), r => r.GetProperty("arn").GetString() == bucket);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("target").GetString() == bucket);
    }

    [Fact]
    public async Task TheExecutionRoleIsExemptAndTheSimulatorSaysSo()
    {
        var logArchive = (await OrganizationApi.AccountNamedAsync(_admin, "Log Archive")).GetProperty("id").GetString()!;
        var bucket = $"arn:aws:s3:::aws-controltower-logs-{logArchive}-eu-west-1";

        var asDeveloper = await (await _admin.PostAsJsonAsync("/api/v1/policy-simulations", new { accountId = logArchive, action = "s3:DeleteBucket", resource = bucket, region = "eu-west-1" })).JsonAsync();
        var asExecution = await (await _admin.PostAsJsonAsync("/api/v1/policy-simulations", new
        {
            accountId = logArchive, action = "s3:DeleteBucket", resource = bucket, region = "eu-west-1",
            principalArn = $"arn:aws:iam::{logArchive}:role/AWSControlTowerExecution",
        })).JsonAsync();

        Assert.Equal("ExplicitDeny", asDeveloper.GetProperty("decision").GetString());
        Assert.StartsWith("OU Security", asDeveloper.GetProperty("deciding").GetProperty("level").GetString());
        Assert.Equal("Allowed", asExecution.GetProperty("decision").GetString());
        Assert.True(asExecution.GetProperty("trace").GetArrayLength() >= 3);
    }

    [Fact]
    public async Task AnElectiveControlEnabledAsynchronouslyThenDeniesTheAction()
    {
        var sandbox = (await OrganizationApi.OuNamedAsync(_admin, "Sandbox")).GetProperty("id").GetString()!;
        var bob = (await OrganizationApi.AccountNamedAsync(_admin, "sandbox-bob")).GetProperty("id").GetString()!;

        var before = await OrganizationApi.ActAsync(_admin, bob, "ec2:CreateInternetGateway", region: "eu-west-1");
        var preview = await (await _admin.PostAsJsonAsync($"/api/v1/ous/{sandbox}/enabled-controls/preview",
            new { controlIdentifier = "AWS-GR_DISALLOW_VPC_INTERNET_ACCESS" })).JsonAsync();
        var operation = await OrganizationApi.EnableAsync(_admin, sandbox, "AWS-GR_DISALLOW_VPC_INTERNET_ACCESS");
        var after = await OrganizationApi.ActAsync(_admin, bob, "ec2:CreateInternetGateway", region: "eu-west-1");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Contains(preview.GetProperty("accounts").EnumerateArray(), a => a.GetString()!.Contains(bob));
        Assert.Contains(preview.GetProperty("wouldHaveDenied").EnumerateArray(), d => d.GetProperty("action").GetString() == "ec2:CreateInternetGateway");
        Assert.Equal("SUCCEEDED", operation.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        Assert.Contains("AWS-GR_DISALLOW_VPC_INTERNET_ACCESS", (await after.JsonAsync()).GetProperty("control").GetString());
    }

    [Fact]
    public async Task AMandatoryControlCannotBeDisabled()
    {
        var sandbox = (await OrganizationApi.OuNamedAsync(_admin, "Sandbox")).GetProperty("id").GetString()!;

        var response = await _admin.DeleteAsync($"/api/v1/ous/{sandbox}/enabled-controls/AWS-GR_AUDIT_BUCKET_DELETION_PROHIBITED");
        var enabled = await (await _admin.GetAsync($"/api/v1/ous/{sandbox}/enabled-controls")).JsonAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("mandatory control", (await response.JsonAsync()).GetProperty("detail").GetString());
        Assert.Contains(enabled.EnumerateArray(), c => c.GetProperty("controlIdentifier").GetString() == "AWS-GR_AUDIT_BUCKET_DELETION_PROHIBITED");
    }

    [Fact]
    public async Task TheRegionDenyControlOfTheDemoDeniesActionsOutsideTheGovernedRegions()
    {
        var alice = (await OrganizationApi.AccountNamedAsync(_admin, "sandbox-alice")).GetProperty("id").GetString()!;

        var outside = await OrganizationApi.ActAsync(_admin, alice, "ec2:RunInstances", region: "ap-south-1");
        var inside = await OrganizationApi.ActAsync(_admin, alice, "ec2:RunInstances", region: "eu-west-1");

        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Equal("GRREGIONDENY", (await outside.JsonAsync()).GetProperty("deciding").GetProperty("statement").GetString());
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
    }

    [Fact]
    public async Task QuotasAreEnforcedAndNamed()
    {
        var created = await _admin.PostAsJsonAsync("/api/v1/ous", new { name = "QuotaTest" });
        var ou = (await created.JsonAsync()).GetProperty("id").GetString()!;
        var used = (await OrganizationApi.OuNamedAsync(_admin, "QuotaTest")).GetProperty("attachedScps").GetInt32();
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i <= 5 - used; i++)
        {
            var policy = await (await _admin.PostAsJsonAsync("/api/v1/policies", new
            {
                name = $"quota-{i}-{Guid.NewGuid():N}",
                document = """{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"ec2:DeleteVpc","Resource":"*"}}""",
            })).JsonAsync();
            responses.Add(await _admin.PostAsJsonAsync($"/api/v1/policies/{policy.GetProperty("id").GetString()}/attachments", new { targetId = ou }));
        }

        Assert.All(responses[..^1], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.BadRequest, responses[^1].StatusCode);
        Assert.Contains("Quota 'SCPs attached to a target' (5)", (await responses[^1].JsonAsync()).GetProperty("errors").GetProperty("targetId")[0].GetString());

        // Every slot is taken: a control whose statements no longer fit in Control Tower's SCPs needs a sixth,
        // and a statement larger than an SCP can hold is refused whatever the slots.
        var needsSixth = await EnableRegionDenyAsync(ou, exempted: 86);
        var tooLarge = await EnableRegionDenyAsync(ou, exempted: 120);
        var fits = await _admin.PostAsJsonAsync($"/api/v1/ous/{ou}/enabled-controls", new { controlIdentifier = "AWS-GR_DISALLOW_VPN_CONNECTIONS" });

        Assert.Equal(HttpStatusCode.BadRequest, needsSixth.StatusCode);
        Assert.Contains("Quota 'SCPs attached to a target' (5)", await needsSixth.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        Assert.Contains("Quota 'characters per SCP' (5120)", await tooLarge.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Accepted, fits.StatusCode);
        await OrganizationApi.WaitForOperationAsync(_admin, (await fits.JsonAsync()).GetProperty("operationIdentifier").GetString()!);
        Assert.Equal(5, (await OrganizationApi.OuNamedAsync(_admin, "QuotaTest")).GetProperty("attachedScps").GetInt32());
    }

    private Task<HttpResponseMessage> EnableRegionDenyAsync(string ou, int exempted) =>
        _admin.PostAsJsonAsync($"/api/v1/ous/{ou}/enabled-controls", new
        {
            controlIdentifier = "AWS-GR_REGION_DENY",
            parameters = new { ExemptedPrincipalArns = Enumerable.Range(0, exempted).Select(i => $"arn:aws:iam::*:role/break-glass-operator-{i:D3}").ToArray() },
        });

    [Fact]
    public async Task MalformedCustomScpsNameTheElementAndLineAndColumn()
    {
        var syntax = await _admin.PostAsJsonAsync("/api/v1/policies", new { name = "broken", document = "{\"Version\":\"2012-10-17\",\n\"Statement\": [ {\"Effect\": \"Deny\" ] }" });
        var grammar = await _admin.PostAsJsonAsync("/api/v1/policies", new { name = "broken2", document = """{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*","Principal":"*"}}""" });

        Assert.Equal(HttpStatusCode.BadRequest, syntax.StatusCode);
        Assert.Contains("line 2", (await syntax.JsonAsync()).GetProperty("errors").GetProperty("document")[0].GetString());
        Assert.Contains("Statement[0].Principal", (await grammar.JsonAsync()).GetProperty("errors").GetProperty("document")[0].GetString());
    }

    [Fact]
    public async Task DriftFromAnOutOfBandDetachIsDetectedAndRepaired()
    {
        var policies = await (await _admin.GetAsync("/api/v1/policies")).JsonAsync();
        var infrastructure = (await OrganizationApi.OuNamedAsync(_admin, "Infrastructure")).GetProperty("id").GetString()!;
        var guardrail = policies.EnumerateArray().First(p => p.GetProperty("kind").GetString() == "ControlTower"
            && p.GetProperty("targets").EnumerateArray().Any(t => t.GetString()!.Contains(infrastructure)));

        var change = await _admin.PostAsJsonAsync("/api/v1/drift/out-of-band-changes", new { kind = "DetachControlScp", policyId = guardrail.GetProperty("id").GetString() });
        var drifted = await (await _admin.GetAsync("/api/v1/landing-zone")).JsonAsync();
        var repair = await _admin.PostAsJsonAsync("/api/v1/drift/repairs", new { repair = "ResetControls", targetId = infrastructure });
        var drift = await (await _admin.GetAsync("/api/v1/drift")).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal("DRIFTED", drifted.GetProperty("status").GetString());
        Assert.Contains(drifted.GetProperty("drift").EnumerateArray(), d => d.GetProperty("type").GetString() == "SCP_DETACHED_FROM_OU");
        Assert.Equal(HttpStatusCode.OK, repair.StatusCode);
        Assert.DoesNotContain(drift.EnumerateArray(), d => d.GetProperty("targetId").GetString() == infrastructure);
    }

    [Fact]
    public async Task AMovedAccountIsDriftUntilItIsUpdated()
    {
        var web = (await OrganizationApi.AccountNamedAsync(_admin, "web-dev")).GetProperty("id").GetString()!;
        var prod = (await OrganizationApi.OuNamedAsync(_admin, "Prod")).GetProperty("id").GetString()!;

        await _admin.PostAsJsonAsync("/api/v1/drift/out-of-band-changes", new { kind = "MoveAccount", accountId = web, ouId = prod });
        var drift = await (await _admin.GetAsync("/api/v1/drift")).JsonAsync();
        await _admin.PostAsJsonAsync("/api/v1/drift/repairs", new { repair = "UpdateAccount", targetId = web });
        var after = await (await _admin.GetAsync("/api/v1/drift")).JsonAsync();

        Assert.Contains(drift.EnumerateArray(), d => d.GetProperty("type").GetString() == "ACCOUNT_MOVED_BETWEEN_OUS" && d.GetProperty("targetId").GetString() == web);
        Assert.DoesNotContain(after.EnumerateArray(), d => d.GetProperty("targetId").GetString() == web);
    }

    [Fact]
    public async Task AMemberMayReadTheOrganizationButNotChangeIt()
    {
        using var member = await ApiClient.NewUserAsync(factory, "Member");

        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/v1/ous")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/v1/ous", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsync("/api/v1/demo-organization", null)).StatusCode);
    }
}
