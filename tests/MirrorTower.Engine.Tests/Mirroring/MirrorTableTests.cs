using System.Net;
using MirrorTower.Engine.Mirroring;

namespace MirrorTower.Engine.Tests.Mirroring;

/// <summary>
/// The compiled table against a literal reading of "How a packet is judged" (shared/reference/traffic-mirroring.md,
/// steps 2 to 4), written here with <see cref="IPNetwork"/> and LINQ and nothing of the table's layout, on random
/// filters, sessions and packets of both families.
/// </summary>
public sealed class MirrorTableTests
{
    [Fact]
    public void JudgesEveryPacketAsTheReferenceReadsAndExplainsTheSameWalk()
    {
        var random = new Random(11);
        var filters = Enumerable.Range(0, 6).Select(f => new MirrorFilter($"tmf-{f}", Enumerable.Range(1, random.Next(0, 8)).Select(r => RandomRule(random, r)).ToList(),
            AmazonDns: random.Next(2) == 0)).ToDictionary(f => f.Id);
        var sessionsPerEni = Enumerable.Range(0, 40).Select(e => (IReadOnlyList<MirrorSession>)Enumerable.Range(1, random.Next(0, 4))
            .Select(s => new MirrorSession($"tms-{e}-{s}", $"eni-{e}", "tmt", $"tmf-{random.Next(6)}", random.Next(1, 100) * 10 + s, s)).ToList()).ToList();
        var table = new MirrorTable(sessionsPerEni, filters);

        for (var i = 0; i < 20_000; i++)
        {
            var eni = random.Next(40);
            var packet = RandomPacket(random);

            var expected = Reference(sessionsPerEni[eni], filters, packet);
            var verdict = table.Judge(eni, packet);
            var steps = table.Explain(eni, packet);

            Assert.Equal(expected.Outcome, verdict.Outcome);
            Assert.Equal(expected.SessionNumber, verdict.SessionSlot < 0 ? 0 : table.Sessions[verdict.SessionSlot].SessionNumber);
            Assert.Equal(expected.RuleNumber, verdict.RuleSlot < 0 ? 0 : table.Rules[verdict.RuleSlot].RuleNumber);
            if (expected.Outcome == Outcome.Mirrored)
            {
                // The explanation ends with the session that mirrored the packet, and names its rule.
                Assert.Equal(expected.SessionNumber, steps[^1].SessionNumber);
                Assert.Equal(expected.RuleNumber == 0 ? null : expected.RuleNumber, steps[^1].RuleNumber);
                Assert.StartsWith("Mirrored", steps[^1].Verdict, StringComparison.Ordinal);
            }
            else if (expected.Outcome is Outcome.RejectedByRule or Outcome.NoRuleMatched)
            {
                // Every session was tried and passed the packet on.
                Assert.Equal(sessionsPerEni[eni].Count, steps.Count);
                Assert.All(steps, step => Assert.StartsWith("Passed on", step.Verdict, StringComparison.Ordinal));
            }
        }
    }

    private static Judgment Reference(IReadOnlyList<MirrorSession> sessions, IReadOnlyDictionary<string, MirrorFilter> filters, PacketFacts packet)
    {
        if (sessions.Count == 0)
        {
            return new Judgment(Outcome.NoSession, 0, 0);
        }
        var ordered = sessions.OrderBy(s => s.SessionNumber).ToList();
        if (packet.Class == PacketClass.AmazonDns)
        {
            var dns = ordered.FirstOrDefault(s => filters[s.FilterId].AmazonDns);
            return dns is null ? new Judgment(Outcome.NeverMirrored, 0, 0) : new Judgment(Outcome.Mirrored, dns.SessionNumber, 0);
        }
        if (packet.Class != PacketClass.Ordinary)
        {
            return new Judgment(Outcome.NeverMirrored, 0, 0);
        }
        Judgment? firstReject = null;
        foreach (var session in ordered)
        {
            var deciding = filters[session.FilterId].Rules.Where(r => r.Direction == packet.Direction).OrderBy(r => r.RuleNumber)
                .FirstOrDefault(r => Matches(r, packet));
            if (deciding?.Action == RuleAction.Accept)
            {
                return new Judgment(Outcome.Mirrored, session.SessionNumber, deciding.RuleNumber);
            }
            if (deciding is not null)
            {
                firstReject ??= new Judgment(Outcome.RejectedByRule, session.SessionNumber, deciding.RuleNumber);
            }
        }
        return firstReject ?? new Judgment(Outcome.NoRuleMatched, 0, 0);
    }

    private static bool Matches(FilterRule rule, PacketFacts packet)
    {
        static IPAddress Address(UInt128 value, bool v6)
        {
            var bytes = BitConverter.GetBytes(value).Reverse().ToArray();
            return new IPAddress(v6 ? bytes : bytes[12..]);
        }
        var source = IPNetwork.Parse(rule.SourceCidrBlock);
        var destination = IPNetwork.Parse(rule.DestinationCidrBlock);
        return (rule.Protocol is null || rule.Protocol == packet.Protocol)
            && source.Contains(Address(packet.Source, packet.IsV6)) && destination.Contains(Address(packet.Destination, packet.IsV6))
            && (rule.SourcePortRange is not { } sp || (packet.SourcePort >= sp.FromPort && packet.SourcePort <= sp.ToPort))
            && (rule.DestinationPortRange is not { } dp || (packet.DestinationPort >= dp.FromPort && packet.DestinationPort <= dp.ToPort));
    }

    private static FilterRule RandomRule(Random random, int number)
    {
        var v6 = random.Next(4) == 0;
        string Block() => random.Next(2) == 0 ? (v6 ? "::/0" : "0.0.0.0/0") : v6 ? $"fd00:{random.Next(4)}::/32" : $"10.{random.Next(4)}.0.0/16";
        var protocol = random.Next(3) switch { 0 => (int?)null, 1 => Protocols.Tcp, _ => Protocols.Udp };
        return new FilterRule(random.Next(2) == 0 ? TrafficDirection.Ingress : TrafficDirection.Egress, number * 10,
            random.Next(3) == 0 ? RuleAction.Reject : RuleAction.Accept, protocol, Block(), Block(),
            protocol is null || random.Next(2) == 0 ? null : new PortRange(random.Next(30000, 40000), random.Next(40000, 65536)),
            protocol is null || random.Next(2) == 0 ? null : new PortRange(random.Next(0, 500), random.Next(500, 2000)));
    }

    private static PacketFacts RandomPacket(Random random)
    {
        var v6 = random.Next(4) == 0;
        UInt128 Address() => v6
            ? ((UInt128)(0xfd00_0000_0000_0000UL | ((ulong)random.Next(4) << 32) | (uint)random.Next()) << 64) | (ulong)random.NextInt64()
            : (uint)((10 << 24) | (random.Next(4) << 16) | random.Next(65536));
        return new PacketFacts(random.Next(2) == 0 ? TrafficDirection.Ingress : TrafficDirection.Egress, v6, Address(), Address(),
            (byte)(random.Next(2) == 0 ? Protocols.Tcp : Protocols.Udp), (ushort)random.Next(30000, 65536), (ushort)random.Next(2500),
            random.Next(20) == 0 ? PacketClass.AmazonDns : random.Next(20) == 0 ? PacketClass.Arp : PacketClass.Ordinary);
    }
}
