using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Controls;

/// <summary>
/// Control drift as Control Tower's API reports it per enabled control (API Reference: DriftStatusSummary,
/// EnabledControlDriftTypes with inheritance and resource, EnabledControlFilter.driftStatuses, ResetEnabledControl),
/// over requests signed by AWSSDK.Core's SigV4 signer, on the demo organization (Workloads above Prod and NonProd).
/// </summary>
public sealed class ControlDriftApiTests(KestrelPortalFactory portal) : IClassFixture<KestrelPortalFactory>
{
    private const string VpcInternet = "AWS-GR_DISALLOW_VPC_INTERNET_ACCESS", EncryptedVolumes = "AWS-GR_ENCRYPTED_VOLUMES";

    [Fact]
    public async Task AMoveAndADetachDriftTheReachedControlsOnlyAndAResetBringsThemBack()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var key = await portal.AccessKeyAsync(admin, "Management");
        using var controlTower = ControlTowerSigned.Client(portal, key);
        var aws = new AwsCli(portal, key, "eu-west-1");
        var (prod, workloads) = ((await OrganizationApi.OuNamedAsync(admin, "Prod")).GetProperty("id").GetString()!, (await OrganizationApi.OuNamedAsync(admin, "Workloads")).GetProperty("id").GetString()!);
        var webDev = (await OrganizationApi.AccountNamedAsync(admin, "web-dev")).GetProperty("id").GetString()!;
        async Task<string> ArnAsync(string ou) => (await aws.JsonAsync("organizations", "describe-organizational-unit", "--organizational-unit-id", ou))
            .GetProperty("OrganizationalUnit").GetProperty("Arn").GetString()!;
        var (prodArn, workloadsArn) = (await ArnAsync(prod), await ArnAsync(workloads));
        async Task<Dictionary<string, JsonElement>> DriftAsync(string ouArn) =>
            (await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/list-enabled-controls", new { targetIdentifier = ouArn }))).GetProperty("enabledControls")
                .EnumerateArray().ToDictionary(c => c.GetProperty("controlIdentifier").GetString()!.Split('/')[^1], c => c.GetProperty("driftStatusSummary"));
        static string Types(JsonElement summary) => $"{summary.GetProperty("driftStatus").GetString()} inheritance {summary.GetProperty("types").GetProperty("inheritance").GetProperty("status").GetString()}"
            + $" resource {summary.GetProperty("types").GetProperty("resource").GetProperty("status").GetString()}";
        var before = await DriftAsync(prodArn);

        // web-dev (NonProd) moved into Prod outside Control Tower: Prod's controls do not reach it; Workloads' still do.
        (await admin.PostAsJsonAsync("/api/v1/drift/out-of-band-changes", new { kind = "MoveAccount", accountId = webDev, ouId = prod, confirmFailingTests = true })).EnsureSuccessStatusCode();
        var moved = await DriftAsync(prodArn);
        var workloadsAfterMove = await DriftAsync(workloadsArn);
        // Prod's Control Tower SCPs detached outside Control Tower: its preventive controls lose their policy.
        var policies = await (await admin.GetAsync("/api/v1/policies")).JsonAsync();
        foreach (var guardrail in policies.EnumerateArray().Where(p => p.GetProperty("kind").GetString() == "ControlTower"
            && p.GetProperty("targets").EnumerateArray().Any(t => t.GetString()!.Contains(prod))))
        {
            (await admin.PostAsJsonAsync("/api/v1/drift/out-of-band-changes", new { kind = "DetachControlScp", policyId = guardrail.GetProperty("id").GetString(), confirmFailingTests = true }))
                .EnsureSuccessStatusCode();
        }
        var detached = await DriftAsync(prodArn);
        var onlyDrifted = (await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/list-enabled-controls",
            new { targetIdentifier = prodArn, filter = new { driftStatuses = new[] { "DRIFTED" } } }))).GetProperty("enabledControls");
        var landingZone = await (await admin.GetAsync("/api/v1/landing-zone")).JsonAsync();

        var enabledArn = (await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/list-enabled-controls",
            new { targetIdentifier = prodArn, filter = new { controlIdentifiers = new[] { $"arn:aws:controltower:eu-west-1::control/{VpcInternet}" } } })))
            .GetProperty("enabledControls")[0].GetProperty("arn").GetString()!;
        var reset = await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/reset-enabled-control", new { enabledControlIdentifier = enabledArn }));
        var operation = (await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/get-control-operation",
            new { operationIdentifier = reset.GetProperty("operationIdentifier").GetString() }))).GetProperty("controlOperation");
        var afterReset = await DriftAsync(prodArn);
        var accountDrift = await (await admin.GetAsync("/api/v1/drift")).JsonAsync();

        Assert.All(before.Values, s => Assert.Equal("IN_SYNC", s.GetProperty("driftStatus").GetString()));
        Assert.Equal("DRIFTED inheritance DRIFTED resource IN_SYNC", Types(moved[VpcInternet]));
        Assert.Equal("DRIFTED inheritance DRIFTED resource NOT_CHECKING", Types(moved[EncryptedVolumes]));
        Assert.All(workloadsAfterMove.Values, s => Assert.Equal("IN_SYNC", s.GetProperty("driftStatus").GetString()));
        Assert.Equal("DRIFTED inheritance DRIFTED resource DRIFTED", Types(detached[VpcInternet]));
        Assert.Equal("DRIFTED inheritance DRIFTED resource NOT_CHECKING", Types(detached[EncryptedVolumes]));
        Assert.Equal(detached.Count(d => d.Value.GetProperty("driftStatus").GetString() == "DRIFTED"), onlyDrifted.GetArrayLength());
        Assert.Contains(landingZone.GetProperty("driftedControls").EnumerateArray(), c => c.GetProperty("controlIdentifier").GetString() == VpcInternet
            && c.GetProperty("drift").GetProperty("reasons").EnumerateArray().Any(r => r.GetString()!.Contains("web-dev")));
        Assert.Equal(("RESET_ENABLED_CONTROL", "SUCCEEDED"), (operation.GetProperty("operationType").GetString(), operation.GetProperty("status").GetString()));
        Assert.All(afterReset, s => Assert.True(s.Value.GetProperty("driftStatus").GetString() == "IN_SYNC", $"{s.Key}: {Types(s.Value)}"));
        Assert.DoesNotContain(accountDrift.EnumerateArray(), d => d.GetProperty("targetId").GetString() == webDev);
    }

    /// <summary>Twenty resets of one control at once over real HTTP: each is its own finished operation, and the OU keeps one set of Control Tower SCPs.</summary>
    [Fact]
    public async Task ParallelResetsLeaveTheOuWithOneSetOfControlTowerScps()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var nonProd = (await OrganizationApi.OuNamedAsync(admin, "NonProd")).GetProperty("id").GetString()!;
        async Task<int> GuardrailsAsync() => (await (await admin.GetAsync("/api/v1/policies")).JsonAsync()).EnumerateArray()
            .Count(p => p.GetProperty("kind").GetString() == "ControlTower" && p.GetProperty("targets").EnumerateArray().Any(t => t.GetString()!.Contains(nonProd)));
        var before = await GuardrailsAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            admin.PostAsync($"/api/v1/ous/{nonProd}/enabled-controls/AWS-GR_AUDIT_BUCKET_DELETION_PROHIBITED/reset", null)));
        var operations = await Task.WhenAll(answers.Select(async a => (await a.JsonAsync()).GetProperty("operationIdentifier").GetString()));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(20, operations.Distinct().Count());
        Assert.True(before > 0);
        Assert.Equal(before, await GuardrailsAsync());
    }
}
