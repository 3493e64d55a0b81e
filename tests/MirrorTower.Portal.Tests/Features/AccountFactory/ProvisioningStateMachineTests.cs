using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Portal.Features.AccountFactory;
using MirrorTower.Portal.Tests.Infrastructure;
using static MirrorTower.Portal.Tests.Features.AccountFactory.AccountFactoryApi;

namespace MirrorTower.Portal.Tests.Features.AccountFactory;

/// <summary>The provisioning state machine: the steps and statuses of the reference, a failing step at each place, the queue.</summary>
public sealed class ProvisioningStateMachineTests(DemoPortalFactory portal) : IClassFixture<DemoPortalFactory>
{
    private AccountFactoryFaults Faults => portal.Services.GetRequiredService<AccountFactoryFaults>();

    [Fact]
    public async Task ALaunchRunsEveryStepAndTheAccountIsGovernedInItsOu()
    {
        using var admin = await ApiClient.AdminAsync(portal);

        var record = await FinishedAsync(admin, await LaunchedRecordAsync(admin, "vended-ok@tests.example", "Prod"));

        Assert.Equal("SUCCEEDED", record.GetProperty("status").GetString());
        Assert.Equal(["CreateAccount", "MoveToOu", "Enroll", "Baseline", "ApplyControls", "DeployBlueprint", "ComplianceEvaluation"],
            record.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.All(record.GetProperty("steps").EnumerateArray(), s => Assert.Equal(1, s.GetProperty("attempts").GetInt32()));
        var accountId = record.GetProperty("accountId").GetString();
        var account = await (await admin.GetAsync($"/api/v1/accounts/{accountId}")).JsonAsync();
        Assert.Contains("Prod", account.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("AWS-GR_DISALLOW_VPC_INTERNET_ACCESS", account.GetRawText(), StringComparison.Ordinal);
        var product = await ProductAsync(admin, record.GetProperty("provisionedProductId").GetString()!);
        Assert.Equal("AVAILABLE", product.GetProperty("status").GetString());
        var network = await (await admin.GetAsync("/api/v1/network")).JsonAsync();
        Assert.Equal(2, network.GetProperty("vpcs").EnumerateArray().Count(v => v.GetProperty("vpc").GetProperty("accountId").GetString() == accountId));
    }

    [Theory]
    [InlineData("CreateAccount")]
    [InlineData("MoveToOu")]
    [InlineData("Enroll")]
    [InlineData("Baseline")]
    [InlineData("ApplyControls")]
    [InlineData("ComplianceEvaluation")]
    public async Task AFailingStepFailsTheRecordWithTheReasonAndTheProductShowsError(string step)
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var email = $"fails-at-{step.ToLowerInvariant()}@tests.example";
        Faults.FailNext(step, $"{step} could not complete (injected).", email);

        var record = await FinishedAsync(admin, await LaunchedRecordAsync(admin, email));

        Assert.Equal("FAILED", record.GetProperty("status").GetString());
        Assert.Equal($"{step} failed: {step} could not complete (injected).", record.GetProperty("message").GetString());
        var steps = record.GetProperty("steps").EnumerateArray().ToList();
        var failed = steps.FindIndex(s => s.GetProperty("name").GetString() == step);
        Assert.Equal("Failed", steps[failed].GetProperty("status").GetString());
        Assert.All(steps.Take(failed), s => Assert.Equal("Succeeded", s.GetProperty("status").GetString()));
        Assert.All(steps.Skip(failed + 1), s => Assert.Equal("Pending", s.GetProperty("status").GetString()));
        var product = await ProductAsync(admin, record.GetProperty("provisionedProductId").GetString()!);
        Assert.Equal("ERROR", product.GetProperty("status").GetString());
        // A launch that failed before its account existed releases the e-mail for another try.
        var retry = await LaunchAsync(admin, Parameters(email));
        Assert.Equal(step == "CreateAccount" ? HttpStatusCode.Created : HttpStatusCode.BadRequest, retry.StatusCode);
    }

    [Fact]
    public async Task AnUpdateThatFailsAfterMovingTheAccountLeavesTheProductTainted()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var record = await FinishedAsync(admin, await LaunchedRecordAsync(admin, "update-tainted@tests.example"));
        var productId = record.GetProperty("provisionedProductId").GetString()!;
        Faults.FailNext("ApplyControls", "The new OU's controls could not be applied (injected).", "update-tainted@tests.example");

        var update = await admin.PostAsJsonAsync($"/api/v1/provisioned-products/{productId}/update", new { parameters = new Dictionary<string, string> { ["ManagedOrganizationalUnit"] = "NonProd" } });
        var updateRecord = await FinishedAsync(admin, (await update.JsonAsync()).GetProperty("lastRecord").GetProperty("recordId").GetString()!);

        Assert.Equal("FAILED", updateRecord.GetProperty("status").GetString());
        var product = await ProductAsync(admin, productId);
        Assert.Equal("TAINTED", product.GetProperty("status").GetString());
        Assert.Contains("after it changed the account", product.GetProperty("statusMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateMovesTheAccountAndTerminateUnmanagesItWithoutClosingIt()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var record = await FinishedAsync(admin, await LaunchedRecordAsync(admin, "moves-around@tests.example"));
        var productId = record.GetProperty("provisionedProductId").GetString()!;
        var accountId = record.GetProperty("accountId").GetString();

        var update = await admin.PostAsJsonAsync($"/api/v1/provisioned-products/{productId}/update", new { parameters = new Dictionary<string, string> { ["ManagedOrganizationalUnit"] = "NonProd" } });
        await FinishedAsync(admin, (await update.JsonAsync()).GetProperty("lastRecord").GetProperty("recordId").GetString()!);
        var moved = await OrganizationApi.AccountNamedAsync(admin, "moves-around");
        var terminate = await admin.PostAsync($"/api/v1/provisioned-products/{productId}/terminate", null);
        var terminated = await FinishedAsync(admin, (await terminate.JsonAsync()).GetProperty("lastRecord").GetProperty("recordId").GetString()!);
        var after = await OrganizationApi.AccountNamedAsync(admin, "moves-around");

        Assert.Equal((await OrganizationApi.OuNamedAsync(admin, "NonProd")).GetProperty("id").GetString(), moved.GetProperty("ouId").GetString());
        Assert.Equal("SUCCEEDED", terminated.GetProperty("status").GetString());
        Assert.Equal(accountId, after.GetProperty("id").GetString());
        Assert.False(after.GetProperty("enrolled").GetBoolean());
        Assert.Equal(JsonValueKindNull, after.GetProperty("ouId").ValueKind);
    }

    [Fact]
    public async Task TwoLaunchesWithOneEmailAtTheSameMomentMakeExactlyOneAccount()
    {
        using var admin = await ApiClient.AdminAsync(portal);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => LaunchAsync(admin, Parameters("same-moment@tests.example"))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        var created = responses.Single(r => r.StatusCode == HttpStatusCode.Created);
        await FinishedAsync(admin, (await created.JsonAsync()).GetProperty("lastRecord").GetProperty("recordId").GetString()!);
        var accounts = await (await admin.GetAsync("/api/v1/accounts")).JsonAsync();
        Assert.Single(accounts.EnumerateArray(), a => a.GetProperty("email").GetString() == "same-moment@tests.example");
    }

    [Fact]
    public async Task AnAccountMovedOutsideAccountFactoryTaintsItsProductUntilTheProductIsUpdated()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var record = await FinishedAsync(admin, await LaunchedRecordAsync(admin, "moved-outside@tests.example"));
        var productId = record.GetProperty("provisionedProductId").GetString()!;
        var prod = (await OrganizationApi.OuNamedAsync(admin, "Prod")).GetProperty("id").GetString();

        (await admin.PostAsJsonAsync("/api/v1/drift/out-of-band-changes", new { kind = "MoveAccount", accountId = record.GetProperty("accountId").GetString(), ouId = prod, confirmFailingTests = true }))
            .EnsureSuccessStatusCode();
        var tainted = await StatusAsync(admin, productId, "TAINTED");
        var update = await admin.PostAsJsonAsync($"/api/v1/provisioned-products/{productId}/update", new { parameters = new Dictionary<string, string> { ["ManagedOrganizationalUnit"] = "Prod" } });
        var updateRecord = await FinishedAsync(admin, (await update.JsonAsync()).GetProperty("lastRecord").GetProperty("recordId").GetString()!);

        Assert.Contains("moved outside Account Factory", tainted.GetProperty("statusMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal("SUCCEEDED", updateRecord.GetProperty("status").GetString());
        Assert.Equal("AVAILABLE", (await ProductAsync(admin, productId)).GetProperty("status").GetString());
    }

    private static async Task<System.Text.Json.JsonElement> StatusAsync(HttpClient client, string productId, string status)
    {
        for (var i = 0; i < 100; i++)
        {
            var product = await ProductAsync(client, productId);
            if (product.GetProperty("status").GetString() == status)
            {
                return product;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{productId} never became {status}.");
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
