using System.Net;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Engine.Simulation;

namespace MirrorTower.Engine.Tests.Simulation;

/// <summary>Small setups for the simulator: one source ENI at 10.1.1.10 (VPC 10.1.0.0/16) and the targets and sessions a test needs.</summary>
internal static class SimulationFixture
{
    public static readonly uint EniAddress = Address("10.1.1.10");
    public static readonly uint VpcDns = Address("10.1.0.2");

    public static uint Address(string text) => (uint)Cidr.ToNumber(IPAddress.Parse(text));

    public static FilterRule Rule(TrafficDirection direction, int number, RuleAction action, int? protocol = null, PortRange? destinationPorts = null) =>
        new(direction, number, action, protocol, "0.0.0.0/0", "0.0.0.0/0", DestinationPortRange: destinationPorts);

    public static readonly MirrorFilter AcceptAll = new("tmf-all", [Rule(TrafficDirection.Ingress, 100, RuleAction.Accept), Rule(TrafficDirection.Egress, 100, RuleAction.Accept)]);

    public static SimTarget Nlb(params SimAppliance[] appliances) => new("tmt-nlb", "ids-nlb", TargetType.NetworkLoadBalancer, Address("10.0.1.250"), appliances);

    public static SimTarget EniTarget() => new("tmt-eni", "sensor", TargetType.NetworkInterface, Address("10.1.1.99"), []);

    public static SimAppliance Appliance(int i, bool healthy = true) => new($"i-ids{i}", $"ids-{i}", Address($"10.0.1.{10 + i}"), healthy);

    public static MirrorSimulator Simulator(IEnumerable<MirrorSession> sessions, IEnumerable<MirrorFilter> filters, IEnumerable<SimTarget> targets, long bandwidth = 10_000_000_000) =>
        new(new SimulationSetup([new SimEni("eni-src", "web-1", EniAddress, "i-web1", bandwidth, VpcDns)], sessions.ToList(),
            filters.ToDictionary(f => f.Id), targets.ToList()));

    public static MirrorSession Session(int number, string filter = "tmf-all", string target = "tmt-nlb", int vni = 4242, int? packetLength = null) =>
        new($"tms-{number}", "eni-src", target, filter, number, vni, packetLength);

    public static PacketFacts Inbound(string from, ushort port = 443, byte protocol = Protocols.Tcp, ushort sourcePort = 40000) =>
        new PacketFacts(TrafficDirection.Ingress, false, Address(from), EniAddress, protocol, sourcePort, port).Classified(VpcDns);

    public static PacketFacts Outbound(string to, ushort port = 443, byte protocol = Protocols.Udp) =>
        new PacketFacts(TrafficDirection.Egress, false, EniAddress, Address(to), protocol, 40000, port).Classified(VpcDns);
}
