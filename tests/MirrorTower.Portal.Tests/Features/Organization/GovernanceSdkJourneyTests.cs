using System.Diagnostics;
using System.Text.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Organization;

/// <summary>
/// The governance journey through the current AWS SDK for JavaScript v3 clients (@aws-sdk/client-organizations,
/// client-config-service, client-service-catalog from tests/node's lockfile, installed by .ci/run): a second real
/// client family beside the CLI, with its own serializers, signer and typed errors. The script is
/// tests/node/governance-journey.mjs.
/// </summary>
public sealed class GovernanceSdkJourneyTests(KestrelPortalFactory portal) : IClassFixture<KestrelPortalFactory>
{
    private static readonly string NodeDirectory = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../node"));

    [Fact]
    public async Task TheJavaScriptSdkCreatesAnOuAndAnScpReadsComplianceAndSearchesTheCatalog()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        using var member = await ApiClient.NewUserAsync(portal, "Member");
        (await admin.PostAsync("/api/v1/compliance/evaluations", null)).EnsureSuccessStatusCode();
        var management = await portal.AccessKeyAsync(admin, "Management");
        var workload = await portal.AccessKeyAsync(admin, "web-prod");
        var memberKey = await portal.AccessKeyAsync(member, "web-dev");
        Assert.True(File.Exists(Path.Combine(NodeDirectory, "node_modules/@aws-sdk/client-organizations/package.json")),
            $"The npm packages of {NodeDirectory} are missing: run 'npm ci --prefix tests/node' (.ci/run does).");

        var start = new ProcessStartInfo("node", "governance-journey.mjs") { WorkingDirectory = NodeDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["MIRRORTOWER_AWS_ENDPOINT"] = portal.Ec2Endpoint;
        start.Environment["MIRRORTOWER_REGION"] = "eu-west-1";
        foreach (var (prefix, key) in new[] { ("MANAGEMENT", management), ("WORKLOAD", workload), ("MEMBER", memberKey) })
        {
            start.Environment[$"{prefix}_KEY_ID"] = key.Id;
            start.Environment[$"{prefix}_SECRET"] = key.Secret;
        }
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"node governance-journey.mjs exited {process.ExitCode}: {await error}");
        var seen = JsonDocument.Parse(await output).RootElement;

        Assert.Matches("^r-", seen.GetProperty("rootId").GetString());
        Assert.Equal(seen.GetProperty("ouId").GetString(), (await OrganizationApi.OuNamedAsync(admin, "SdkTeam")).GetProperty("id").GetString());
        Assert.Equal("DuplicateOrganizationalUnitException", seen.GetProperty("duplicate").GetProperty("name").GetString());
        Assert.True(seen.GetProperty("duplicate").GetProperty("typed").GetBoolean(), "the SDK maps the error code to its typed exception");
        Assert.Contains("sdk-no-bucket-deletes", seen.GetProperty("attached").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains(seen.GetProperty("compliance").EnumerateArray(), c => c.GetProperty("rule").GetString()!.StartsWith("AWSControlTower_AWS-GR_", StringComparison.Ordinal));
        Assert.Equal("AWS Control Tower Account Factory", seen.GetProperty("product").GetString());
        Assert.Contains("AccountEmail", seen.GetProperty("parameters").EnumerateArray().Select(p => p.GetString()));
    }
}
