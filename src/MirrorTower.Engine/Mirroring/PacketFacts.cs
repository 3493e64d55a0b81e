namespace MirrorTower.Engine.Mirroring;

/// <summary>Traffic that Traffic Mirroring never copies, whatever the filter, and Amazon DNS, copied only with amazon-dns.</summary>
public enum PacketClass : byte
{
    Ordinary,
    Arp,
    Dhcp,
    InstanceMetadata,
    TimeSync,
    WindowsActivation,
    AmazonDns,
}

/// <summary>
/// What judgment needs of a packet, relative to the source ENI: its direction, addresses (IPv4 in the low 32
/// bits), protocol, ports (0 where the protocol has none) and class.
/// </summary>
public readonly record struct PacketFacts(
    TrafficDirection Direction,
    bool IsV6,
    UInt128 Source,
    UInt128 Destination,
    byte Protocol,
    ushort SourcePort,
    ushort DestinationPort,
    PacketClass Class = PacketClass.Ordinary)
{
    /// <summary>
    /// Classifies an IP packet by the reference's list, for IPv4 and IPv6 alike: DHCP (UDP with port 67 or 68 on either
    /// side), the metadata service, Time Sync, Windows activation (IPv4 only: it has no IPv6 address), and Amazon DNS:
    /// all traffic to or from the resolver (169.254.169.253, fd00:ec2::253) or the VPC's base + 2 address, any port.
    /// </summary>
    public PacketFacts Classified(UInt128? vpcDnsAddress = null)
    {
        if (Class != PacketClass.Ordinary)
        {
            return this;
        }
        var peer = Direction == TrafficDirection.Egress ? Destination : Source;
        var kind = Protocol == Protocols.Udp && (SourcePort is 67 or 68 || DestinationPort is 67 or 68) ? PacketClass.Dhcp
            : IsV6 ? ClassOfV6(peer)
            : ClassOfV4(peer, vpcDnsAddress);
        return kind == PacketClass.Ordinary ? this : this with { Class = kind };
    }

    private static PacketClass ClassOfV4(UInt128 peer, UInt128? vpcDnsAddress) => (uint)peer switch
    {
        LinkLocalServices.InstanceMetadata => PacketClass.InstanceMetadata,
        LinkLocalServices.TimeSync => PacketClass.TimeSync,
        LinkLocalServices.WindowsActivationFirst or LinkLocalServices.WindowsActivationSecond => PacketClass.WindowsActivation,
        LinkLocalServices.AmazonResolver => PacketClass.AmazonDns,
        _ when peer == vpcDnsAddress => PacketClass.AmazonDns,
        _ => PacketClass.Ordinary,
    };

    private static PacketClass ClassOfV6(UInt128 peer) =>
        peer == LinkLocalServices.InstanceMetadataV6 ? PacketClass.InstanceMetadata
        : peer == LinkLocalServices.TimeSyncV6 ? PacketClass.TimeSync
        : peer == LinkLocalServices.AmazonResolverV6 ? PacketClass.AmazonDns
        : PacketClass.Ordinary;
}
