using System.Buffers.Binary;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Engine.Packets;
using MirrorTower.Engine.Simulation;
using static MirrorTower.Engine.Tests.Simulation.SimulationFixture;

namespace MirrorTower.Engine.Tests.Packets;

/// <summary>"The copy on the wire" of the reference, and the captures that carry it.</summary>
public sealed class VxlanAndPcapTests
{
    [Fact]
    public void ASyntheticFrameParsesBackToItsFacts()
    {
        var frame = new byte[1500];
        var length = FrameBuilder.WriteIpv4(frame, Address("203.0.113.9"), EniAddress, Protocols.Tcp, 40000, 443, 700);

        Assert.True(FrameInfo.TryParse(frame.AsSpan(0, length), out var info));
        var facts = info.Relative(EniAddress);

        Assert.Equal(700, length);
        Assert.Equal(new PacketFacts(TrafficDirection.Ingress, false, Address("203.0.113.9"), EniAddress, Protocols.Tcp, 40000, 443), facts);
        Assert.Null(info.Relative(Address("10.9.9.9")));
    }

    [Fact]
    public void AnArpFrameIsRecognised()
    {
        var frame = new byte[42];
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), FrameInfo.EtherTypeArp);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(14 + 14), Address("10.1.1.1"));
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(14 + 24), EniAddress);

        Assert.True(FrameInfo.TryParse(frame, out var info));
        Assert.Equal(PacketClass.Arp, info.Relative(EniAddress)!.Value.Class);
    }

    [Fact]
    public void TheCopyCarriesVxlanWithTheVniToUdp4789FromTheSourceEni()
    {
        var simulator = Simulator([Session(1, vni: 0xABCDEF, packetLength: 100)], [AcceptAll], [Nlb(Appliance(1))]);
        var frame = new byte[600];
        var length = FrameBuilder.WriteIpv4(frame, Address("203.0.113.9"), EniAddress, Protocols.Tcp, 40000, 443, 600);
        var facts = FrameInfo.TryParse(frame, out var info) ? info.Relative(EniAddress)!.Value : default;
        var result = simulator.Process(0, facts, length, 0);
        var copy = new byte[2048];

        var written = simulator.WriteCopy(copy, frame, 0, result);

        Assert.Equal(Vxlan.HeaderBytes + 100, written);
        Assert.Equal(Address("10.1.1.10"), BinaryPrimitives.ReadUInt32BigEndian(copy.AsSpan(26)));
        Assert.Equal(Address("10.0.1.250"), BinaryPrimitives.ReadUInt32BigEndian(copy.AsSpan(30)));
        Assert.Equal(0, Checksum.Ipv4Header(copy.AsSpan(14, 20))); // a valid header sums to all ones
        Assert.Equal(4789, BinaryPrimitives.ReadUInt16BigEndian(copy.AsSpan(36)));
        Assert.InRange(BinaryPrimitives.ReadUInt16BigEndian(copy.AsSpan(34)), 49152, 65535);
        Assert.Equal(0x08, copy[42]);
        Assert.Equal(0xABCDEF, (copy[46] << 16) | (copy[47] << 8) | copy[48]);
        Assert.Equal(frame.AsSpan(0, 100).ToArray(), copy.AsSpan(Vxlan.HeaderBytes, 100).ToArray());
    }

    [Fact]
    public void OneFlowKeepsOneOuterSourcePortAndAnotherFlowUsuallyGetsAnother()
    {
        var a = FlowHash.SourcePort(FlowHash.Of(Inbound("203.0.113.9", sourcePort: 40000)));
        var again = FlowHash.SourcePort(FlowHash.Of(Inbound("203.0.113.9", sourcePort: 40000)));
        var others = Enumerable.Range(1, 50).Select(i => FlowHash.SourcePort(FlowHash.Of(Inbound("203.0.113.9", sourcePort: (ushort)(40000 + i))))).ToHashSet();

        Assert.Equal(a, again);
        Assert.True(others.Count > 40);
    }

    [Fact]
    public void APcapWrittenIsReadBackFrameByFrame()
    {
        using var stream = new MemoryStream();
        var frames = Enumerable.Range(0, 50).Select(i =>
        {
            var frame = new byte[100 + i];
            FrameBuilder.WriteIpv4(frame, Address("203.0.113.9"), EniAddress, Protocols.Udp, (ushort)(1000 + i), 53, frame.Length);
            return frame;
        }).ToList();
        using (var writer = new PcapWriter(stream, leaveOpen: true))
        {
            for (var i = 0; i < frames.Count; i++)
            {
                writer.Write(1_700_000_000_000_000_000L + (i * 1_234L), frames[i]);
            }
        }
        stream.Position = 0;

        var reader = CaptureReader.Open(stream);
        var read = new List<(long, byte[])>();
        while (reader.TryRead(out var frame))
        {
            read.Add((frame.TimestampNanoseconds, frame.Data.ToArray()));
        }

        Assert.Equal(frames.Count, read.Count);
        Assert.Equal(1_700_000_000_000_000_000L + (49 * 1_234L), read[^1].Item1);
        Assert.All(read.Select((r, i) => (r, i)), p => Assert.Equal(frames[p.i], p.r.Item2));
    }

    [Fact]
    public void APcapngWithNanosecondResolutionIsRead()
    {
        var frame = new byte[64];
        FrameBuilder.WriteIpv4(frame, EniAddress, Address("192.0.2.53"), Protocols.Udp, 40000, 53, 64);
        using var stream = new MemoryStream(Pcapng(frame, timestamp: 1_700_000_000_123_456_789L));

        var reader = CaptureReader.Open(stream);

        Assert.True(reader.TryRead(out var read));
        Assert.Equal(1_700_000_000_123_456_789L, read.TimestampNanoseconds);
        Assert.Equal(frame, read.Data.ToArray());
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void AnotherLinkTypeIsRefusedWithTheReason()
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, leaveOpen: true))
        {
        }
        var bytes = stream.ToArray();
        bytes[20] = 101; // raw IP

        var error = Assert.Throws<InvalidDataException>(() => CaptureReader.Open(new MemoryStream(bytes)));

        Assert.Contains("only Ethernet (1)", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A pcapng section: header, one Ethernet interface with if_tsresol = 9 (nanoseconds), one enhanced packet block.</summary>
    public static byte[] Pcapng(byte[] frame, long timestamp)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(0x0A0D0D0A); writer.Write(28); writer.Write(0x1A2B3C4D); writer.Write((ushort)1); writer.Write((ushort)0); writer.Write(-1L); writer.Write(28);
        writer.Write(1); writer.Write(32); writer.Write((ushort)1); writer.Write((ushort)0); writer.Write(65535);
        writer.Write((ushort)9); writer.Write((ushort)1); writer.Write(new byte[] { 9, 0, 0, 0 }); writer.Write(0); writer.Write(32);
        var padded = (frame.Length + 3) & ~3;
        writer.Write(6); writer.Write(32 + padded); writer.Write(0); writer.Write((uint)(timestamp >> 32)); writer.Write((uint)timestamp);
        writer.Write(frame.Length); writer.Write(frame.Length); writer.Write(frame); writer.Write(new byte[padded - frame.Length]); writer.Write(32 + padded);
        return stream.ToArray();
    }
}
