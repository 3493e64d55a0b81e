using System.Net;
using IPAddress = System.Net.IPAddress;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Engine.Packets;
using MirrorTower.Portal.Tests.Features.Mirroring;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Simulation;

/// <summary>Scenarios and replays through the API, on the demo's hub and spoke: reports, captures and validation.</summary>
public sealed class SimulationApiTests(DemoPortalFactory portal) : IClassFixture<DemoPortalFactory>
{
    private static async Task<JsonElement> FinishedAsync(HttpClient client, string id)
    {
        for (var i = 0; i < 300; i++)
        {
            var run = await (await client.GetAsync($"/api/v1/simulations/{id}")).JsonAsync();
            if (run.GetProperty("status").GetString() is "Completed" or "Stopped" or "Failed")
            {
                return run;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Run {id} did not finish.");
    }

    [Fact]
    public async Task AScenarioRunsToTheEndWithAReportAndACaptureOfWhatTheNlbReceived()
    {
        using var admin = await ApiClient.AdminAsync(portal);

        var started = await admin.PostAsJsonAsync("/api/v1/simulations", new { scenario = "WebTier", packetsPerSecond = 50_000, durationSeconds = 0.5, seed = 3, speed = 0 });
        var id = (await started.JsonAsync()).GetProperty("id").GetString()!;
        var run = await FinishedAsync(admin, id);
        var report = run.GetProperty("report");
        var target = report.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("label").GetString() == "ids-nlb");
        var pcap = await admin.GetAsync($"/api/v1/simulations/{id}/targets/{target.GetProperty("targetId").GetString()}/pcap");
        var bytes = await pcap.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("Completed", run.GetProperty("status").GetString());
        Assert.Equal(25_000, report.GetProperty("packets").GetInt64());
        var mirrored = report.GetProperty("byOutcome").GetProperty("Mirrored").GetInt64();
        Assert.True(mirrored > 0);
        Assert.Equal(mirrored, target.GetProperty("packets").GetInt64());
        Assert.Equal(mirrored, target.GetProperty("appliances").EnumerateArray().Sum(a => a.GetProperty("packets").GetInt64()));
        Assert.Equal(mirrored, report.GetProperty("enis").EnumerateArray().Sum(e => e.GetProperty("metrics").GetProperty("NetworkPacketsMirrorIn").GetInt64() + e.GetProperty("metrics").GetProperty("NetworkPacketsMirrorOut").GetInt64()));
        Assert.Equal(HttpStatusCode.OK, pcap.StatusCode);
        Assert.Equal(PcapWriter.NanosecondMagic, BitConverter.ToUInt32(bytes, 0));
    }

    /// <summary>Every counter is the seed's; only how long the run took (and so its rate) is the machine's.</summary>
    [Fact]
    public async Task TheSameSeedGivesTheSameReport()
    {
        using var admin = await ApiClient.AdminAsync(portal);

        async Task<string> RunAsync()
        {
            var started = await admin.PostAsJsonAsync("/api/v1/simulations", new { scenario = "DnsAndInstanceServices", packetsPerSecond = 20_000, durationSeconds = 0.5, seed = 42, speed = 0 });
            var run = await FinishedAsync(admin, (await started.JsonAsync()).GetProperty("id").GetString()!);
            var report = System.Text.Json.Nodes.JsonNode.Parse(run.GetProperty("report").GetRawText())!.AsObject();
            Assert.True(report["durationSeconds"]!.GetValue<double>() > 0, "a finished run says how long it took");
            report.Remove("durationSeconds");
            report.Remove("packetsPerSecond");
            return report.ToJsonString();
        }

        Assert.Equal(await RunAsync(), await RunAsync());
    }

    [Fact]
    public async Task ACaptureReplayedThroughAnEniIsJudgedFrameByFrame()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var eni = await MirroringApi.EniOfAsync(admin, "web-1");
        var address = (uint)Cidr.ToNumber(IPAddress.Parse("10.1.1.10"));
        using var capture = new MemoryStream();
        using (var writer = new PcapWriter(capture, leaveOpen: true))
        {
            var frame = new byte[1500];
            writer.Write(1_000, frame.AsSpan(0, FrameBuilder.WriteIpv4(frame, (uint)Cidr.ToNumber(IPAddress.Parse("203.0.113.7")), address, Protocols.Tcp, 50000, 443, 600)));
            writer.Write(2_000, frame.AsSpan(0, FrameBuilder.WriteIpv4(frame, address, (uint)Cidr.ToNumber(IPAddress.Parse("198.51.100.1")), Protocols.Udp, 5000, 9999, 200)));
            writer.Write(3_000, frame.AsSpan(0, FrameBuilder.WriteIpv4(frame, address, (uint)Cidr.ToNumber(IPAddress.Parse("169.254.169.254")), Protocols.Tcp, 5000, 80, 100)));
            writer.Write(4_000, frame.AsSpan(0, FrameBuilder.WriteIpv4(frame, (uint)Cidr.ToNumber(IPAddress.Parse("10.9.9.9")), (uint)Cidr.ToNumber(IPAddress.Parse("10.9.9.8")), Protocols.Tcp, 1, 2, 100)));
        }
        using var form = new MultipartFormDataContent
        {
            { new StringContent(eni), "sourceEniId" },
            { new ByteArrayContent(capture.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/vnd.tcpdump.pcap") } }, "capture", "sample.pcap" },
        };

        var response = await admin.PostAsync("/api/v1/replays", form);
        var replay = await response.JsonAsync();
        var report = replay.GetProperty("report");
        var again = await admin.GetAsync($"/api/v1/replays/{replay.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(3, report.GetProperty("packets").GetInt64());
        Assert.Equal(1, report.GetProperty("framesNotOfTheEni").GetInt64());
        Assert.Equal(2, report.GetProperty("byOutcome").GetProperty("Mirrored").GetInt64());
        Assert.Equal(1, report.GetProperty("byOutcome").GetProperty("NeverMirrored").GetInt64());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        // What the NLB received: both mirrored frames, each behind 50 bytes of VXLAN with the session's VNI, unchanged.
        var target = report.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("packets").GetInt64() == 2).GetProperty("targetId").GetString();
        var pcap = await (await admin.GetAsync($"/api/v1/replays/{replay.GetProperty("id").GetString()}/targets/{target}/pcap")).Content.ReadAsByteArrayAsync();
        var reader = CaptureReader.Open(new MemoryStream(pcap));
        capture.Position = 0;
        var original = CaptureReader.Open(capture);
        var copies = 0;
        while (reader.TryRead(out var copy))
        {
            Assert.True(original.TryRead(out var frame));
            var expected = frame.Data.ToArray();
            Assert.Equal(0x08, copy.Data[42]);
            Assert.Equal(expected, copy.Data[Vxlan.HeaderBytes..].ToArray());
            Assert.Equal(frame.TimestampNanoseconds, copy.TimestampNanoseconds);
            copies++;
        }
        Assert.Equal(2, copies);
    }

    /// <summary>A real dual-stack capture: web-1's IPv6 frames are its own, judged by the filter's IPv6 rules, not "not of the ENI".</summary>
    [Fact]
    public async Task AnIpv6CaptureReplayedThroughADualStackEniIsJudgedByItsIpv6Rules()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        var eni = await MirroringApi.EniOfAsync(admin, "web-1");
        var own = (await MirroringApi.NetworkAsync(admin)).GetProperty("networkInterfaces").EnumerateArray().Single(e => e.GetProperty("id").GetString() == eni)
            .GetProperty("ipv6Addresses")[0].GetString()!;
        UInt128 V6(string text) => Cidr.ToNumber(IPAddress.Parse(text));
        using var capture = new MemoryStream();
        using (var writer = new PcapWriter(capture, leaveOpen: true))
        {
            var frame = new byte[1500];
            writer.Write(1_000, frame.AsSpan(0, FrameBuilder.WriteIpv6(frame, V6("2001:db8::7"), V6(own), Protocols.Tcp, 50000, 443, 600)));     // HTTPS in: rule 120
            writer.Write(2_000, frame.AsSpan(0, FrameBuilder.WriteIpv6(frame, V6(own), V6("2001:db8::7"), Protocols.Tcp, 443, 50000, 900)));     // out: rule 110
            writer.Write(3_000, frame.AsSpan(0, FrameBuilder.WriteIpv6(frame, V6(own), V6("fd00:ec2::253"), Protocols.Tcp, 50001, 53, 120)));   // Amazon DNS
            writer.Write(4_000, frame.AsSpan(0, FrameBuilder.WriteIpv6(frame, V6("2001:db8::7"), V6("2600:1f18:4c1:a01::ff"), Protocols.Tcp, 1, 2, 100)));
        }
        using var form = new MultipartFormDataContent
        {
            { new StringContent(eni), "sourceEniId" },
            { new ByteArrayContent(capture.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/vnd.tcpdump.pcap") } }, "capture", "dual-stack.pcap" },
        };

        var response = await admin.PostAsync("/api/v1/replays", form);
        var report = (await response.JsonAsync()).GetProperty("report");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(3, report.GetProperty("packets").GetInt64());
        Assert.Equal(1, report.GetProperty("framesNotOfTheEni").GetInt64());
        Assert.Equal(2, report.GetProperty("byOutcome").GetProperty("Mirrored").GetInt64());
        Assert.Equal(1, report.GetProperty("byOutcome").GetProperty("NeverMirrored").GetInt64());
        var metrics = report.GetProperty("enis")[0].GetProperty("metrics");
        Assert.Equal(600, metrics.GetProperty("NetworkMirrorIn").GetInt64());
        Assert.Equal(900, metrics.GetProperty("NetworkMirrorOut").GetInt64());
    }

    public static TheoryData<object, string, string> Refused => new()
    {
        { new { scenario = "Nope", packetsPerSecond = 10, durationSeconds = 1 }, "scenario", "is not a scenario" },
        { new { scenario = "WebTier", packetsPerSecond = 0, durationSeconds = 1 }, "packetsPerSecond", "from 1 to" },
        { new { scenario = "WebTier", packetsPerSecond = 10, durationSeconds = 0 }, "durationSeconds", "from 0.1 to" },
        { new { scenario = "WebTier", packetsPerSecond = 10, durationSeconds = 1, speed = -1 }, "speed", "0 (as fast as possible)" },
        { new { scenario = "WebTier", packetsPerSecond = 10, durationSeconds = 1, sourceEniIds = new[] { "eni-00000000000000000" } }, "sourceEniIds", "No network interface" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task ABrokenRequestIsRefusedNamingTheField(object request, string field, string message)
    {
        using var admin = await ApiClient.AdminAsync(portal);

        var response = await admin.PostAsJsonAsync("/api/v1/simulations", request);

        var errors = await MirroringApi.ErrorsAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"{field}: ", errors, StringComparison.Ordinal);
        Assert.Contains(message, errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileThatIsNoCaptureIsRefusedWithTheReasonAndAnAuditorCannotReplay()
    {
        using var admin = await ApiClient.AdminAsync(portal);
        using var auditor = await ApiClient.NewUserAsync(portal, "Auditor");
        var eni = await MirroringApi.EniOfAsync(admin, "web-1");
        MultipartFormDataContent Form() => new()
        {
            { new StringContent(eni), "sourceEniId" },
            { new ByteArrayContent("this is not a capture"u8.ToArray()), "capture", "notes.txt" },
        };

        var response = await admin.PostAsync("/api/v1/replays", Form());
        var refused = await auditor.PostAsync("/api/v1/replays", Form());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("capture: Not a pcap or pcapng capture", await MirroringApi.ErrorsAsync(response), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
