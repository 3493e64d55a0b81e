using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Engine.Packets;
using MirrorTower.Engine.Simulation;
using MirrorTower.Portal.Data;
using MirrorTower.Portal.Features.Mirroring.Network;
using MirrorTower.Portal.Features.Simulation;
using MirrorTower.Portal.Tests.Features.Mirroring;
using MirrorTower.Portal.Tests.Infrastructure;

namespace MirrorTower.Portal.Tests.Features.Simulation;

/// <summary>
/// Replays over real HTTP, read as they upload: the same captures as the engine makes from the whole file, progress
/// while the upload is under way, and a stop in the middle that keeps what was written as a capture tshark reads.
/// </summary>
public sealed class ReplayStreamingTests(KestrelPortalFactory portal) : IClassFixture<KestrelPortalFactory>
{
    private const string Tshark = "/usr/bin/tshark";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AStreamedReplayWritesByteForByteWhatTheEngineWritesFromTheWholeFile(bool bodyIsTheCapture)
    {
        using var admin = await ApiClient.SignedInAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var eni = await MirroringApi.EniOfAsync(admin, "web-1");
        var capture = EveryClassCapture(Address("10.1.1.10"), repeat: 3000);

        using var response = await UploadAsync(admin, eni, new TrickleContent(capture, chunk: 7000, gate: null), bodyIsTheCapture);
        var replay = await response.JsonAsync();
        var report = replay.GetProperty("report");
        var expected = await EngineReplayAsync(eni, capture);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Completed", replay.GetProperty("status").GetString());
        Assert.Equal(capture.Length, report.GetProperty("captureBytesRead").GetInt64());
        Assert.Equal(expected.Report.Packets, report.GetProperty("packets").GetInt64());
        Assert.Equal(expected.Report.Packets, report.GetProperty("enis")[0].GetProperty("productionPackets").GetInt64());
        Assert.True(report.GetProperty("durationSeconds").GetDouble() > 0 && report.GetProperty("packetsPerSecond").GetDouble() > 0);
        // Every class of the reference was in the capture, and more than one target received copies.
        foreach (var outcome in new[] { "Mirrored", "NeverMirrored", "NoRuleMatched" })
        {
            Assert.True(report.GetProperty("byOutcome").GetProperty(outcome).GetInt64() > 0, outcome);
        }
        Assert.NotEmpty(expected.Captures);
        foreach (var (targetId, bytes) in expected.Captures)
        {
            var streamed = await admin.GetByteArrayAsync($"/api/v1/replays/{replay.GetProperty("id").GetString()}/targets/{targetId}/pcap");
            Assert.True(bytes.AsSpan().SequenceEqual(streamed), $"{targetId}: {streamed.Length} bytes streamed, {bytes.Length} from the whole file");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AReplayShowsItsProgressWhileUploadingAndAStopKeepsWhatWasWrittenForTshark(bool bodyIsTheCapture)
    {
        Assert.True(File.Exists(Tshark), $"Debian's tshark is missing at {Tshark} (.ci/run installs it).");
        using var admin = await ApiClient.SignedInAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var eni = await MirroringApi.EniOfAsync(admin, "web-1");
        var capture = EveryClassCapture(Address("10.1.1.10"), repeat: 4000);
        var gate = new TaskCompletionSource();
        const int Chunk = 16_384;
        var sentBeforeGate = ((capture.Length / 2) + Chunk - 1) / Chunk * Chunk;

        // The upload sends half of the capture (to the chunk that crosses the middle), then waits: the run is live, judging what has come.
        var upload = UploadAsync(admin, eni, new TrickleContent(capture, Chunk, gate), bodyIsTheCapture);
        var live = await LiveReplayAsync(admin, minimumBytes: capture.Length / 4);
        var id = live.GetProperty("id").GetString()!;
        var progress = await (await admin.GetAsync($"/api/v1/replays/{id}")).JsonAsync();
        var stopped = await admin.PostAsync($"/api/v1/simulations/{id}/stop", null);
        gate.TrySetResult();
        using var response = await upload;
        var final = await (await admin.GetAsync($"/api/v1/replays/{id}")).JsonAsync();

        Assert.Equal("Running", progress.GetProperty("status").GetString());
        var read = progress.GetProperty("report").GetProperty("captureBytesRead").GetInt64();
        Assert.InRange(read, capture.Length / 4, sentBeforeGate);
        Assert.True(progress.GetProperty("report").GetProperty("captureBytesTotal").GetInt64() >= capture.Length, "the upload's length is the total");
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Stopped", final.GetProperty("status").GetString());
        var report = final.GetProperty("report");
        Assert.InRange(report.GetProperty("captureBytesRead").GetInt64(), read, sentBeforeGate);
        var target = report.GetProperty("targets").EnumerateArray().First(t => t.GetProperty("capturedPackets").GetInt64() > 0);
        var pcap = Path.Combine(portal.DataDirectory, "stopped.pcap");
        await File.WriteAllBytesAsync(pcap, await admin.GetByteArrayAsync($"/api/v1/replays/{id}/targets/{target.GetProperty("targetId").GetString()}/pcap"));
        Assert.Equal(target.GetProperty("capturedPackets").GetInt64(), TsharkFrames(pcap));
    }

    [Fact]
    public async Task AFileNameThatWouldMisleadOnThePageIsRefusedNamingTheField()
    {
        using var admin = await ApiClient.SignedInAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var eni = await MirroringApi.EniOfAsync(admin, "web-1");
        var capture = new ByteArrayContent(EveryClassCapture(Address("10.1.1.10"), repeat: 1)) { Headers = { ContentType = new MediaTypeHeaderValue("application/vnd.tcpdump.pcap") } };

        using var spoofed = await admin.PostAsync($"/api/v1/replays?sourceEniId={eni}&fileName={Uri.EscapeDataString("invoice\u202Egnp.pcap")}", capture);
        using var long_ = await admin.PostAsync($"/api/v1/replays?sourceEniId={eni}&fileName={new string('a', 300)}", capture);

        Assert.Equal(HttpStatusCode.BadRequest, spoofed.StatusCode);
        Assert.Contains("fileName: The fileName may not contain control or text-direction characters (found U+202E)", await MirroringApi.ErrorsAsync(spoofed), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, long_.StatusCode);
        Assert.Contains("at most 255 characters", await MirroringApi.ErrorsAsync(long_), StringComparison.Ordinal);
    }

    /// <summary>Waits for the live replay to have read at least <paramref name="minimumBytes"/> of its capture.</summary>
    private static async Task<JsonElement> LiveReplayAsync(HttpClient admin, long minimumBytes)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            var runs = await admin.GetFromJsonAsync<JsonElement>("/api/v1/simulations");
            foreach (var run in runs.GetProperty("live").EnumerateArray().Where(r => r.GetProperty("kind").GetString() == "Replay"))
            {
                var report = await (await admin.GetAsync($"/api/v1/replays/{run.GetProperty("id").GetString()}")).JsonAsync();
                if (report.GetProperty("report").GetProperty("captureBytesRead").GetInt64() >= minimumBytes)
                {
                    return run;
                }
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("No replay was live with half its capture read.");
    }

    /// <summary>The capture as the body itself, or as a multipart form after the ENI's id.</summary>
    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string eni, HttpContent capture, bool bodyIsTheCapture)
    {
        capture.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.tcpdump.pcap");
        return bodyIsTheCapture
            ? client.PostAsync($"/api/v1/replays?sourceEniId={eni}&fileName=classes.pcap", capture)
            : client.PostAsync("/api/v1/replays", new MultipartFormDataContent { { new StringContent(eni), "sourceEniId" }, { capture, "capture", "classes.pcap" } });
    }

    /// <summary>What the engine writes for each target reading the whole capture at once, on the portal's own network.</summary>
    private async Task<(SimulationReport Report, Dictionary<string, byte[]> Captures)> EngineReplayAsync(string eni, byte[] capture)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var setup = SimulationSetupFactory.Build(await NetworkSnapshot.LoadAsync(db), [eni]);
        var sink = new MemorySink();
        var run = new LiveRun("rpl-expected", "expected", RunKind.Replay, new MirrorSimulator(setup),
            new CaptureSource(CaptureReader.Open(new MemoryStream(capture)), setup.Enis[0]), 0, 0, sink, int.MaxValue, DateTime.UnixEpoch, TimeProvider.System);
        var final = run.Run(_ => { }, CancellationToken.None);
        return (final.Report, sink.Written);
    }

    internal static long TsharkFrames(string pcap)
    {
        var start = new ProcessStartInfo(Tshark) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-r", pcap, "-T", "fields", "-e", "frame.number" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return lines.Length;
    }

    private static uint Address(string text) => (uint)Cidr.ToNumber(IPAddress.Parse(text));

    /// <summary>
    /// Frames of every class the reference names, to and from the ENI: web (mirrored by the demo's filter), SSH (no rule),
    /// DHCP, the metadata service, Time Sync, Windows activation, Amazon DNS at the resolver and at the VPC's base + 2,
    /// ARP, an IPv6 frame and a stranger's frame; <paramref name="repeat"/> times.
    /// </summary>
    private static byte[] EveryClassCapture(uint eni, int repeat)
    {
        var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, leaveOpen: true))
        {
            var frame = new byte[1600];
            var time = 1_700_000_000_000_000_000L;
            void Add(int length) => writer.Write(time += 1000, frame.AsSpan(0, length));
            var client = Address("203.0.113.9");
            for (var i = 0; i < repeat; i++)
            {
                var port = (ushort)(40000 + (i % 20000));
                Add(FrameBuilder.WriteIpv4(frame, client, eni, Protocols.Tcp, port, 443, 200 + (i % 1000)));
                Add(FrameBuilder.WriteIpv4(frame, eni, client, Protocols.Tcp, 443, port, 1514));
                Add(FrameBuilder.WriteIpv4(frame, Address("10.0.0.5"), eni, Protocols.Tcp, port, 22, 120));
                Add(FrameBuilder.WriteIpv4(frame, eni, Address("10.1.0.1"), Protocols.Udp, 68, 67, 342));
                Add(FrameBuilder.WriteIpv4(frame, eni, LinkLocalServices.InstanceMetadata, Protocols.Tcp, port, 80, 100));
                Add(FrameBuilder.WriteIpv4(frame, eni, LinkLocalServices.TimeSync, Protocols.Udp, port, 123, 90));
                Add(FrameBuilder.WriteIpv4(frame, eni, LinkLocalServices.WindowsActivationFirst, Protocols.Tcp, port, 1688, 100));
                Add(FrameBuilder.WriteIpv4(frame, eni, LinkLocalServices.AmazonResolver, Protocols.Udp, port, 53, 80));
                Add(FrameBuilder.WriteIpv4(frame, eni, Address("10.1.0.2"), Protocols.Udp, port, 53, 80));
                Add(Arp(frame, eni, Address("10.1.1.1")));
                Add(Ipv6(frame));
                Add(FrameBuilder.WriteIpv4(frame, Address("10.9.9.9"), Address("10.9.9.8"), Protocols.Tcp, port, 443, 100));
            }
        }
        return stream.ToArray();
    }

    private static int Arp(byte[] frame, uint sender, uint target)
    {
        var f = frame.AsSpan(0, 42);
        f.Clear();
        f[..6].Fill(0xff);
        BinaryPrimitives.WriteUInt16BigEndian(f[12..], FrameInfo.EtherTypeArp);
        var arp = f[14..];
        BinaryPrimitives.WriteUInt16BigEndian(arp, 1);
        BinaryPrimitives.WriteUInt16BigEndian(arp[2..], FrameInfo.EtherTypeIpv4);
        arp[4] = 6;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp[6..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(arp[14..], sender);
        BinaryPrimitives.WriteUInt32BigEndian(arp[24..], target);
        return 42;
    }

    private static int Ipv6(byte[] frame)
    {
        var f = frame.AsSpan(0, 74);
        f.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(f[12..], FrameInfo.EtherTypeIpv6);
        f[14] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(f[18..], 20);
        f[20] = Protocols.Tcp;
        f[21] = 64;
        IPAddress.Parse("2001:db8::7").GetAddressBytes().CopyTo(f[22..]);
        IPAddress.Parse("2001:db8::10").GetAddressBytes().CopyTo(f[38..]);
        BinaryPrimitives.WriteUInt16BigEndian(f[54..], 40000);
        BinaryPrimitives.WriteUInt16BigEndian(f[56..], 443);
        f[66] = 0x50;
        return 74;
    }

    /// <summary>An upload sent in small pieces, as a network delivers it; with a gate, only its first half until the gate opens.</summary>
    private sealed class TrickleContent(byte[] bytes, int chunk, TaskCompletionSource? gate) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < bytes.Length; offset += chunk)
            {
                if (gate is not null && offset >= bytes.Length / 2)
                {
                    await gate.Task;
                }
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(chunk, bytes.Length - offset)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }

    private sealed class MemorySink : ICaptureSink
    {
        public Dictionary<string, byte[]> Written { get; } = [];

        public Stream Create(SimTarget target) => new Kept(bytes => Written[target.Id] = bytes);

        private sealed class Kept(Action<byte[]> keep) : MemoryStream
        {
            protected override void Dispose(bool disposing)
            {
                keep(ToArray());
                base.Dispose(disposing);
            }
        }
    }
}
