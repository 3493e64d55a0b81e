using System.Net;
using System.Net.Http.Json;
using MirrorTower.Portal.Tests.Infrastructure;
using static MirrorTower.Portal.Tests.Features.AccountFactory.AccountFactoryApi;

namespace MirrorTower.Portal.Tests.Features.AccountFactory;

/// <summary>Self-service through the API: validation per field, approvals, who sees what, constraints, enrollment.</summary>
public sealed class AccountFactoryApiTests(DemoPortalFactory portal) : IClassFixture<DemoPortalFactory>
{
    public static TheoryData<string, string, string?, string, string> Refused => new()
    {
        { "an invalid e-mail", "AccountEmail", "not-an-email", "AccountEmail", "is not an e-mail address" },
        { "an e-mail used by an account", "AccountEmail", "web-prod@demo.mirrortower.local", "AccountEmail", "is already the e-mail of account web-prod" },
        { "a missing name", "AccountName", "", "AccountName", "AccountName is required" },
        { "an unknown OU", "ManagedOrganizationalUnit", "Nowhere", "ManagedOrganizationalUnit", "is not a registered OU" },
        { "the Security OU", "ManagedOrganizationalUnit", "Security", "ManagedOrganizationalUnit", "is not a registered OU" },
        { "a bad SSO e-mail", "SSOUserEmail", "nobody", "SSOUserEmail", "is not an e-mail address" },
        { "a VPC too large", "VpcCidr", "10.0.0.0/8", "VpcCidr", "from /16 to /28" },
        { "an ungoverned Region", "VpcRegions", "ap-south-1", "VpcRegions", "is not a governed Region" },
        { "four zones", "AvailabilityZones", "4", "AvailabilityZones", "from 1 to 3" },
        { "three private subnets", "PrivateSubnetsPerAz", "3", "PrivateSubnetsPerAz", "from 0 to 2" },
        { "a yes", "InternetAccessibleSubnet", "yes", "InternetAccessibleSubnet", "true or false" },
        { "an unknown parameter", "Colour", "blue", "Colour", "is not a parameter" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task EveryValueIsValidatedUpFrontWithAMessageNamingTheField(string because, string key, string? value, string field, string message)
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var parameters = Parameters($"valid-{Guid.NewGuid():N}@tests.example");
        parameters[key] = value;

        var response = await LaunchAsync(admin, parameters);

        var errors = await Mirroring.MirroringApi.ErrorsAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, because);
        Assert.Contains($"{field}: ", errors, StringComparison.Ordinal);
        Assert.Contains(message, errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOverlappingVpcIsAWarningNotARefusal()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var parameters = Parameters("overlap@tests.example");
        parameters["VpcCidr"] = "10.1.0.0/16";

        var response = await LaunchAsync(admin, parameters);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("overlaps the VPCs of web-prod", (await response.JsonAsync()).GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMembersLaunchWaitsForApprovalAndARejectionReachesTheRequesterWithItsReason()
    {
        using var member = await ApiClient.NewUserAsync(portal, "Member");
        using var admin = await ApiClient.AdminAsync(portal);

        var launched = await LaunchAsync(member, Parameters("needs-approval@tests.example"));
        var recordId = (await launched.JsonAsync()).GetProperty("lastRecord").GetProperty("recordId").GetString();
        await Task.Delay(300);
        var waiting = await (await member.GetAsync($"/api/v1/records/{recordId}")).JsonAsync();
        var pending = await (await admin.GetAsync("/api/v1/records")).JsonAsync();
        var noReason = await admin.PostAsJsonAsync($"/api/v1/records/{recordId}/approval", new { approve = false });
        var rejected = await admin.PostAsJsonAsync($"/api/v1/records/{recordId}/approval", new { approve = false, reason = "Use the shared sandbox instead." });
        var seen = await (await member.GetAsync($"/api/v1/records/{recordId}")).JsonAsync();

        Assert.Equal(HttpStatusCode.Created, launched.StatusCode);
        Assert.Equal("CREATED", waiting.GetProperty("status").GetString());
        Assert.Equal("Pending", waiting.GetProperty("approval").GetString());
        Assert.Contains(pending.EnumerateArray(), r => r.GetProperty("recordId").GetString() == recordId);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal("FAILED", seen.GetProperty("status").GetString());
        Assert.Equal("Use the shared sandbox instead.", seen.GetProperty("approvalReason").GetString());
        Assert.All(seen.GetProperty("steps").EnumerateArray(), s => Assert.Equal("Pending", s.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task AnApprovedLaunchRunsAndOnlyItsOwnerAndAdminsSeeIt()
    {
        using var member = await ApiClient.NewUserAsync(portal, "Member");
        using var other = await ApiClient.NewUserAsync(portal, "Member");
        using var auditor = await ApiClient.NewUserAsync(portal, "Auditor");
        using var admin = await ApiClient.AdminAsync(portal);
        var recordId = await LaunchedRecordAsync(member, "approved-one@tests.example");

        (await admin.PostAsJsonAsync($"/api/v1/records/{recordId}/approval", new { approve = true })).EnsureSuccessStatusCode();
        var finished = await FinishedAsync(member, recordId);

        Assert.Equal("SUCCEEDED", finished.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/records/{recordId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/api/v1/records/{recordId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync("/api/v1/provisioned-products", new { parameters = Parameters("auditor@tests.example") })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync($"/api/v1/records/{recordId}/approval", new { approve = true })).StatusCode);
        Assert.DoesNotContain((await (await other.GetAsync("/api/v1/provisioned-products")).JsonAsync()).EnumerateArray(), p => p.GetProperty("name").GetString() == "approved-one");
    }

    [Fact]
    public async Task ATemplateConstraintLimitsTheOuAndTheEmailDomain()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var catalog = await (await admin.GetAsync("/api/v1/catalog")).JsonAsync();
        var portfolio = catalog.GetProperty("portfolios")[0];
        var portfolioId = portfolio.GetProperty("id").GetString();
        var productId = portfolio.GetProperty("productIds")[0].GetString();
        (await admin.PostAsJsonAsync($"/api/v1/catalog/portfolios/{portfolioId}/constraints", new
        {
            productId, type = "TEMPLATE", description = "Corporate mail only", parameter = "AccountEmail", requiredSuffix = "@corp.example",
        })).EnsureSuccessStatusCode();
        var ouConstraint = await admin.PostAsJsonAsync($"/api/v1/catalog/portfolios/{portfolioId}/constraints", new
        {
            productId, type = "TEMPLATE", description = "Sandbox and NonProd only", parameter = "ManagedOrganizationalUnit", allowedValues = new[] { "Sandbox", "NonProd" },
        });

        var wrongDomain = await LaunchAsync(admin, Parameters("someone@tests.example"));
        var wrongOu = await LaunchAsync(admin, Parameters("someone@corp.example", "Prod"));
        var allowed = await LaunchAsync(admin, Parameters("someone@corp.example", "NonProd"));
        (await admin.DeleteAsync($"/api/v1/catalog/constraints/{(await ouConstraint.JsonAsync()).GetProperty("id").GetString()}")).EnsureSuccessStatusCode();
        foreach (var constraint in (await (await admin.GetAsync("/api/v1/catalog")).JsonAsync()).GetProperty("constraints").EnumerateArray().Where(c => c.GetProperty("type").GetString() == "TEMPLATE"))
        {
            await admin.DeleteAsync($"/api/v1/catalog/constraints/{constraint.GetProperty("id").GetString()}");
        }

        Assert.Contains("AccountEmail: AccountEmail must end with @corp.example", await Mirroring.MirroringApi.ErrorsAsync(wrongDomain), StringComparison.Ordinal);
        Assert.Contains("ManagedOrganizationalUnit: ManagedOrganizationalUnit must be one of Sandbox, NonProd", await Mirroring.MirroringApi.ErrorsAsync(wrongOu), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
    }

    [Fact]
    public async Task AnExistingAccountIsEnrolledOnlyOnceItHasTheExecutionRole()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var record = await FinishedAsync(admin, await LaunchedRecordAsync(admin, "re-enroll@tests.example"));
        var productId = record.GetProperty("provisionedProductId").GetString();
        var accountId = record.GetProperty("accountId").GetString();
        await FinishedAsync(admin, (await (await admin.PostAsync($"/api/v1/provisioned-products/{productId}/terminate", null)).JsonAsync()).GetProperty("lastRecord").GetProperty("recordId").GetString()!);
        var resources = await (await admin.GetAsync($"/api/v1/accounts/{accountId}/resources")).JsonAsync();
        var role = resources.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "AWSControlTowerExecution").GetProperty("id").GetInt64();
        (await admin.DeleteAsync($"/api/v1/accounts/{accountId}/resources/{role}")).EnsureSuccessStatusCode();

        var refused = await admin.PostAsJsonAsync($"/api/v1/accounts/{accountId}/enroll", new { managedOrganizationalUnit = "Sandbox" });
        (await admin.PostAsJsonAsync($"/api/v1/accounts/{accountId}/resources", new { type = "AWS::IAM::Role", name = "AWSControlTowerExecution", region = "global" })).EnsureSuccessStatusCode();
        var enrolled = await admin.PostAsJsonAsync($"/api/v1/accounts/{accountId}/enroll", new { managedOrganizationalUnit = "Sandbox" });
        var enrollment = await FinishedAsync(admin, (await enrolled.JsonAsync()).GetProperty("lastRecord").GetProperty("recordId").GetString()!);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("has no AWSControlTowerExecution role yet", await Mirroring.MirroringApi.ErrorsAsync(refused), StringComparison.Ordinal);
        Assert.Equal("SUCCEEDED", enrollment.GetProperty("status").GetString());
        Assert.Equal("CheckExecutionRole", enrollment.GetProperty("steps")[0].GetProperty("name").GetString());
        Assert.True((await OrganizationApi.AccountNamedAsync(admin, "re-enroll")).GetProperty("enrolled").GetBoolean());
    }
}
