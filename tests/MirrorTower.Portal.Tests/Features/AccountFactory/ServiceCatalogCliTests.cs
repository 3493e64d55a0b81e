using System.Net.Http.Json;
using System.Text.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.AccountFactory;

/// <summary>
/// The Account Factory through Debian's AWS CLI (<c>aws servicecatalog</c>, JSON 1.1 at <c>/aws</c>) with a Member's
/// key: search, parameters, a launch that waits for an Admin's approval, polled with describe-record to its end, and
/// the user's own scope. Shapes and codes are botocore's servicecatalog 2015-12-10 model.
/// </summary>
public sealed class ServiceCatalogCliTests(KestrelPortalFactory portal) : IClassFixture<KestrelPortalFactory>
{
    private static async Task<JsonElement> RecordAsync(AwsCli aws, string recordId, params string[] until)
    {
        for (var i = 0; i < 300; i++)
        {
            var record = (await aws.JsonAsync("servicecatalog", "describe-record", "--id", recordId)).GetProperty("RecordDetail");
            if (until.Contains(record.GetProperty("Status").GetString()))
            {
                return record;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Record {recordId} did not reach {string.Join(" or ", until)}.");
    }

    [Fact]
    public async Task AMemberLaunchesAnAccountFromTheCliAndAnAdminsApprovalLetsItFinish()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        using var member = await ApiClient.NewUserAsync(portal, "Member");
        using var other = await ApiClient.NewUserAsync(portal, "Member");
        var aws = new AwsCli(portal, await portal.AccessKeyAsync(member, "web-dev"));
        var stranger = new AwsCli(portal, await portal.AccessKeyAsync(other, "web-dev"));

        var product = Assert.Single((await aws.JsonAsync("servicecatalog", "search-products")).GetProperty("ProductViewSummaries").EnumerateArray());
        var productId = product.GetProperty("ProductId").GetString()!;
        var paths = (await aws.JsonAsync("servicecatalog", "list-launch-paths", "--product-id", productId)).GetProperty("LaunchPathSummaries");
        var parameters = (await aws.JsonAsync("servicecatalog", "describe-provisioning-parameters", "--product-id", productId,
            "--path-id", paths[0].GetProperty("Id").GetString()!)).GetProperty("ProvisioningArtifactParameters");
        var launchArguments = new[] { "servicecatalog", "provision-product", "--product-id", productId, "--provisioned-product-name", "cli-team",
            "--provision-token", "cli-launch-1", "--provisioning-parameters" }
            .Concat(AccountFactoryApi.Parameters("cli-team@tests.example").Select(p => $"Key={p.Key},Value={p.Value}")).ToArray();
        var launched = (await aws.JsonAsync(launchArguments)).GetProperty("RecordDetail");
        var again = (await aws.JsonAsync(launchArguments)).GetProperty("RecordDetail");
        var recordId = launched.GetProperty("RecordId").GetString()!;
        var (strangerExit, _, strangerError) = await stranger.RunAsync("servicecatalog", "describe-record", "--id", recordId);
        var strangersProducts = (await stranger.JsonAsync("servicecatalog", "search-provisioned-products")).GetProperty("ProvisionedProducts");

        Assert.Equal("AWS Control Tower Account Factory", product.GetProperty("Name").GetString());
        Assert.Contains(parameters.EnumerateArray(), p => p.GetProperty("ParameterKey").GetString() == "ManagedOrganizationalUnit");
        Assert.Contains(parameters.EnumerateArray(), p => p.GetProperty("ParameterKey").GetString() == "AccountEmail");
        Assert.Equal("PROVISION_PRODUCT", launched.GetProperty("RecordType").GetString());
        Assert.Equal(recordId, again.GetProperty("RecordId").GetString()); // the same ProvisionToken is the same launch
        Assert.NotEqual(0, strangerExit);
        Assert.Contains("(ResourceNotFoundException)", strangerError, StringComparison.Ordinal);
        Assert.DoesNotContain(strangersProducts.EnumerateArray(), p => p.GetProperty("Name").GetString() == "cli-team");

        // The demo's portfolio makes a Member's launch wait for an Admin, on the approvals page as for a launch from the page.
        (await admin.PostAsJsonAsync($"/api/v1/records/{recordId}/approval", new { approve = true, reason = "from the CLI test" })).EnsureSuccessStatusCode();
        var finished = await RecordAsync(aws, recordId, "SUCCEEDED", "FAILED");
        var outputs = (await aws.JsonAsync("servicecatalog", "describe-record", "--id", recordId)).GetProperty("RecordOutputs");
        var provisioned = Assert.Single((await aws.JsonAsync("servicecatalog", "search-provisioned-products")).GetProperty("ProvisionedProducts").EnumerateArray(),
            p => p.GetProperty("Name").GetString() == "cli-team");
        var described = (await aws.JsonAsync("servicecatalog", "describe-provisioned-product", "--id", provisioned.GetProperty("Id").GetString()!)).GetProperty("ProvisionedProductDetail");

        Assert.Equal("SUCCEEDED", finished.GetProperty("Status").GetString());
        var account = Assert.Single(outputs.EnumerateArray(), o => o.GetProperty("OutputKey").GetString() == "AccountId").GetProperty("OutputValue").GetString()!;
        Assert.Matches("^[0-9]{12}$", account);
        Assert.Equal(account, provisioned.GetProperty("PhysicalId").GetString());
        Assert.Equal("AVAILABLE", described.GetProperty("Status").GetString());
        Assert.Equal("cli-team", (await OrganizationApi.AccountNamedAsync(admin, "cli-team")).GetProperty("name").GetString());
        var history = (await aws.JsonAsync("servicecatalog", "list-record-history", "--search-filter", $"Key=provisionedproduct,Value={provisioned.GetProperty("Id").GetString()}"))
            .GetProperty("RecordDetails");
        Assert.Equal(recordId, Assert.Single(history.EnumerateArray()).GetProperty("RecordId").GetString());
        Assert.DoesNotContain((await stranger.JsonAsync("servicecatalog", "list-record-history")).GetProperty("RecordDetails").EnumerateArray(),
            r => r.GetProperty("RecordId").GetString() == recordId);
    }

    [Fact]
    public async Task ABadLaunchIsRefusedNamingTheParameterAndAnUnknownProductIsNotFound()
    {
        using var member = await ApiClient.NewUserAsync(portal, "Member");
        var aws = new AwsCli(portal, await portal.AccessKeyAsync(member, "web-dev"));
        var productId = (await aws.JsonAsync("servicecatalog", "search-products")).GetProperty("ProductViewSummaries")[0].GetProperty("ProductId").GetString()!;

        var (badExit, _, bad) = await aws.RunAsync("servicecatalog", "provision-product", "--product-id", productId, "--provisioned-product-name", "bad",
            "--provisioning-parameters", "Key=AccountEmail,Value=not-an-email", "Key=AccountName,Value=bad", "Key=ManagedOrganizationalUnit,Value=Sandbox");
        var (missingExit, _, missing) = await aws.RunAsync("servicecatalog", "describe-product", "--id", "prod-doesnotexist");

        Assert.NotEqual(0, badExit);
        Assert.Contains("(InvalidParametersException)", bad, StringComparison.Ordinal);
        Assert.Contains("AccountEmail", bad, StringComparison.Ordinal);
        Assert.NotEqual(0, missingExit);
        Assert.Contains("(ResourceNotFoundException)", missing, StringComparison.Ordinal);
    }
}
