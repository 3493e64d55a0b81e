using System.Net;
using System.Net.Http.Json;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Organization;

/// <summary>
/// <c>POST /api/v1/policies/validation</c> answers a document's findings without saving it (as Access Analyzer's
/// ValidatePolicy does), and saving refuses what it calls an error.
/// </summary>
public sealed class PolicyValidationApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Document = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"DenyEverything","Effect":"Deny","Action":"*","Resource":"*"},
          {"Sid":"AllowReads","Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::reports/*"},
          {"Sid":"Users","Effect":"Deny","Action":"iam:*","Resource":"arn:aws:iam::123456789012:u*"}]}
        """;

    [Fact]
    public async Task AValidationNamesEachFindingsStatementAndSavingRefusesTheErrors()
    {
        using var auditor = await ApiClient.NewUserAsync(factory, "Auditor");
        using var admin = await ApiClient.AdminAsync(factory);

        var response = await auditor.PostAsJsonAsync("/api/v1/policies/validation", new { document = Document });
        var validation = await response.JsonAsync();
        var saved = await admin.PostAsJsonAsync("/api/v1/policies", new { name = $"findings-{Guid.NewGuid():N}", document = Document });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((1, 1), (validation.GetProperty("errors").GetInt32(), validation.GetProperty("warnings").GetInt32()));
        var findings = validation.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("severity").GetString() == "Error" && f.GetProperty("statement").GetString() == "Users"
            && f.GetProperty("element").GetString() == "Statement[2].Resource");
        Assert.Contains(findings, f => f.GetProperty("severity").GetString() == "Warning" && f.GetProperty("statement").GetString() == "AllowReads"
            && f.GetProperty("message").GetString()!.Contains("DenyEverything", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        Assert.Contains("inside the resource type 'u*' of iam", (await saved.JsonAsync()).GetProperty("errors").GetProperty("document")[0].GetString());
    }
}
