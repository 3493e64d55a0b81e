using System.Net;
using MirrorTower.Engine.Mirroring;
using static MirrorTower.Engine.Mirroring.TrafficDirection;

namespace MirrorTower.Engine.Tests.Mirroring;

/// <summary>
/// Step 2 of "How a packet is judged" in shared/reference/traffic-mirroring.md, for both families, row by row: never
/// mirrored (DHCP with port 67 or 68 on either side, the metadata service at 169.254.169.254 and fd00:ec2::254, Time
/// Sync at 169.254.169.123 and fd00:ec2::123, Windows activation), and Amazon DNS (169.254.169.253, fd00:ec2::253, the
/// VPC base + 2): all traffic to or from these addresses, any port. AWS's "Traffic Mirroring limitations" page lists the
/// same classes (ARP, DHCP, instance metadata service, NTP, Windows activation).
/// </summary>
public sealed class PacketClassTests
{
    private const string Eni4 = "10.0.1.5", Eni6 = "2600:1f18:abc:1::10", VpcDns = "10.0.0.2";

    public static TheoryData<string, string, string, string, int, int, PacketClass> Rows => new()
    {
        // direction, ENI, peer, protocol, ENI port, peer port, class
        { "egress", Eni4, "10.0.0.1", "udp", 68, 67, PacketClass.Dhcp },
        { "ingress", Eni4, "10.0.0.1", "udp", 68, 67, PacketClass.Dhcp },
        { "egress", Eni4, "10.0.0.1", "udp", 40000, 67, PacketClass.Dhcp },       // either side is enough
        { "ingress", Eni4, "10.0.0.1", "udp", 40000, 68, PacketClass.Dhcp },
        { "egress", Eni4, "10.0.0.1", "udp", 68, 40000, PacketClass.Dhcp },
        { "egress", Eni4, "10.0.0.1", "tcp", 40000, 67, PacketClass.Ordinary },   // DHCP is UDP
        { "egress", Eni6, "2600:1f18:abc:1::1", "udp", 68, 40000, PacketClass.Dhcp },
        { "egress", Eni4, "169.254.169.254", "tcp", 40000, 80, PacketClass.InstanceMetadata },
        { "ingress", Eni4, "169.254.169.254", "tcp", 40000, 80, PacketClass.InstanceMetadata },
        { "egress", Eni6, "fd00:ec2::254", "tcp", 40000, 80, PacketClass.InstanceMetadata },
        { "ingress", Eni6, "fd00:ec2::254", "tcp", 40000, 80, PacketClass.InstanceMetadata },
        { "egress", Eni4, "169.254.169.123", "udp", 40000, 123, PacketClass.TimeSync },
        { "egress", Eni6, "fd00:ec2::123", "udp", 40000, 123, PacketClass.TimeSync },
        { "egress", Eni4, "169.254.169.250", "tcp", 40000, 1688, PacketClass.WindowsActivation },
        { "egress", Eni4, "169.254.169.251", "tcp", 40000, 1688, PacketClass.WindowsActivation },
        { "egress", Eni4, "169.254.169.253", "udp", 40000, 53, PacketClass.AmazonDns },
        { "egress", Eni4, "169.254.169.253", "tcp", 40000, 53, PacketClass.AmazonDns },
        { "egress", Eni4, "169.254.169.253", "tcp", 40000, 8080, PacketClass.AmazonDns }, // any port
        { "egress", Eni4, VpcDns, "udp", 40000, 53, PacketClass.AmazonDns },
        { "ingress", Eni4, VpcDns, "udp", 40000, 53, PacketClass.AmazonDns },
        { "egress", Eni4, VpcDns, "icmp", 0, 0, PacketClass.AmazonDns },
        { "egress", Eni6, "fd00:ec2::253", "udp", 40000, 53, PacketClass.AmazonDns },
        { "ingress", Eni6, "fd00:ec2::253", "tcp", 40000, 53, PacketClass.AmazonDns },
        { "egress", Eni6, "fd00:ec2::253", "icmpv6", 0, 0, PacketClass.AmazonDns },
        { "egress", Eni4, "10.0.0.3", "udp", 40000, 53, PacketClass.Ordinary },   // base + 3 is an ordinary host
        { "egress", Eni4, "192.0.2.53", "udp", 40000, 53, PacketClass.Ordinary }, // an outside resolver
        { "egress", Eni6, "fd00:ec2::1", "udp", 40000, 53, PacketClass.Ordinary },
        { "egress", Eni6, "2001:db8::53", "udp", 40000, 53, PacketClass.Ordinary },
        { "egress", Eni4, "203.0.113.9", "tcp", 40000, 443, PacketClass.Ordinary },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void EachPacketIsClassifiedAsTheReferenceLists(string direction, string eni, string peer, string protocol, int eniPort, int peerPort, PacketClass expected)
    {
        Assert.True(Protocols.TryParse(protocol, out var number));
        var (self, other) = (IPAddress.Parse(eni), IPAddress.Parse(peer));
        var isV6 = self.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        var facts = direction == "egress"
            ? new PacketFacts(Egress, isV6, Cidr.ToNumber(self), Cidr.ToNumber(other), (byte)number!.Value, (ushort)eniPort, (ushort)peerPort)
            : new PacketFacts(Ingress, isV6, Cidr.ToNumber(other), Cidr.ToNumber(self), (byte)number!.Value, (ushort)peerPort, (ushort)eniPort);

        Assert.Equal(expected, facts.Classified(Cidr.ToNumber(IPAddress.Parse(VpcDns))).Class);
    }

    [Fact]
    public void TheVpcBasePlusTwoIsNotTakenForAnIPv6Peer()
    {
        // 10.0.0.2 as the low bits of an IPv6 address is not the VPC resolver: the families never mix.
        var dns = Cidr.ToNumber(IPAddress.Parse(VpcDns));
        var facts = new PacketFacts(Egress, true, Cidr.ToNumber(IPAddress.Parse(Eni6)), dns, Protocols.Udp, 40000, 53);

        Assert.Equal(PacketClass.Ordinary, facts.Classified(dns).Class);
    }
}
