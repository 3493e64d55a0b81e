using System.Net;
using System.Net.Http.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Workbench;

/// <summary>Suites saved, run, exported, and guarding changes to what is attached.</summary>
public sealed class PolicyTestSuiteApiTests(PortalFactory factory) : IClassFixture<PortalFactory>, IAsyncLifetime
{
    private HttpClient _admin = default!;
    private string _logArchive = "";

    public async Task InitializeAsync()
    {
        _admin = await ApiClient.AdminAsync(factory);
        if ((await _admin.GetAsync("/api/v1/landing-zone")).StatusCode == HttpStatusCode.NotFound)
        {
            await OrganizationApi.LoadDemoAsync(_admin);
        }
        _logArchive = (await OrganizationApi.AccountNamedAsync(_admin, "Log Archive")).GetProperty("id").GetString()!;
    }

    public Task DisposeAsync()
    {
        _admin.Dispose();
        return Task.CompletedTask;
    }

    private object LogArchiveSuite(string name, string enforcement) => new
    {
        name,
        scope = (string?)null,
        enforcement,
        cases = new object[]
        {
            new
            {
                name = "log bucket deletion is denied",
                accountId = _logArchive,
                request = new { principalArn = "arn:aws:iam::{account}:role/Developer", action = "s3:DeleteBucket", resource = "arn:aws:s3:::aws-controltower-logs-{account}-eu-west-1", region = "eu-west-1" },
                expected = "ExplicitDeny",
            },
            new
            {
                name = "ordinary buckets may be deleted",
                accountId = _logArchive,
                request = new { principalArn = "arn:aws:iam::{account}:role/Developer", action = "s3:DeleteBucket", resource = "arn:aws:s3:::team-bucket", region = "eu-west-1" },
                expected = "Allowed",
            },
        },
    };

    private async Task<string> SecurityGuardrailAsync()
    {
        var security = (await OrganizationApi.OuNamedAsync(_admin, "Security")).GetProperty("id").GetString()!;
        var policies = await (await _admin.GetAsync("/api/v1/policies")).JsonAsync();
        // The guardrail SCP of the Security OU that holds the log-bucket deletion statement.
        return policies.EnumerateArray().First(p => p.GetProperty("kind").GetString() == "ControlTower"
            && p.GetProperty("targets").ToString().Contains(security) && p.GetProperty("document").GetString()!.Contains("GRAUDITBUCKETDELETIONPROHIBITED"))
            .GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task ASuiteIsSavedRunAndExportedInTheShapeThatImportsIt()
    {
        var created = await _admin.PostAsJsonAsync("/api/v1/policy-test-suites", LogArchiveSuite("roundtrip", "Confirm"));
        var id = (await created.JsonAsync()).GetProperty("id").GetString()!;
        var run = await (await _admin.PostAsync($"/api/v1/policy-test-suites/{id}/runs", null)).JsonAsync();
        var exported = await (await _admin.GetAsync($"/api/v1/policy-test-suites/{id}")).JsonAsync();
        var reimported = await _admin.PostAsJsonAsync("/api/v1/policy-test-suites", exported);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(2, run.GetProperty("passed").GetInt32());
        Assert.Equal(0, run.GetProperty("failed").GetInt32());
        Assert.Equal("ExplicitDeny", exported.GetProperty("cases")[0].GetProperty("expected").GetString());
        Assert.Equal(HttpStatusCode.Created, reimported.StatusCode);
        Assert.Equal(id, (await reimported.JsonAsync()).GetProperty("id").GetString());
        await _admin.DeleteAsync($"/api/v1/policy-test-suites/{id}");
    }

    [Fact]
    public async Task InvalidSuitesAreRefusedWholeNamingEachCase()
    {
        var response = await _admin.PostAsJsonAsync("/api/v1/policy-test-suites", new
        {
            name = "broken",
            enforcement = "Sometimes",
            cases = new object[] { new { name = "x", accountId = "000000000000", request = new { action = "nope" }, expected = "Perhaps" } },
        });
        var errors = (await response.JsonAsync()).GetProperty("errors");
        var suites = await (await _admin.GetAsync("/api/v1/policy-test-suites")).JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.All(new[] { "enforcement", "cases[0].accountId", "cases[0].expected", "cases[0].request.action", "cases[0].request.principalArn" },
            key => Assert.True(errors.TryGetProperty(key, out _), key));
        Assert.DoesNotContain(suites.EnumerateArray(), s => s.GetProperty("name").GetString() == "broken");
    }

    [Fact]
    public async Task AChangeThatFlipsAnExpectedDecisionNeedsConfirmationOrIsRefused()
    {
        var suite = (await (await _admin.PostAsJsonAsync("/api/v1/policy-test-suites", LogArchiveSuite("guard", "Confirm"))).JsonAsync()).GetProperty("id").GetString()!;
        var guardrail = await SecurityGuardrailAsync();

        var blocked = await _admin.PostAsJsonAsync("/api/v1/drift/out-of-band-changes", new { kind = "DetachControlScp", policyId = guardrail });
        var problem = await blocked.JsonAsync();
        var stillAttached = await (await _admin.GetAsync("/api/v1/drift")).JsonAsync();

        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Contains(problem.GetProperty("failingCases").EnumerateArray(), c => c.GetProperty("case").GetString() == "log bucket deletion is denied");
        Assert.DoesNotContain(stillAttached.EnumerateArray(), d => d.GetProperty("type").GetString() == "SCP_DETACHED_FROM_OU");

        await _admin.PostAsJsonAsync("/api/v1/policy-test-suites", LogArchiveSuite("guard", "Refuse"));
        var refused = await _admin.PostAsJsonAsync("/api/v1/drift/out-of-band-changes", new { kind = "DetachControlScp", policyId = guardrail, confirmFailingTests = true });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        await _admin.PostAsJsonAsync("/api/v1/policy-test-suites", LogArchiveSuite("guard", "Confirm"));
        var confirmed = await _admin.PostAsJsonAsync("/api/v1/drift/out-of-band-changes", new { kind = "DetachControlScp", policyId = guardrail, confirmFailingTests = true });
        var audit = await (await _admin.GetAsync("/api/v1/audit-events?action=organizations:DetachPolicy&outcome=Succeeded")).JsonAsync();
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("reason").GetString()!.Contains("Confirmed despite failing policy tests"));

        var security = (await OrganizationApi.OuNamedAsync(_admin, "Security")).GetProperty("id").GetString()!;
        await _admin.PostAsJsonAsync("/api/v1/drift/repairs", new { repair = "ResetControls", targetId = security });
        await _admin.DeleteAsync($"/api/v1/policy-test-suites/{suite}");
    }

    [Fact]
    public async Task EditingACustomScpIsCheckedByTheSuites()
    {
        var root = (await (await _admin.GetAsync("/api/v1/landing-zone")).JsonAsync()).GetProperty("rootId").GetString()!;
        var policy = await (await _admin.PostAsJsonAsync("/api/v1/policies", new
        {
            name = "no-vpn", document = """{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"ec2:CreateVpnGateway","Resource":"*"}}""",
        })).JsonAsync();
        var id = policy.GetProperty("id").GetString()!;
        await _admin.PostAsJsonAsync($"/api/v1/policies/{id}/attachments", new { targetId = root });
        var suite = (await (await _admin.PostAsJsonAsync("/api/v1/policy-test-suites", LogArchiveSuite("edits", "Confirm"))).JsonAsync()).GetProperty("id").GetString()!;

        var harmless = await _admin.PutAsJsonAsync($"/api/v1/policies/{id}", new
        {
            name = "no-vpn", document = """{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":["ec2:CreateVpnGateway","ec2:CreateVpnConnection"],"Resource":"*"}}""",
        });
        var breaking = await _admin.PutAsJsonAsync($"/api/v1/policies/{id}", new
        {
            name = "no-vpn", document = """{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}}""",
        });

        Assert.Equal(HttpStatusCode.OK, harmless.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, breaking.StatusCode);
        Assert.Contains("ordinary buckets may be deleted", await breaking.Content.ReadAsStringAsync());
        await _admin.DeleteAsync($"/api/v1/policy-test-suites/{suite}");
    }
}
