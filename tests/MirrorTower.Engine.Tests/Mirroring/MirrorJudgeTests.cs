using System.Net;
using MirrorTower.Engine.Mirroring;
using static MirrorTower.Engine.Mirroring.Outcome;
using static MirrorTower.Engine.Mirroring.RuleAction;
using static MirrorTower.Engine.Mirroring.TrafficDirection;

namespace MirrorTower.Engine.Tests.Mirroring;

/// <summary>"How a packet is judged" in shared/reference/traffic-mirroring.md, case by case.</summary>
public sealed class MirrorJudgeTests
{
    private const string Eni = "eni-01234567890abcdef";

    private static FilterRule Rule(TrafficDirection direction, int number, RuleAction action, int? protocol = null,
        string source = "0.0.0.0/0", string destination = "0.0.0.0/0", PortRange? destinationPorts = null) =>
        new(direction, number, action, protocol, source, destination, DestinationPortRange: destinationPorts);

    private static MirrorJudge Judge(params (int Number, MirrorFilter Filter)[] sessions) => new(
        sessions.Select(s => new MirrorSession($"tms-{s.Number}", Eni, "tmt-1", s.Filter.Id, s.Number, 100 + s.Number)),
        sessions.ToDictionary(s => s.Filter.Id, s => s.Filter));

    private static PacketFacts Packet(TrafficDirection direction, string source, string destination, byte protocol = Protocols.Tcp,
        ushort sourcePort = 40000, ushort destinationPort = 443, UInt128? vpcDns = null) =>
        new PacketFacts(direction, IPAddress.Parse(source).AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6,
            Cidr.ToNumber(IPAddress.Parse(source)), Cidr.ToNumber(IPAddress.Parse(destination)), protocol, sourcePort, destinationPort).Classified(vpcDns);

    private static readonly MirrorFilter AcceptAll = new("tmf-all", [Rule(Ingress, 100, Accept), Rule(Egress, 100, Accept)]);
    private static readonly MirrorFilter RejectAll = new("tmf-none", [Rule(Ingress, 100, Reject), Rule(Egress, 100, Reject)]);
    private static readonly MirrorFilter SshOnly = new("tmf-ssh", [Rule(Ingress, 100, Accept, Protocols.Tcp, destinationPorts: new(22, 22))]);

    [Fact]
    public void TheLowestSessionNumberWins()
    {
        var judge = Judge((3, AcceptAll with { Id = "tmf-a" }), (1, AcceptAll with { Id = "tmf-b" }), (2, AcceptAll with { Id = "tmf-c" }));

        Assert.Equal(new Judgment(Mirrored, 1, 100), judge.Judge(Packet(Ingress, "203.0.113.9", "10.0.1.5")));
    }

    [Fact]
    public void ARejectFallsThroughToTheNextSession()
    {
        var judge = Judge((1, RejectAll), (2, AcceptAll));

        Assert.Equal(new Judgment(Mirrored, 2, 100), judge.Judge(Packet(Egress, "10.0.1.5", "198.51.100.7")));
    }

    [Fact]
    public void ARejectEverywhereIsReportedForTheFirstRejectingSession()
    {
        var judge = Judge((1, SshOnly), (2, RejectAll));

        Assert.Equal(new Judgment(RejectedByRule, 2, 100), judge.Judge(Packet(Ingress, "203.0.113.9", "10.0.1.5", destinationPort: 443)));
    }

    [Theory]
    [InlineData(Ingress, 22, Mirrored)]
    [InlineData(Ingress, 443, NoRuleMatched)]
    [InlineData(Egress, 22, NoRuleMatched)]
    public void NoRulesInADirectionMirrorNothingThere(TrafficDirection direction, ushort port, Outcome expected)
    {
        var judge = Judge((1, SshOnly));

        Assert.Equal(expected, judge.Judge(Packet(direction, "203.0.113.9", "10.0.1.5", destinationPort: port)).Outcome);
    }

    [Fact]
    public void RulesAreReadInRuleNumberOrderAndTheFirstMatchDecides()
    {
        var filter = new MirrorFilter("tmf-order", [Rule(Ingress, 200, Accept), Rule(Ingress, 100, Reject, source: "10.0.0.0/8")]);
        var judge = Judge((1, filter));

        Assert.Equal(new Judgment(RejectedByRule, 1, 100), judge.Judge(Packet(Ingress, "10.1.2.3", "10.0.1.5")));
        Assert.Equal(new Judgment(Mirrored, 1, 200), judge.Judge(Packet(Ingress, "203.0.113.9", "10.0.1.5")));
    }

    [Theory]
    [InlineData("169.254.169.254", 80, Protocols.Tcp)]
    [InlineData("169.254.169.123", 123, Protocols.Udp)]
    [InlineData("169.254.169.250", 1688, Protocols.Tcp)]
    public void MetadataTimeSyncAndWindowsActivationAreNeverMirrored(string peer, ushort port, byte protocol)
    {
        var judge = Judge((1, AcceptAll));

        Assert.Equal(NeverMirrored, judge.Judge(Packet(Egress, "10.0.1.5", peer, protocol, destinationPort: port)).Outcome);
    }

    [Fact]
    public void DhcpAndArpAreNeverMirrored()
    {
        var judge = Judge((1, AcceptAll));
        var arp = new PacketFacts(Egress, false, 0, 0, 0, 0, 0, PacketClass.Arp);

        Assert.Equal(NeverMirrored, judge.Judge(Packet(Egress, "0.0.0.0", "255.255.255.255", Protocols.Udp, 68, 67)).Outcome);
        Assert.Equal(NeverMirrored, judge.Judge(arp).Outcome);
    }

    [Fact]
    public void AmazonDnsIsMirroredBothWaysOnlyWithTheNetworkService()
    {
        var vpcDns = Cidr.ToNumber(IPAddress.Parse("10.0.0.2"));
        var withDns = Judge((2, RejectAll with { Id = "tmf-dns", AmazonDns = true }));
        var without = Judge((1, AcceptAll));
        var query = Packet(Egress, "10.0.1.5", "10.0.0.2", Protocols.Udp, 50000, 53, vpcDns);
        var answer = Packet(Ingress, "169.254.169.253", "10.0.1.5", Protocols.Udp, 53, 50000);

        Assert.Equal(PacketClass.AmazonDns, query.Class);
        Assert.Equal(new Judgment(Mirrored, 2, 0), withDns.Judge(query));
        Assert.Equal(new Judgment(Mirrored, 2, 0), withDns.Judge(answer));
        Assert.Equal(NeverMirrored, without.Judge(query).Outcome);
        Assert.Equal(NeverMirrored, without.Judge(answer).Outcome);
    }

    [Fact]
    public void IPv6RulesMatchIPv6PacketsOnly()
    {
        var filter = new MirrorFilter("tmf-v6", [Rule(Ingress, 100, Accept, source: "::/0", destination: "::/0")]);
        var judge = Judge((1, filter));

        Assert.Equal(Mirrored, judge.Judge(Packet(Ingress, "2001:db8::1", "2001:db8::2")).Outcome);
        Assert.Equal(NoRuleMatched, judge.Judge(Packet(Ingress, "203.0.113.9", "10.0.1.5")).Outcome);
    }

    [Fact]
    public void AnEniWithoutSessionsMirrorsNothing()
    {
        Assert.Equal(NoSession, Judge().Judge(Packet(Ingress, "203.0.113.9", "10.0.1.5")).Outcome);
    }

    [Fact]
    public void TheExplanationTellsEachSessionTried()
    {
        var judge = Judge((1, SshOnly), (2, RejectAll), (3, AcceptAll));

        var steps = judge.Explain(Packet(Ingress, "203.0.113.9", "10.0.1.5", destinationPort: 443));

        Assert.Equal(["Passed on: no rule matched.", "Passed on: rule 100 rejects it.", "Mirrored by rule 100 (accept)."], steps.Select(s => s.Verdict));
        Assert.Equal([1, 2, 3], steps.Select(s => s.SessionNumber));
    }
}
