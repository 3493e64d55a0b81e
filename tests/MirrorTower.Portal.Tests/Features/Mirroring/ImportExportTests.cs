using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Mirroring;

/// <summary>Import and export in the AWS CLI's shapes: the reference's examples, all or nothing, a message per broken element.</summary>
public sealed class ImportExportTests(DemoPortalFactory portal) : IClassFixture<DemoPortalFactory>
{
    private static JsonNode Example(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", $"describe-traffic-mirror-{name}.json")))!;

    private async Task<(HttpClient Admin, string Scope)> WebProdAsync()
    {
        var admin = await ApiClient.AdminAsync(portal);
        var accountId = (await OrganizationApi.AccountNamedAsync(admin, "web-prod")).GetProperty("id").GetString()!;
        return (admin, MirroringApi.Scope(accountId));
    }

    private static StringContent Json(JsonNode document) => new(document.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task TheReferenceFilterExampleImportsAndExportsUnchangedButForItsNewIds()
    {
        var (admin, scope) = await WebProdAsync();

        var imported = await admin.PostAsync($"{scope}/traffic-mirroring/import", Json(Example("filters")));
        var result = await imported.JsonAsync();
        var newId = result.GetProperty("ids").GetProperty("tmf-04a1c2e3f5b6d7e89").GetString();
        var export = await (await admin.GetAsync($"{scope}/traffic-mirroring/export")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(1, result.GetProperty("filters").GetInt32());
        Assert.Equal(3, result.GetProperty("rules").GetInt32());
        var exported = JsonNode.Parse(export)!["TrafficMirrorFilters"]!.AsArray().Single(f => f!["TrafficMirrorFilterId"]!.GetValue<string>() == newId)!;
        var original = Example("filters")["TrafficMirrorFilters"]![0]!;
        Assert.Equal(Strip(original), Strip(exported));
    }

    [Fact]
    public async Task TargetsAndSessionsNamingResourcesMirrorTowerDoesNotHaveAreRefusedPerElementAndNothingIsSaved()
    {
        var (admin, scope) = await WebProdAsync();
        var before = (await MirroringApi.OverviewAsync(admin)).GetProperty("filters").GetArrayLength();
        var document = new JsonObject
        {
            ["TrafficMirrorFilters"] = Example("filters")["TrafficMirrorFilters"]!.DeepClone(),
            ["TrafficMirrorTargets"] = Example("targets")["TrafficMirrorTargets"]!.DeepClone(),
            ["TrafficMirrorSessions"] = Example("sessions")["TrafficMirrorSessions"]!.DeepClone(),
        };

        var response = await admin.PostAsync($"{scope}/traffic-mirroring/import", Json(document));

        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a Network Load Balancer of account", errors.GetProperty("TrafficMirrorTargets[0].networkLoadBalancerArn")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("No network interface 'eni-0fedcba9876543210'", errors.GetProperty("TrafficMirrorTargets[1].networkInterfaceId")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("No network interface 'eni-01234567890abcdef'", errors.GetProperty("TrafficMirrorSessions[0]")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await MirroringApi.OverviewAsync(admin)).GetProperty("filters").GetArrayLength());
    }

    [Fact]
    public async Task ABrokenRuleIsNamedByItsPathInTheDocument()
    {
        var (admin, scope) = await WebProdAsync();
        var document = Example("filters");
        document["TrafficMirrorFilters"]![0]!["IngressFilterRules"]![1]!["RuleNumber"] = 100;
        document["TrafficMirrorFilters"]![0]!["EgressFilterRules"]![0]!["DestinationPortRange"] = new JsonObject { ["FromPort"] = 1, ["ToPort"] = 2 };

        var response = await admin.PostAsync($"{scope}/traffic-mirroring/import", Json(document));

        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("already used", errors.GetProperty("TrafficMirrorFilters[0].IngressFilterRules[1].ruleNumber")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Port ranges apply only to TCP", errors.GetProperty("TrafficMirrorFilters[0].EgressFilterRules[0].destinationPortRange")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExportedAccountImportsIntoAnotherWithSessionsFollowingTheirNewFilter()
    {
        var (admin, scope) = await WebProdAsync();
        var export = JsonNode.Parse(await (await admin.GetAsync($"{scope}/traffic-mirroring/export")).Content.ReadAsStringAsync())!;
        var demoFilter = export["TrafficMirrorFilters"]!.AsArray().First(f => f!["Description"]!.GetValue<string>().StartsWith("Web tier", StringComparison.Ordinal))!;
        var session = export["TrafficMirrorSessions"]!.AsArray().First(s => s!["TrafficMirrorFilterId"]!.GetValue<string>() == demoFilter["TrafficMirrorFilterId"]!.GetValue<string>())!;
        (await admin.DeleteAsync($"{scope}/traffic-mirror-sessions/{session["TrafficMirrorSessionId"]!.GetValue<string>()}")).EnsureSuccessStatusCode();
        var document = new JsonObject { ["TrafficMirrorFilters"] = new JsonArray(demoFilter.DeepClone()), ["TrafficMirrorSessions"] = new JsonArray(session.DeepClone()) };

        var response = await admin.PostAsync($"{scope}/traffic-mirroring/import", Json(document));

        var result = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var newFilter = result.GetProperty("ids").GetProperty(demoFilter["TrafficMirrorFilterId"]!.GetValue<string>()).GetString();
        var newSession = result.GetProperty("ids").GetProperty(session["TrafficMirrorSessionId"]!.GetValue<string>()).GetString();
        var sessions = (await MirroringApi.OverviewAsync(admin)).GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("session"));
        Assert.Equal(newFilter, sessions.Single(s => s.GetProperty("id").GetString() == newSession).GetProperty("filterId").GetString());
    }

    /// <summary>The document without the ids AWS or MirrorTower assigned.</summary>
    private static string Strip(JsonNode filter)
    {
        var copy = filter.DeepClone().AsObject();
        copy.Remove("TrafficMirrorFilterId");
        foreach (var rule in copy["IngressFilterRules"]!.AsArray().Concat(copy["EgressFilterRules"]!.AsArray()))
        {
            rule!.AsObject().Remove("TrafficMirrorFilterRuleId");
            rule.AsObject().Remove("TrafficMirrorFilterId");
        }
        return copy.ToJsonString();
    }
}
