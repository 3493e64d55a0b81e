using MirrorTower.Engine.Mirroring;
using MirrorTower.Engine.Simulation;

namespace MirrorTower.Engine.Tests.Simulation;

/// <summary>The dense table the simulator uses must judge exactly as <see cref="MirrorJudge"/>, the reference implementation.</summary>
public sealed class MirrorTableTests
{
    [Fact]
    public void JudgesEveryPacketExactlyAsTheMirrorJudge()
    {
        var random = new Random(11);
        var filters = Enumerable.Range(0, 6).Select(f => new MirrorFilter($"tmf-{f}", Enumerable.Range(1, random.Next(0, 8)).Select(r => new FilterRule(
            random.Next(2) == 0 ? TrafficDirection.Ingress : TrafficDirection.Egress, r * 10, random.Next(3) == 0 ? RuleAction.Reject : RuleAction.Accept,
            random.Next(3) switch { 0 => null, 1 => Protocols.Tcp, _ => Protocols.Udp },
            random.Next(2) == 0 ? "0.0.0.0/0" : $"10.{random.Next(4)}.0.0/16", random.Next(2) == 0 ? "0.0.0.0/0" : $"10.{random.Next(4)}.0.0/16",
            null, random.Next(2) == 0 ? null : new PortRange(random.Next(0, 500), random.Next(500, 2000)))).Where(r => r.Protocol is not null || r.DestinationPortRange is null).ToList(),
            AmazonDns: random.Next(2) == 0)).ToDictionary(f => f.Id);
        var sessionsPerEni = Enumerable.Range(0, 40).Select(e => (IReadOnlyList<MirrorSession>)Enumerable.Range(1, random.Next(0, 4))
            .Select(s => new MirrorSession($"tms-{e}-{s}", $"eni-{e}", "tmt", $"tmf-{random.Next(6)}", random.Next(1, 100) * 10 + s, s)).ToList()).ToList();
        var table = new MirrorTable(sessionsPerEni, filters);
        var judges = sessionsPerEni.Select(s => new MirrorJudge(s, filters)).ToArray();

        for (var i = 0; i < 20_000; i++)
        {
            var eni = random.Next(40);
            var packet = new PacketFacts(random.Next(2) == 0 ? TrafficDirection.Ingress : TrafficDirection.Egress, false,
                (UInt128)(uint)((10 << 24) | (random.Next(4) << 16) | random.Next(65536)), (UInt128)(uint)((10 << 24) | (random.Next(4) << 16) | random.Next(65536)),
                (byte)(random.Next(2) == 0 ? Protocols.Tcp : Protocols.Udp), (ushort)random.Next(65536), (ushort)random.Next(2500),
                random.Next(20) == 0 ? PacketClass.AmazonDns : random.Next(20) == 0 ? PacketClass.Arp : PacketClass.Ordinary);

            var expected = judges[eni].Judge(packet);
            var verdict = table.Judge(eni, packet);

            Assert.Equal(expected.Outcome, verdict.Outcome);
            Assert.Equal(expected.SessionNumber, verdict.SessionSlot < 0 ? 0 : table.Sessions[verdict.SessionSlot].SessionNumber);
            Assert.Equal(expected.RuleNumber, verdict.RuleSlot < 0 ? 0 : table.Rules[verdict.RuleSlot].RuleNumber);
        }
    }
}
