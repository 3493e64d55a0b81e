using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Controls;

/// <summary>
/// The landing zone's writes through Control Tower's API, with requests signed by AWSSDK.Core's SigV4 signer (awscli
/// 2.9.19 predates them). Shapes from the Control Tower API Reference: API_UpdateLandingZone (landingZoneIdentifier,
/// manifest, version; answers operationIdentifier), API_ResetLandingZone, API_CreateLandingZone (ConflictException),
/// API_GetLandingZoneOperation (operationDetails), API_ListLandingZoneOperations with API_LandingZoneOperationFilter
/// (types, statuses; maxResults, nextToken); the manifest as the user guide's "Update your landing zone" example gives it.
/// </summary>
public sealed class ControlTowerLandingZoneApiTests(KestrelPortalFactory portal) : IClassFixture<KestrelPortalFactory>
{
    [Fact]
    public async Task AManifestUpdateGovernsANewRegionAndIsAnOperationThatCanBeReadBackAndTheResetIsAnother()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        using var controlTower = ControlTowerSigned.Client(portal, await portal.AccessKeyAsync(admin, "Management"));
        var zoneArn = (await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/list-landingzones", new { }))).GetProperty("landingZones")[0].GetProperty("arn").GetString()!;
        var manifest = await ManifestAsync(controlTower, zoneArn);
        manifest["governedRegions"]!.AsArray().Add("eu-central-1");
        manifest["centralizedLogging"]!["configurations"] = new JsonObject
        {
            ["loggingBucket"] = new JsonObject { ["retentionDays"] = 730 },
            ["accessLoggingBucket"] = new JsonObject { ["retentionDays"] = 730 },
        };

        var updated = await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/update-landingzone", new { landingZoneIdentifier = zoneArn, manifest, version = "3.3" }));
        var updateId = updated.GetProperty("operationIdentifier").GetString()!;
        var update = (await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/get-landingzone-operation", new { operationIdentifier = updateId }))).GetProperty("operationDetails");
        var after = await ManifestAsync(controlTower, zoneArn);
        var portalView = await (await admin.GetAsync("/api/v1/landing-zone")).JsonAsync();
        var alice = (await OrganizationApi.AccountNamedAsync(admin, "sandbox-alice")).GetProperty("id").GetString()!;
        var recorders = (await (await admin.GetAsync($"/api/v1/accounts/{alice}/resources")).JsonAsync()).EnumerateArray()
            .Where(r => r.GetProperty("type").GetString() == "AWS::Config::ConfigurationRecorder").Select(r => r.GetProperty("region").GetString()).ToList();

        var reset = await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/reset-landingzone", new { landingZoneIdentifier = zoneArn }));
        var resetId = reset.GetProperty("operationIdentifier").GetString()!;
        var resetDetails = (await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/get-landingzone-operation", new { operationIdentifier = resetId }))).GetProperty("operationDetails");
        var updatesOnly = (await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/list-landingzone-operations",
            new { filter = new { types = new[] { "UPDATE" } } }))).GetProperty("landingZoneOperations");
        var firstPage = await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/list-landingzone-operations", new { maxResults = 1 }));
        var secondPage = await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/list-landingzone-operations",
            new { maxResults = 1, nextToken = firstPage.GetProperty("nextToken").GetString() }));
        var create = await controlTower.PostAsJsonAsync("/aws/create-landingzone", new { manifest, version = "3.3" });

        Assert.Matches("^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$", updateId);
        Assert.Equal(("UPDATE", "SUCCEEDED"), (update.GetProperty("operationType").GetString(), update.GetProperty("status").GetString()));
        Assert.Contains("eu-central-1", update.GetProperty("statusMessage").GetString());
        Assert.Equal(["eu-west-1", "us-east-1", "eu-central-1"], after["governedRegions"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(730, after["centralizedLogging"]!["configurations"]!["loggingBucket"]!["retentionDays"]!.GetValue<int>());
        Assert.Equal(["eu-west-1", "us-east-1", "eu-central-1"], portalView.GetProperty("governedRegions").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(730, portalView.GetProperty("logRetentionDays").GetInt32());
        Assert.Contains("eu-central-1", recorders);
        Assert.Equal(("RESET", "SUCCEEDED"), (resetDetails.GetProperty("operationType").GetString(), resetDetails.GetProperty("status").GetString()));
        Assert.Contains(updatesOnly.EnumerateArray(), o => o.GetProperty("operationIdentifier").GetString() == updateId);
        Assert.All(updatesOnly.EnumerateArray(), o => Assert.Equal("UPDATE", o.GetProperty("operationType").GetString()));
        // The most recent first: the reset, then the update.
        Assert.Equal(resetId, firstPage.GetProperty("landingZoneOperations")[0].GetProperty("operationIdentifier").GetString());
        Assert.Equal(updateId, secondPage.GetProperty("landingZoneOperations")[0].GetProperty("operationIdentifier").GetString());
        Assert.Equal(HttpStatusCode.Conflict, create.StatusCode);
        Assert.Equal("ConflictException", create.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    public static TheoryData<string, string, string> RefusedManifests => new()
    {
        { "home Region moved", """{"governedRegions":["us-east-1","eu-west-1"]}""", "home Region eu-west-1" },
        { "unknown Region", """{"governedRegions":["eu-west-1","mars-north-1"]}""", "'mars-north-1' is not a Region" },
        { "Security OU renamed", """{"organizationStructure":{"security":{"name":"Core"}}}""", "manifest.organizationStructure.security.name" },
        { "other Log Archive", """{"centralizedLogging":{"accountId":"111122223333"}}""", "manifest.centralizedLogging.accountId" },
        { "retention out of range", """{"centralizedLogging":{"configurations":{"loggingBucket":{"retentionDays":0}}}}""", "logRetentionDays" },
        { "two retentions", """{"centralizedLogging":{"configurations":{"loggingBucket":{"retentionDays":400},"accessLoggingBucket":{"retentionDays":90}}}}""", "accessLoggingBucket.retentionDays" },
    };

    [Theory]
    [MemberData(nameof(RefusedManifests))]
    public async Task AManifestAskingWhatTheLandingZoneCannotDoIsRefusedNamingTheFieldAndChangesNothing(string change, string manifest, string named)
    {
        using var admin = await ApiClient.AdminAsync(portal);
        using var controlTower = ControlTowerSigned.Client(portal, await portal.AccessKeyAsync(admin, "Management"));
        var zoneArn = (await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/list-landingzones", new { }))).GetProperty("landingZones")[0].GetProperty("arn").GetString()!;
        var before = (await ManifestAsync(controlTower, zoneArn)).ToJsonString();

        var refused = await controlTower.PostAsJsonAsync("/aws/update-landingzone",
            new { landingZoneIdentifier = zoneArn, manifest = JsonNode.Parse(manifest), version = "3.3" });
        var body = await refused.Content.ReadAsStringAsync();

        Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{change}: {refused.StatusCode} {body}");
        Assert.Equal("ValidationException", refused.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Contains(named, JsonDocument.Parse(body).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await ManifestAsync(controlTower, zoneArn)).ToJsonString());
    }

    /// <summary>Twenty parallel updates adding the same Region over real HTTP: each enrolled account ends with one recorder there.</summary>
    [Fact]
    public async Task ParallelUpdatesAddingOneRegionGiveEachAccountOneRecorderThere()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var regions = (await (await admin.GetAsync("/api/v1/landing-zone")).JsonAsync()).GetProperty("governedRegions").EnumerateArray().Select(r => r.GetString()!).ToList();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            admin.PatchAsJsonAsync("/api/v1/landing-zone", new { governedRegions = regions.Append("ap-southeast-2") })));
        var alice = (await OrganizationApi.AccountNamedAsync(admin, "sandbox-alice")).GetProperty("id").GetString()!;
        var recorders = (await (await admin.GetAsync($"/api/v1/accounts/{alice}/resources")).JsonAsync()).EnumerateArray()
            .Where(r => r.GetProperty("type").GetString() == "AWS::Config::ConfigurationRecorder" && r.GetProperty("region").GetString() == "ap-southeast-2").ToList();
        var operations = (await (await admin.GetAsync("/api/v1/landing-zone/operations")).JsonAsync()).EnumerateArray().ToList();

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(recorders);
        Assert.Equal(20, operations.Count(o => o.GetProperty("operationType").GetString() == "UPDATE" && o.GetProperty("statusMessage").GetString()!.Contains("ap-southeast-2")));
    }

    [Fact]
    public async Task OnlyAnAdminUpdatesTheLandingZone()
    {
        using var member = await ApiClient.NewUserAsync(portal, "Member");

        var refused = await member.PatchAsJsonAsync("/api/v1/landing-zone", new { logRetentionDays = 30 });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static async Task<JsonObject> ManifestAsync(HttpClient controlTower, string zoneArn) =>
        (JsonNode.Parse((await ControlTowerSigned.OkAsync(await controlTower.PostAsJsonAsync("/aws/get-landingzone", new { landingZoneIdentifier = zoneArn })))
            .GetProperty("landingZone").GetProperty("manifest").GetRawText()) as JsonObject)!;
}
