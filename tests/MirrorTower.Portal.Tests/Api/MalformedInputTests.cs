using System.Net;
using System.Net.Http.Json;
using System.Text;
using MirrorTower.Portal.Tests.Features.Mirroring;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Api;

/// <summary>The inputs that answered 500 before: each now answers 4xx with a message, and writes nothing.</summary>
public sealed class MalformedInputTests(DemoPortalFactory portal) : IClassFixture<DemoPortalFactory>
{
    [Fact]
    public async Task ALoneSurrogateInACustomSimulationIsA400NamingWhere()
    {
        using var admin = await ApiClient.AdminAsync(portal);

        var response = await admin.PostAsync("/api/v1/policy-simulations/custom",
            new StringContent("""{"levels":[{"name":"\ud800","policies":[]}],"request":{"action":"s3:GetObject"}}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$.levels[0].name is not valid Unicode text", await MirroringApi.ErrorsAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyRulePatchChangesNothingAndAnswers200()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var accountId = (await OrganizationApi.AccountNamedAsync(admin, "web-prod")).GetProperty("id").GetString()!;
        var filterId = await MirroringApi.CreateFilterAsync(admin, accountId);
        var rule = await (await MirroringApi.AddRuleAsync(admin, accountId, filterId, new
        {
            trafficDirection = "ingress", ruleNumber = 10, ruleAction = "accept", sourceCidrBlock = "0.0.0.0/0", destinationCidrBlock = "0.0.0.0/0",
        })).JsonAsync();

        var response = await admin.PatchAsJsonAsync($"{MirroringApi.Scope(accountId)}/traffic-mirror-filter-rules/{rule.GetProperty("id").GetString()}", new { });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(10, (await response.JsonAsync()).GetProperty("ruleNumber").GetInt32());
    }

    [Fact]
    public async Task AnImportSentAsPlainTextIs415()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var accountId = (await OrganizationApi.AccountNamedAsync(admin, "web-prod")).GetProperty("id").GetString()!;

        var response = await admin.PostAsync($"{MirroringApi.Scope(accountId)}/traffic-mirroring/import", new StringContent("{}", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task APcapngPacketBlockClaimingTwoGigabytesIsA400()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var eni = await MirroringApi.EniOfAsync(admin, "web-1");
        using var capture = new MemoryStream();
        using (var writer = new BinaryWriter(capture, Encoding.ASCII, leaveOpen: true))
        {
            // Section header, Ethernet interface, then an enhanced packet block whose captured length is 2^31.
            writer.Write(0x0A0D0D0A); writer.Write(28); writer.Write(0x1A2B3C4D); writer.Write((short)1); writer.Write((short)0); writer.Write(-1L); writer.Write(28);
            writer.Write(1); writer.Write(20); writer.Write((short)1); writer.Write((short)0); writer.Write(65535); writer.Write(20);
            writer.Write(6); writer.Write(48); writer.Write(0); writer.Write(0); writer.Write(0); writer.Write(unchecked((int)0x80000000)); writer.Write(60);
            writer.Write(new byte[16]); writer.Write(48);
        }
        using var form = new MultipartFormDataContent
        {
            { new StringContent(eni), "sourceEniId" },
            { new ByteArrayContent(capture.ToArray()), "capture", "huge.pcapng" },
        };

        var response = await admin.PostAsync("/api/v1/replays", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("claims 2147483648 captured bytes", await MirroringApi.ErrorsAsync(response), StringComparison.Ordinal);
    }
}
