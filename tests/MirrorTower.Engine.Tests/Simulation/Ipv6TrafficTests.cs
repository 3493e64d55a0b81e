using System.Net;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Engine.Packets;
using MirrorTower.Engine.Simulation;
using static MirrorTower.Engine.Tests.Simulation.SimulationFixture;

namespace MirrorTower.Engine.Tests.Simulation;

/// <summary>
/// IPv6 through the run pipeline, from shared/reference/traffic-mirroring.md: "IPv6 traffic of an ENI with IPv6
/// addresses is judged like IPv4 (rules with IPv6 CIDRs)" and "Mirroring adds 54 bytes per packet on IPv4 (74 on IPv6)".
/// </summary>
public sealed class Ipv6TrafficTests
{
    private static readonly UInt128 EniV6 = V6("2600:1f18:abc:1::10"), OtherV6 = V6("2600:1f18:abc:1::11"), Client = V6("2001:db8::9");

    private static UInt128 V6(string text) => Cidr.ToNumber(IPAddress.Parse(text));

    private static SimEni DualStack(long bandwidth = 10_000_000_000) => new("eni-src", "web-1", EniAddress, "i-web1", bandwidth, VpcDns, [EniV6]);

    private static MirrorSimulator Simulator(IEnumerable<MirrorFilter> filters, int? packetLength = null) =>
        new(new SimulationSetup([DualStack()], [Session(1, packetLength: packetLength)], filters.ToDictionary(f => f.Id), [Nlb(Appliance(1))]));

    private static readonly MirrorFilter V6Only = new("tmf-all", [new FilterRule(TrafficDirection.Ingress, 100, RuleAction.Accept, null, "::/0", "::/0"),
        new FilterRule(TrafficDirection.Egress, 100, RuleAction.Accept, null, "::/0", "::/0")]);

    [Theory]
    [InlineData(1500, null, 1500)]
    [InlineData(9001, null, 9001 - 74)]   // the 74-byte IPv6 overhead, not 54
    [InlineData(9001, 9000, 9001 - 74)]
    [InlineData(1500, 128, 128)]
    public void AnIPv6CopyIsTruncatedToTheTargetsMtuLessTheIPv6Overhead(int frame, int? packetLength, int expectedInner)
    {
        var simulator = Simulator([V6Only], packetLength);

        var result = simulator.Process(0, new PacketFacts(TrafficDirection.Ingress, true, Client, EniV6, Protocols.Tcp, 40000, 443), frame, 0);

        Assert.Equal(SimOutcome.Mirrored, result.Outcome);
        Assert.Equal(expectedInner, result.CopyBytes);
    }

    [Fact]
    public void AReplayedIPv6FrameTakesItsDirectionFromTheEnisIPv6Address()
    {
        var frames = new[]
        {
            Frame(Client, EniV6),     // to the ENI: ingress
            Frame(EniV6, Client),     // from it: egress
            Frame(Client, OtherV6),   // another host of the subnet: not the ENI's
        };
        using var capture = new MemoryStream();
        using (var writer = new PcapWriter(capture, leaveOpen: true))
        {
            foreach (var frame in frames)
            {
                writer.Write(0, frame);
            }
        }
        capture.Position = 0;
        var source = new CaptureSource(CaptureReader.Open(capture), DualStack());

        var seen = new List<TrafficDirection>();
        while (source.TryNext(out var packet))
        {
            Assert.True(packet.Facts.IsV6);
            seen.Add(packet.Facts.Direction);
        }

        Assert.Equal([TrafficDirection.Ingress, TrafficDirection.Egress], seen);
        Assert.Equal(1, source.Ignored);
    }

    [Fact]
    public void AnIPv4OnlyEniSeesNoIPv6FrameAsItsOwn()
    {
        var frame = Frame(Client, EniV6);

        Assert.True(FrameInfo.TryParse(frame, out var info));
        Assert.Null(info.Relative(EniAddress));
        Assert.NotNull(info.Relative(EniAddress, [EniV6]));
    }

    [Fact]
    public void ADualStackEniSpeaksIPv6InTheWebAndServiceScenariosAndItsResolverTrafficIsAmazonDns()
    {
        List<GeneratedPacket> Generate(Scenario scenario, SimEni eni)
        {
            var generator = new TrafficGenerator(new ScenarioSpec(scenario, 4_000, 0.5, 7), [eni]);
            var packets = new List<GeneratedPacket>();
            while (generator.TryNext(out var packet))
            {
                packets.Add(packet);
            }
            return packets;
        }

        var web = Generate(Scenario.WebTier, DualStack());
        var services = Generate(Scenario.DnsAndInstanceServices, DualStack());
        var v4Only = Generate(Scenario.WebTier, DualStack() with { Ipv6Addresses = null });

        Assert.InRange(web.Count(p => p.Facts.IsV6), 300, 700); // a quarter of 2,000
        Assert.All(web.Where(p => p.Facts.IsV6), p => Assert.True(p.Facts.Source == EniV6 || p.Facts.Destination == EniV6));
        Assert.Contains(services, p => p.Facts.IsV6 && p.Facts.Class == PacketClass.AmazonDns);
        Assert.Contains(services, p => p.Facts.IsV6 && p.Facts.Class == PacketClass.InstanceMetadata);
        Assert.DoesNotContain(v4Only, p => p.Facts.IsV6);
    }

    [Fact]
    public void AGeneratedIPv6FrameParsesBackToItsFacts()
    {
        var packet = new GeneratedPacket(0, new PacketFacts(TrafficDirection.Egress, true, EniV6, Client, Protocols.Udp, 40000, 53), 120, 0);
        var frame = new byte[200];

        var length = TrafficGenerator.WriteFrame(frame, packet);

        Assert.Equal(120, length);
        Assert.True(FrameInfo.TryParse(frame.AsSpan(0, length), out var info));
        Assert.Equal(packet.Facts, info.Relative(EniAddress, [EniV6]));
    }

    private static byte[] Frame(UInt128 from, UInt128 to)
    {
        var frame = new byte[100];
        FrameBuilder.WriteIpv6(frame, from, to, Protocols.Tcp, 40000, 443, 100);
        return frame;
    }
}
