using System.Net;
using System.Net.Http.Json;
using MirrorTower.Portal.Common;
using MirrorTower.Portal.Features.Compliance;
using MirrorTower.Portal.Tests.Features.Mirroring;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Api;

/// <summary>Text that reads otherwise than it is: control characters and direction overrides in names, formulas in CSV cells.</summary>
public sealed class InputTextTests(DemoPortalFactory portal) : IClassFixture<DemoPortalFactory>
{
    [Theory]
    [InlineData("plain name", null)]
    [InlineData("Zürich – ünïcode ✓", null)]
    [InlineData("nul\u0000byte", "U+0000")]
    [InlineData("escape\u001b[31m", "U+001B")]
    [InlineData("line\nbreak", "U+000A")]
    [InlineData("invoice\u202Efdp.exe", "U+202E")]
    [InlineData("isolate\u2066x\u2069", "U+2066")]
    public void NamesRefuseControlAndDirectionCharacters(string value, string? found)
    {
        var errors = new FieldErrors().CheckText("name", value);

        if (found is null)
        {
            Assert.True(errors.IsEmpty);
        }
        else
        {
            Assert.Contains($"(found {found})", Assert.Single(errors.For("name")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnOuNamedWithARightToLeftOverrideIsRefusedAndNothingIsSaved()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var before = (await (await admin.GetAsync("/api/v1/ous")).JsonAsync()).GetArrayLength();

        var response = await admin.PostAsJsonAsync("/api/v1/ous", new { name = "Sandbox\u202Etxt.exe", parentId = (string?)null });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("name: The name may not contain control or text-direction characters (found U+202E)", await MirroringApi.ErrorsAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, (await (await admin.GetAsync("/api/v1/ous")).JsonAsync()).GetArrayLength());
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")", "\"'=HYPERLINK(\"\"http://evil.example\"\")\"")]
    [InlineData("+1+cmd", "'+1+cmd")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("bucket-a", "bucket-a")]
    public void ACsvCellThatLooksLikeAFormulaStaysText(string resource, string cell)
    {
        var csv = ViolationsCsv.Write([new Violation(1, 1, "111111111111", "acct", null, "C", "Control", "eu-west-1", resource, "AWS::S3::Bucket", "s3", "a", DateTime.UnixEpoch, null)]);

        Assert.Contains($",{cell},", csv.Split('\n')[1], StringComparison.Ordinal);
    }
}

/// <summary>Bad input answers 400 without echoing the request, even in Development (where the tests run).</summary>
public sealed class ErrorDetailTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task AMalformedBodyAnswers400WithoutTheBearerToken()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var token = admin.DefaultRequestHeaders.Authorization!.Parameter!;

        var response = await admin.PostAsync("/api/v1/traffic-mirroring/enis/eni-0/packet-tests", new StringContent("{\"direction\": ", System.Text.Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(token, body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }
}
