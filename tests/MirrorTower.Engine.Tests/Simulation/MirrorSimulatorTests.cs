using MirrorTower.Engine.Mirroring;
using MirrorTower.Engine.Simulation;
using static MirrorTower.Engine.Tests.Simulation.SimulationFixture;

namespace MirrorTower.Engine.Tests.Simulation;

/// <summary>The reference's judgment, copy and bandwidth rules, through the simulator that the live runs and replays use.</summary>
public sealed class MirrorSimulatorTests
{
    [Fact]
    public void TheLowestSessionNumberMirrorsAndOnlyOnce()
    {
        var simulator = Simulator([Session(2, target: "tmt-eni"), Session(1)], [AcceptAll], [Nlb(Appliance(1)), EniTarget()]);

        var result = simulator.Process(0, Inbound("203.0.113.9"), 500, 0);

        Assert.Equal(SimOutcome.Mirrored, result.Outcome);
        Assert.Equal(1, simulator.Table.Sessions[result.Verdict.SessionSlot].SessionNumber);
        Assert.Equal([1L, 0L], simulator.Counters.TargetPackets);
        Assert.Equal(1, simulator.Counters.SessionPackets.Sum());
    }

    [Fact]
    public void ARejectFallsThroughAndTheRuleHitsAreCounted()
    {
        var rejectSsh = new MirrorFilter("tmf-reject", [Rule(TrafficDirection.Ingress, 10, RuleAction.Reject, Protocols.Tcp, new(22, 22))]);
        var simulator = Simulator([Session(1, "tmf-reject"), Session(2)], [rejectSsh, AcceptAll], [Nlb(Appliance(1))]);

        var result = simulator.Process(0, Inbound("10.0.0.10", port: 22), 120, 0);

        Assert.Equal(SimOutcome.Mirrored, result.Outcome);
        Assert.Equal(2, simulator.Table.Sessions[result.Verdict.SessionSlot].SessionNumber);
        Assert.Equal(1, simulator.Counters.RuleHits[0]);
        Assert.Equal(1, simulator.Counters.RuleHits[result.Verdict.RuleSlot]);
    }

    [Theory]
    [InlineData("no rules in the direction", SimOutcome.NoRuleMatched)]
    public void AFilterWithoutRulesMirrorsNothing(string because, SimOutcome expected)
    {
        var simulator = Simulator([Session(1, "tmf-empty")], [new MirrorFilter("tmf-empty", [])], [Nlb(Appliance(1))]);

        Assert.True(expected == simulator.Process(0, Inbound("203.0.113.9"), 100, 0).Outcome, because);
    }

    public static TheoryData<string, PacketFacts, bool, SimOutcome> Classes => new()
    {
        { "ARP", new PacketFacts(TrafficDirection.Ingress, false, Address("10.1.1.1"), EniAddress, 0, 0, 0, PacketClass.Arp), true, SimOutcome.NeverMirrored },
        { "DHCP", new PacketFacts(TrafficDirection.Egress, false, EniAddress, Address("10.1.0.1"), Protocols.Udp, 68, 67).Classified(VpcDns), true, SimOutcome.NeverMirrored },
        { "instance metadata", Outbound("169.254.169.254", 80, Protocols.Tcp), true, SimOutcome.NeverMirrored },
        { "Time Sync", Outbound("169.254.169.123", 123), true, SimOutcome.NeverMirrored },
        { "Amazon DNS out, without amazon-dns", Outbound("169.254.169.253", 53), false, SimOutcome.NeverMirrored },
        { "Amazon DNS out, with amazon-dns", Outbound("169.254.169.253", 53), true, SimOutcome.Mirrored },
        { "VPC resolver answer in, with amazon-dns", Inbound("10.1.0.2", port: 40000, protocol: Protocols.Udp, sourcePort: 53), true, SimOutcome.Mirrored },
        { "VPC resolver answer in, without amazon-dns", Inbound("10.1.0.2", port: 40000, protocol: Protocols.Udp, sourcePort: 53), false, SimOutcome.NeverMirrored },
        { "an outside resolver is ordinary traffic", Outbound("192.0.2.53", 53), false, SimOutcome.Mirrored },
    };

    [Theory]
    [MemberData(nameof(Classes))]
    public void NeverMirroredClassesAndAmazonDnsBothWays(string because, PacketFacts packet, bool amazonDns, SimOutcome expected)
    {
        var simulator = Simulator([Session(1)], [AcceptAll with { AmazonDns = amazonDns }], [Nlb(Appliance(1))]);

        Assert.True(expected == simulator.Process(0, packet, 100, 0).Outcome, because);
    }

    [Theory]
    [InlineData(1500, null, 1500)]
    [InlineData(1500, 128, 128)]
    [InlineData(9001, null, 8947)]
    [InlineData(9001, 9000, 8947)]
    [InlineData(60, 128, 60)]
    public void TheCopyIsTruncatedToPacketLengthThenToTheTargetsMtu(int frame, int? packetLength, int expectedInner)
    {
        var simulator = Simulator([Session(1, packetLength: packetLength)], [AcceptAll], [Nlb(Appliance(1))]);

        var result = simulator.Process(0, Inbound("203.0.113.9"), frame, 0);

        Assert.Equal(expectedInner, result.CopyBytes);
        Assert.Equal(expectedInner, simulator.Counters.Eni[0, (int)EniMetric.NetworkMirrorIn]);
    }

    [Fact]
    public void UnderCongestionCopiesAreSkippedAndProductionIsNeverDropped()
    {
        // 100 Mbps: 12.5 MB/s. 9001-byte frames every 100 µs are 90 MB/s of production alone.
        var simulator = Simulator([Session(1)], [AcceptAll], [Nlb(Appliance(1))], bandwidth: 100_000_000);
        var outcomes = new List<SimOutcome>();

        for (var i = 0; i < 2000; i++)
        {
            outcomes.Add(simulator.Process(0, Outbound("203.0.113.250", 443, Protocols.Tcp), 9001, i * 100_000L).Outcome);
        }

        Assert.Equal(2000, simulator.Counters.ProductionPackets);
        Assert.Equal(2000L * 9001, simulator.Counters.ProductionBytes);
        Assert.True(simulator.Counters.Eni[0, (int)EniMetric.NetworkPacketsSkipMirrorOut] > 1900);
        Assert.Equal(outcomes.Count(o => o == SimOutcome.SkippedForBandwidth), simulator.Counters.Eni[0, (int)EniMetric.NetworkPacketsSkipMirrorOut]);
        Assert.Equal(outcomes.Count(o => o == SimOutcome.Mirrored), simulator.Counters.Eni[0, (int)EniMetric.NetworkPacketsMirrorOut]);
    }

    [Fact]
    public void WithHeadroomNothingIsSkipped()
    {
        var simulator = Simulator([Session(1)], [AcceptAll], [Nlb(Appliance(1))], bandwidth: 10_000_000_000);

        for (var i = 0; i < 2000; i++)
        {
            simulator.Process(0, Outbound("203.0.113.250", 443, Protocols.Tcp), 1500, i * 100_000L);
        }

        Assert.Equal(0, simulator.Counters.ByOutcome[(int)SimOutcome.SkippedForBandwidth]);
        Assert.Equal(2000, simulator.Counters.ByOutcome[(int)SimOutcome.Mirrored]);
    }

    [Fact]
    public void AFlowKeepsItsApplianceAndFlowsSpreadOverTheHealthyOnes()
    {
        var simulator = Simulator([Session(1)], [AcceptAll], [Nlb(Appliance(1), Appliance(2), Appliance(3, healthy: false))]);
        var flows = Enumerable.Range(0, 300).Select(i => Inbound($"203.0.113.{1 + (i % 200)}", sourcePort: (ushort)(30000 + i))).ToList();

        var first = flows.Select(f => simulator.Process(0, f, 100, 0).ApplianceIndex).ToList();
        var second = flows.Select(f => simulator.Process(0, f, 100, 1_000).ApplianceIndex).ToList();

        Assert.Equal(first, second);
        Assert.DoesNotContain(2, first);
        Assert.Contains(0, first);
        Assert.Contains(1, first);
        Assert.Equal(0, simulator.Counters.AppliancePackets[0][2]);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void ATargetThatCannotTakeVxlanOrHasNoHealthyApplianceDeliversNothing(bool acceptsVxlan, bool healthy)
    {
        var simulator = Simulator([Session(1)], [AcceptAll], [Nlb(Appliance(1, healthy)) with { AcceptsVxlan = acceptsVxlan }]);

        var result = simulator.Process(0, Inbound("203.0.113.9"), 100, 0);

        Assert.Equal(SimOutcome.Mirrored, result.Outcome);
        Assert.Equal(1, simulator.Counters.TargetUndelivered[0]);
        Assert.Equal(-1, result.ApplianceIndex);
    }

    [Fact]
    public void TheSameScenarioSeedAndSetupGiveTheSameCounters()
    {
        static long[] Run(int seed)
        {
            var simulator = Simulator([Session(1)], [AcceptAll with { AmazonDns = true }], [Nlb(Appliance(1), Appliance(2))], bandwidth: 750_000_000);
            var generator = new TrafficGenerator(new ScenarioSpec(Scenario.DnsAndInstanceServices, 20_000, 1, seed), simulator.Setup.Enis);
            while (generator.TryNext(out var packet))
            {
                simulator.Process(packet.Eni, packet.Facts, packet.FrameLength, packet.TimeNanoseconds);
            }
            return [.. simulator.Counters.ByOutcome, .. simulator.Counters.AppliancePackets[0]];
        }

        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
        Assert.True(Run(7)[(int)SimOutcome.NeverMirrored] > 0);
    }

    [Fact]
    public void TheSameSeedWritesTheSameCopiesByteForByte()
    {
        static byte[] Capture(int seed)
        {
            var simulator = Simulator([Session(1, packetLength: 256)], [AcceptAll], [Nlb(Appliance(1), Appliance(2))], bandwidth: 750_000_000);
            var generator = new TrafficGenerator(new ScenarioSpec(Scenario.WebTier, 10_000, 0.2, seed), simulator.Setup.Enis);
            using var stream = new MemoryStream();
            using (var writer = new MirrorTower.Engine.Packets.PcapWriter(stream, leaveOpen: true))
            {
                var frame = new byte[9100];
                var copy = new byte[9200];
                while (generator.TryNext(out var packet))
                {
                    var length = TrafficGenerator.WriteFrame(frame, packet);
                    var result = simulator.Process(packet.Eni, packet.Facts, length, packet.TimeNanoseconds);
                    if (result.Outcome == SimOutcome.Mirrored)
                    {
                        writer.Write(packet.TimeNanoseconds, copy.AsSpan(0, simulator.WriteCopy(copy, frame.AsSpan(0, length), packet.Eni, result)));
                    }
                }
            }
            return stream.ToArray();
        }

        var first = Capture(9);

        Assert.True(first.Length > 100_000);
        Assert.Equal(first, Capture(9));
        Assert.NotEqual(first, Capture(10));
    }

    [Fact]
    public void TheExfiltrationScenarioSaturatesTheSourceAndProducesSkips()
    {
        var simulator = Simulator([Session(1)], [AcceptAll], [Nlb(Appliance(1))], bandwidth: 750_000_000);
        var generator = new TrafficGenerator(new ScenarioSpec(Scenario.Exfiltration, 20_000, 0.5, 1), simulator.Setup.Enis);

        while (generator.TryNext(out var packet))
        {
            simulator.Process(packet.Eni, packet.Facts, packet.FrameLength, packet.TimeNanoseconds);
        }

        Assert.Equal(10_000, simulator.Counters.ProductionPackets);
        Assert.True(simulator.Counters.ByOutcome[(int)SimOutcome.SkippedForBandwidth] > 9000);
    }

    public static TheoryData<Scenario> EveryScenario() => new(Enum.GetValues<Scenario>());

    [Theory]
    [MemberData(nameof(EveryScenario))]
    public void EveryScenarioGeneratesItsOwnTraffic(Scenario scenario)
    {
        var simulator = Simulator([Session(1)], [AcceptAll], [Nlb(Appliance(1))]);
        List<GeneratedPacket> Generate(Scenario of)
        {
            var generator = new TrafficGenerator(new ScenarioSpec(of, 2_000, 0.5, 1), simulator.Setup.Enis);
            var packets = new List<GeneratedPacket>();
            while (generator.TryNext(out var packet))
            {
                packets.Add(packet);
            }
            return packets;
        }

        var own = Generate(scenario);

        Assert.Equal(1_000, own.Count);
        // No scenario falls back on another's traffic (a forgotten one used to make exfiltration packets).
        foreach (var other in Enum.GetValues<Scenario>().Where(s => s != scenario))
        {
            Assert.NotEqual(own.Select(p => (p.Facts, p.FrameLength)), Generate(other).Select(p => (p.Facts, p.FrameLength)));
        }
    }
}
