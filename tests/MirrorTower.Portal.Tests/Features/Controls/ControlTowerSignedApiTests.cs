using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Controls;

/// <summary>
/// The Control Tower operations newer than awscli 2.9.19's model, called with requests signed by AWSSDK.Core's SigV4
/// signer (its <c>SigV4SigningHandler</c>). Request and response shapes follow the Control Tower API Reference:
/// API_ListLandingZones, API_GetLandingZone (LandingZoneDetail), API_GetEnabledControl (EnabledControlDetails),
/// API_ListControlOperations (ControlOperationSummary), API_ListEnabledControls (EnabledControlSummary with arn).
/// </summary>
public sealed class ControlTowerSignedApiTests(KestrelPortalFactory portal) : IClassFixture<KestrelPortalFactory>
{
    [Fact]
    public async Task TheLandingZoneEnabledControlsAndOperationsAreReadAsTheCurrentApiShapesThem()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var key = await portal.AccessKeyAsync(admin, "Management");
        using var controlTower = ControlTowerSigned.Client(portal, key);
        var sandbox = await OrganizationApi.OuNamedAsync(admin, "Sandbox");
        var operation = await OrganizationApi.EnableAsync(admin, sandbox.GetProperty("id").GetString()!, "AWS-GR_ENCRYPTED_VOLUMES"); // waits for its end

        var zones = await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/list-landingzones", new { }));
        var zoneArn = zones.GetProperty("landingZones")[0].GetProperty("arn").GetString()!;
        var zone = (await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/get-landingzone", new { landingZoneIdentifier = zoneArn }))).GetProperty("landingZone");
        var enabled = await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/list-enabled-controls",
            new { targetIdentifier = await OuArnAsync(admin, key, sandbox.GetProperty("id").GetString()!) }));
        var encrypted = enabled.GetProperty("enabledControls").EnumerateArray().Single(c => c.GetProperty("controlIdentifier").GetString()!.EndsWith("/AWS-GR_ENCRYPTED_VOLUMES", StringComparison.Ordinal));
        var detail = (await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/get-enabled-control", new { enabledControlIdentifier = encrypted.GetProperty("arn").GetString() })))
            .GetProperty("enabledControlDetails");
        var operations = (await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/list-control-operations",
            new { filter = new { controlIdentifiers = new[] { encrypted.GetProperty("controlIdentifier").GetString() }, statuses = new[] { "SUCCEEDED" } } }))).GetProperty("controlOperations");
        var missing = await controlTower.PostAsJsonAsync("/aws/get-landingzone", new { landingZoneIdentifier = zoneArn + "0" });

        Assert.Matches($"^arn:aws:controltower:eu-west-1:{key.AccountId}:landingzone/[0-9A-F]{{12}}$", zoneArn);
        Assert.Equal("ACTIVE", zone.GetProperty("status").GetString());
        Assert.Equal("3.3", zone.GetProperty("version").GetString());
        Assert.Contains("eu-west-1", zone.GetProperty("manifest").GetProperty("governedRegions").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Security", zone.GetProperty("manifest").GetProperty("organizationStructure").GetProperty("security").GetProperty("name").GetString());
        Assert.Contains(zone.GetProperty("driftStatus").GetProperty("status").GetString(), new[] { "IN_SYNC", "DRIFTED" });
        Assert.Equal("SUCCEEDED", detail.GetProperty("statusSummary").GetProperty("status").GetString());
        Assert.Equal(encrypted.GetProperty("controlIdentifier").GetString(), detail.GetProperty("controlIdentifier").GetString());
        Assert.Contains(operations.EnumerateArray(), o => o.GetProperty("operationIdentifier").GetString() == operation.GetProperty("operationIdentifier").GetString()
            && o.GetProperty("operationType").GetString() == "ENABLE_CONTROL");
        Assert.All(operations.EnumerateArray(), o => Assert.Equal("SUCCEEDED", o.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("ResourceNotFoundException", missing.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    /// <summary>
    /// The Control Tower user guide's way to govern a new OU: create it with Organizations (it is not registered), then
    /// enable AWSControlTowerBaseline on it (API Reference: ListBaselines, EnableBaseline, GetBaselineOperation,
    /// ListEnabledBaselines); the mandatory controls follow.
    /// </summary>
    [Fact]
    public async Task AnOuCreatedThroughOrganizationsIsGovernedOnceItsBaselineIsEnabled()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var key = await portal.AccessKeyAsync(admin, "Management");
        using var controlTower = ControlTowerSigned.Client(portal, key);
        var aws = new AwsCli(portal, key, "eu-west-1");
        var rootId = (await aws.JsonAsync("organizations", "list-roots")).GetProperty("Roots")[0].GetProperty("Id").GetString()!;
        var ou = (await aws.JsonAsync("organizations", "create-organizational-unit", "--parent-id", rootId, "--name", "BaselineTeam")).GetProperty("OrganizationalUnit");
        var ouArn = ou.GetProperty("Arn").GetString()!;
        var before = await OrganizationApi.OuNamedAsync(admin, "BaselineTeam");
        var controlsBefore = (await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/list-enabled-controls", new { targetIdentifier = ouArn }))).GetProperty("enabledControls");

        var baseline = (await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/list-baselines", new { }))).GetProperty("baselines").EnumerateArray()
            .Single(b => b.GetProperty("name").GetString() == "AWSControlTowerBaseline").GetProperty("arn").GetString()!;
        var enabled = await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/enable-baseline", new { baselineIdentifier = baseline, baselineVersion = "4.0", targetIdentifier = ouArn }));
        var operationId = enabled.GetProperty("operationIdentifier").GetString()!;
        var operation = (await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/get-baseline-operation", new { operationIdentifier = operationId }))).GetProperty("baselineOperation");
        var after = await OrganizationApi.OuNamedAsync(admin, "BaselineTeam");
        var controlsAfter = (await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/list-enabled-controls", new { targetIdentifier = ouArn }))).GetProperty("enabledControls");
        var baselines = (await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/list-enabled-baselines", new { }))).GetProperty("enabledBaselines");
        var again = await controlTower.PostAsJsonAsync("/aws/enable-baseline", new { baselineIdentifier = baseline, baselineVersion = "4.0", targetIdentifier = ouArn });
        var notAControlOperation = await controlTower.PostAsJsonAsync("/aws/get-control-operation", new { operationIdentifier = operationId });

        Assert.False(before.GetProperty("registered").GetBoolean());
        Assert.Equal(0, controlsBefore.GetArrayLength());
        Assert.Equal("arn:aws:controltower:eu-west-1::baseline/17BSJV3IGJ2QSGA2", baseline);
        Assert.Equal("ENABLE_BASELINE", operation.GetProperty("operationType").GetString());
        Assert.Equal("SUCCEEDED", operation.GetProperty("status").GetString());
        Assert.True(after.GetProperty("registered").GetBoolean());
        Assert.Contains(controlsAfter.EnumerateArray(), c => c.GetProperty("controlIdentifier").GetString()!.EndsWith("/AWS-GR_AUDIT_BUCKET_DELETION_PROHIBITED", StringComparison.Ordinal));
        Assert.Contains(baselines.EnumerateArray(), b => b.GetProperty("targetIdentifier").GetString() == ouArn && b.GetProperty("arn").GetString() == enabled.GetProperty("arn").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("ValidationException", again.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal(HttpStatusCode.NotFound, notAControlOperation.StatusCode);
    }

    private async Task<string> OuArnAsync(HttpClient admin, (string Id, string Secret, string AccountId) key, string ouId)
    {
        var aws = new AwsCli(portal, key, "eu-west-1");
        return (await aws.JsonAsync("organizations", "describe-organizational-unit", "--organizational-unit-id", ouId)).GetProperty("OrganizationalUnit").GetProperty("Arn").GetString()!;
    }
}
