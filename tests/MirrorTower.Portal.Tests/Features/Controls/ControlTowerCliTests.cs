using System.Text.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Controls;

/// <summary>
/// Control Tower's control operations through Debian's AWS CLI (REST-JSON at <c>/aws/enable-control</c>, ...): controls
/// by ARN, targets by OU ARN, operations polled to their end, as botocore's controltower 2018-05-10 model shapes them
/// (its member names are lowerCamelCase, and the CLI prints them so).
/// </summary>
public sealed class ControlTowerCliTests(KestrelPortalFactory portal) : IClassFixture<KestrelPortalFactory>
{
    private const string Region = "eu-west-1";

    private static string Control(string identifier) => $"arn:aws:controltower:{Region}::control/{identifier}";

    private static async Task<JsonElement> FinishedAsync(AwsCli aws, string operation)
    {
        for (var i = 0; i < 100; i++)
        {
            var state = (await aws.JsonAsync("controltower", "get-control-operation", "--operation-identifier", operation)).GetProperty("controlOperation");
            if (state.GetProperty("status").GetString() != "IN_PROGRESS")
            {
                return state;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Control operation {operation} did not end.");
    }

    [Fact]
    public async Task AControlIsEnabledPolledListedAndDisabledByArn()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var aws = new AwsCli(portal, await portal.AccessKeyAsync(admin, "Management"), Region);
        var rootId = (await aws.JsonAsync("organizations", "list-roots")).GetProperty("Roots")[0].GetProperty("Id").GetString()!;
        var sandbox = (await aws.JsonAsync("organizations", "list-organizational-units-for-parent", "--parent-id", rootId)).GetProperty("OrganizationalUnits")
            .EnumerateArray().Single(o => o.GetProperty("Name").GetString() == "Sandbox");
        var ouArn = sandbox.GetProperty("Arn").GetString()!;
        var mfa = Control("AWS-GR_ROOT_ACCOUNT_MFA_ENABLED");

        var enabling = (await aws.JsonAsync("controltower", "enable-control", "--control-identifier", mfa, "--target-identifier", ouArn)).GetProperty("operationIdentifier").GetString()!;
        var enabled = await FinishedAsync(aws, enabling);
        var listed = (await aws.JsonAsync("controltower", "list-enabled-controls", "--target-identifier", ouArn)).GetProperty("enabledControls");
        var (againExit, _, again) = await aws.RunAsync("controltower", "enable-control", "--control-identifier", mfa, "--target-identifier", ouArn);
        var portalView = await (await admin.GetAsync($"/api/v1/ous/{sandbox.GetProperty("Id").GetString()}/enabled-controls")).JsonAsync();
        var disabling = (await aws.JsonAsync("controltower", "disable-control", "--control-identifier", mfa, "--target-identifier", ouArn)).GetProperty("operationIdentifier").GetString()!;
        var disabled = await FinishedAsync(aws, disabling);
        var after = (await aws.JsonAsync("controltower", "list-enabled-controls", "--target-identifier", ouArn)).GetProperty("enabledControls");

        Assert.Matches("^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$", enabling);
        Assert.Equal("ENABLE_CONTROL", enabled.GetProperty("operationType").GetString());
        Assert.Equal("SUCCEEDED", enabled.GetProperty("status").GetString());
        Assert.True(enabled.TryGetProperty("endTime", out _));
        Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("controlIdentifier").GetString() == mfa);
        Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("controlIdentifier").GetString() == Control("AWS-GR_REGION_DENY"));
        Assert.NotEqual(0, againExit);
        Assert.Contains("(ConflictException)", again, StringComparison.Ordinal);
        Assert.Contains(portalView.EnumerateArray(), c => c.GetProperty("controlIdentifier").GetString() == "AWS-GR_ROOT_ACCOUNT_MFA_ENABLED");
        Assert.Equal("DISABLE_CONTROL", disabled.GetProperty("operationType").GetString());
        Assert.Equal("SUCCEEDED", disabled.GetProperty("status").GetString());
        Assert.DoesNotContain(after.EnumerateArray(), c => c.GetProperty("controlIdentifier").GetString() == mfa);
    }

    [Fact]
    public async Task RefusalsCarryControlTowersCodes()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var aws = new AwsCli(portal, await portal.AccessKeyAsync(admin, "Management"), Region);
        var workload = new AwsCli(portal, await portal.AccessKeyAsync(admin, "web-prod"), Region);
        var rootId = (await aws.JsonAsync("organizations", "list-roots")).GetProperty("Roots")[0].GetProperty("Id").GetString()!;
        var ouArn = (await aws.JsonAsync("organizations", "list-organizational-units-for-parent", "--parent-id", rootId)).GetProperty("OrganizationalUnits")
            .EnumerateArray().Single(o => o.GetProperty("Name").GetString() == "Sandbox").GetProperty("Arn").GetString()!;

        var (mandatoryExit, _, mandatory) = await aws.RunAsync("controltower", "disable-control", "--control-identifier",
            Control("AWS-GR_AUDIT_BUCKET_DELETION_PROHIBITED"), "--target-identifier", ouArn);
        var (regionExit, _, region) = await aws.RunAsync("controltower", "enable-control", "--control-identifier",
            "arn:aws:controltower:us-east-1::control/AWS-GR_ROOT_ACCOUNT_MFA_ENABLED", "--target-identifier", ouArn);
        var (targetExit, _, target) = await aws.RunAsync("controltower", "list-enabled-controls", "--target-identifier", ouArn.Replace("ou-", "ou-zz", StringComparison.Ordinal));
        var (deniedExit, _, denied) = await workload.RunAsync("controltower", "list-enabled-controls", "--target-identifier", ouArn);
        var (missingExit, _, missing) = await aws.RunAsync("controltower", "get-control-operation", "--operation-identifier", Guid.NewGuid().ToString());

        Assert.NotEqual(0, mandatoryExit);
        Assert.Contains("(ValidationException)", mandatory, StringComparison.Ordinal);
        Assert.Contains("mandatory", mandatory, StringComparison.Ordinal);
        Assert.NotEqual(0, regionExit);
        Assert.Contains("(ValidationException)", region, StringComparison.Ordinal);
        Assert.NotEqual(0, targetExit);
        Assert.Contains("(ResourceNotFoundException)", target, StringComparison.Ordinal);
        Assert.NotEqual(0, deniedExit);
        Assert.Contains("(AccessDeniedException)", denied, StringComparison.Ordinal);
        Assert.NotEqual(0, missingExit);
        Assert.Contains("(ResourceNotFoundException)", missing, StringComparison.Ordinal);
    }
}
