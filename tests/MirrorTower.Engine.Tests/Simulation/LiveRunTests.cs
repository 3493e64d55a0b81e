using System.Buffers.Binary;
using Microsoft.Extensions.Time.Testing;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Engine.Packets;
using MirrorTower.Engine.Simulation;
using static MirrorTower.Engine.Tests.Simulation.SimulationFixture;

namespace MirrorTower.Engine.Tests.Simulation;

/// <summary>
/// The run loop without a host: a source, the simulator, a sink in memory and a clock the test owns. What reaches the
/// sink is read back with the engine's capture reader and checked against the reference's copy on the wire.
/// </summary>
public sealed class LiveRunTests
{
    private static readonly MirrorFilter WebOnly = new("tmf-web", [
        Rule(TrafficDirection.Ingress, 100, RuleAction.Accept, Protocols.Tcp, new PortRange(443, 443)),
        Rule(TrafficDirection.Egress, 100, RuleAction.Accept, Protocols.Tcp),
    ], AmazonDns: true);

    private static MirrorSimulator WebSimulator() => Simulator([Session(1, "tmf-web", "tmt-nlb", vni: 77)], [WebOnly], [Nlb(Appliance(1), Appliance(2))]);

    [Fact]
    public void AReplayWritesEveryMirroredPacketToItsTargetAsVxlanAndCountsFramesNotOfTheEni()
    {
        // Five frames of the ENI (HTTPS in, HTTPS out, SSH in, DNS to the VPC resolver, metadata) and two of strangers.
        var capture = Capture(
            (Address("203.0.113.5"), EniAddress, Protocols.Tcp, 40000, 443),
            (EniAddress, Address("203.0.113.5"), Protocols.Tcp, 443, 40000),
            (Address("203.0.113.5"), EniAddress, Protocols.Tcp, 40001, 22),
            (EniAddress, VpcDns, Protocols.Udp, 40002, 53),
            (EniAddress, LinkLocalServices.InstanceMetadata, Protocols.Tcp, 40003, 80),
            (Address("10.9.9.9"), Address("10.9.9.10"), Protocols.Tcp, 1, 443),
            (Address("10.9.9.10"), Address("10.9.9.9"), Protocols.Udp, 53, 1));
        var simulator = WebSimulator();
        var sink = new MemorySink();
        var run = Run(simulator, new CaptureSource(CaptureReader.Open(capture), simulator.Setup.Enis[0]), sink, new FakeTimeProvider());

        var final = run.Run(_ => { }, CancellationToken.None);

        Assert.Equal(RunStatus.Completed, final.Status);
        Assert.Equal(5, final.Report.Packets);
        Assert.Equal(2, final.Report.FramesNotOfTheEni);
        // HTTPS both ways by rule 100, DNS to the VPC resolver by amazon-dns; SSH matches no rule; metadata is never mirrored.
        Assert.Equal(3, final.Report.ByOutcome[nameof(SimOutcome.Mirrored)]);
        Assert.Equal(1, final.Report.ByOutcome[nameof(SimOutcome.NoRuleMatched)]);
        Assert.Equal(1, final.Report.ByOutcome[nameof(SimOutcome.NeverMirrored)]);
        var copies = Frames(sink.Written("tmt-nlb"));
        Assert.Equal(3, copies.Count);
        Assert.Equal(3, final.Report.Targets.Single().CapturedPackets);
        foreach (var copy in copies)
        {
            // Outer IPv4 from the source ENI to the NLB, UDP to 4789, VXLAN flags 0x08 and the session's VNI (reference, "The copy on the wire").
            Assert.Equal(EniAddress, BinaryPrimitives.ReadUInt32BigEndian(copy.AsSpan(26)));
            Assert.Equal(Address("10.0.1.250"), BinaryPrimitives.ReadUInt32BigEndian(copy.AsSpan(30)));
            Assert.Equal(Vxlan.Port, BinaryPrimitives.ReadUInt16BigEndian(copy.AsSpan(36)));
            Assert.Equal(0x08, copy[42]);
            Assert.Equal(77, (int)(BinaryPrimitives.ReadUInt32BigEndian(copy.AsSpan(46)) >> 8));
        }
    }

    [Fact]
    public void AScenarioWritesNoMoreCopiesPerTargetThanItsCapButCountsThemAll()
    {
        var simulator = WebSimulator();
        var sink = new MemorySink();
        var source = new ScenarioSource(new ScenarioSpec(Scenario.WebTier, 1000, 1, 3), simulator.Setup.Enis, 0);
        var run = new LiveRun("sim-1", "cap", RunKind.Scenario, simulator, source, 0, 1, sink, captureCap: 10, DateTime.UnixEpoch, new FakeTimeProvider());

        var final = run.Run(_ => { }, CancellationToken.None);

        Assert.Equal(1000, final.Report.Packets);
        Assert.True(final.Report.Targets.Single().Packets > 10, "the web tier's HTTPS is mirrored far more than ten times");
        Assert.Equal(10, final.Report.Targets.Single().CapturedPackets);
        Assert.Equal(10, Frames(sink.Written("tmt-nlb")).Count);
    }

    [Fact]
    public void ARunPublishesASnapshotEveryIntervalOfItsOwnClockAndReturnsTheFinalOne()
    {
        // As fast as possible, but the clock moves one millisecond a packet: 10,240 packets span 10.24 s of it.
        var time = new FakeTimeProvider();
        var simulator = WebSimulator();
        var source = new TickingSource(new ScenarioSource(new ScenarioSpec(Scenario.WebTier, 10_240, 1, 1), simulator.Setup.Enis, 0), time);
        var published = new List<RunSnapshot>();
        var run = new LiveRun("sim-1", "clock", RunKind.Scenario, simulator, source, 0, 1, new MemorySink(), 0, DateTime.UnixEpoch, time);

        var final = run.Run(published.Add, CancellationToken.None);

        // The loop looks at the clock every 1,024 packets (1.024 s here, more than the 200 ms interval): ten looks, ten snapshots.
        Assert.Equal(10, published.Count);
        Assert.All(published, s => Assert.Equal(RunStatus.Running, s.Status));
        Assert.Equal(published.Select(s => s.Report.Packets).Order(), published.Select(s => s.Report.Packets));
        Assert.Equal(RunStatus.Completed, final.Status);
        Assert.Equal(10_240, final.Report.Packets);
        Assert.DoesNotContain(final, published);
    }

    [Fact]
    public async Task APausedRunJudgesNothingAndAStoppedOneEndsStopped()
    {
        var time = new FakeTimeProvider();
        var simulator = WebSimulator();
        var source = new ScenarioSource(new ScenarioSpec(Scenario.WebTier, 100, 1, 1), simulator.Setup.Enis, 0);
        var run = new LiveRun("sim-1", "pause", RunKind.Scenario, simulator, source, 0, 1, new MemorySink(), 0, DateTime.UnixEpoch, time);
        using var paused = new SemaphoreSlim(0);
        var snapshots = new List<RunSnapshot>();
        run.Pause();

        var running = Task.Run(() => run.Run(s => { lock (snapshots) { snapshots.Add(s); } paused.Release(); }, CancellationToken.None));
        Assert.True(await paused.WaitAsync(TimeSpan.FromSeconds(30)), "a paused run says so");
        // It says so again each time its clock moves past its wait. The clock is moved until it does: the run may not be
        // waiting on the clock yet when the first snapshot arrives, and a move before its wait begins wakes nothing.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await paused.WaitAsync(TimeSpan.FromMilliseconds(10)))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "and says so again while its clock moves on");
            time.Advance(TimeSpan.FromMilliseconds(50));
        }
        lock (snapshots)
        {
            Assert.All(snapshots, s => Assert.Equal((RunStatus.Paused, 0L), (s.Status, s.Report.Packets)));
        }

        run.Stop();
        while (await Task.WhenAny(running, Task.Delay(10)) != running)
        {
            // The run sleeps on its clock between looks at the pause: move the clock until it wakes and sees the stop.
            time.Advance(TimeSpan.FromMilliseconds(50));
        }

        var final = await running;
        Assert.Equal(RunStatus.Stopped, final.Status);
        Assert.Equal(0, final.Report.Packets);
    }

    private static LiveRun Run(MirrorSimulator simulator, IRunSource source, ICaptureSink sink, TimeProvider time) =>
        new("rpl-1", "test", RunKind.Replay, simulator, source, 0, 0, sink, int.MaxValue, DateTime.UnixEpoch, time);

    private static MemoryStream Capture(params (uint Source, uint Destination, byte Protocol, ushort SourcePort, ushort DestinationPort)[] frames)
    {
        var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, leaveOpen: true))
        {
            var frame = new byte[1500];
            var time = 1_000_000_000L;
            foreach (var f in frames)
            {
                writer.Write(time += 1000, frame.AsSpan(0, FrameBuilder.WriteIpv4(frame, f.Source, f.Destination, f.Protocol, f.SourcePort, f.DestinationPort, 200)));
            }
        }
        stream.Position = 0;
        return stream;
    }

    private static List<byte[]> Frames(byte[] pcap)
    {
        var reader = CaptureReader.Open(new MemoryStream(pcap));
        var frames = new List<byte[]>();
        while (reader.TryRead(out var frame))
        {
            frames.Add(frame.Data.ToArray());
        }
        return frames;
    }

    /// <summary>Keeps what each target was written, after the run has closed its stream.</summary>
    private sealed class MemorySink : ICaptureSink
    {
        private readonly Dictionary<string, Kept> _streams = [];

        public Stream Create(SimTarget target) => _streams[target.Id] = new Kept();

        public byte[] Written(string targetId) => _streams[targetId].Bytes;

        private sealed class Kept : MemoryStream
        {
            public byte[] Bytes { get; private set; } = [];

            protected override void Dispose(bool disposing)
            {
                Bytes = ToArray();
                base.Dispose(disposing);
            }
        }
    }

    /// <summary>A source whose every packet moves the clock on by a millisecond.</summary>
    private sealed class TickingSource(IRunSource inner, FakeTimeProvider time) : IRunSource
    {
        public long? Total => inner.Total;
        public long Ignored => inner.Ignored;
        public long EpochNanoseconds => inner.EpochNanoseconds;
        public long BytesRead => inner.BytesRead;
        public long? TotalBytes => inner.TotalBytes;
        public ReadOnlySpan<byte> CurrentFrame => inner.CurrentFrame;

        public bool TryNext(out GeneratedPacket packet)
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
            return inner.TryNext(out packet);
        }
    }
}
