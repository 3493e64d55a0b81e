using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
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
    private HttpClient Signed((string Id, string Secret, string AccountId) key) =>
        new(new SigV4SigningHandler(new BasicAWSCredentials(key.Id, key.Secret), RegionEndpoint.EUWest1, "controltower", new HttpClientHandler()))
        {
            BaseAddress = new Uri(portal.BaseUrl),
        };

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    [Fact]
    public async Task TheLandingZoneEnabledControlsAndOperationsAreReadAsTheCurrentApiShapesThem()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var key = await portal.AccessKeyAsync(admin, "Management");
        using var controlTower = Signed(key);
        var sandbox = await OrganizationApi.OuNamedAsync(admin, "Sandbox");
        var operation = await OrganizationApi.EnableAsync(admin, sandbox.GetProperty("id").GetString()!, "AWS-GR_ENCRYPTED_VOLUMES"); // waits for its end

        var zones = await OkAsync(await controlTower.PostAsJsonAsync("/aws/list-landingzones", new { }));
        var zoneArn = zones.GetProperty("landingZones")[0].GetProperty("arn").GetString()!;
        var zone = (await OkAsync(await controlTower.PostAsJsonAsync("/aws/get-landingzone", new { landingZoneIdentifier = zoneArn }))).GetProperty("landingZone");
        var enabled = await OkAsync(await controlTower.PostAsJsonAsync("/aws/list-enabled-controls",
            new { targetIdentifier = await OuArnAsync(admin, key, sandbox.GetProperty("id").GetString()!) }));
        var encrypted = enabled.GetProperty("enabledControls").EnumerateArray().Single(c => c.GetProperty("controlIdentifier").GetString()!.EndsWith("/AWS-GR_ENCRYPTED_VOLUMES", StringComparison.Ordinal));
        var detail = (await OkAsync(await controlTower.PostAsJsonAsync("/aws/get-enabled-control", new { enabledControlIdentifier = encrypted.GetProperty("arn").GetString() })))
            .GetProperty("enabledControlDetails");
        var operations = (await OkAsync(await controlTower.PostAsJsonAsync("/aws/list-control-operations",
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

    private async Task<string> OuArnAsync(HttpClient admin, (string Id, string Secret, string AccountId) key, string ouId)
    {
        var aws = new AwsCli(portal, key, "eu-west-1");
        return (await aws.JsonAsync("organizations", "describe-organizational-unit", "--organizational-unit-id", ouId)).GetProperty("OrganizationalUnit").GetProperty("Arn").GetString()!;
    }
}
