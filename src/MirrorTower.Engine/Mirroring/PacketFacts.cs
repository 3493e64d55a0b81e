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
    private const uint Metadata = LinkLocalServices.InstanceMetadata;
    private const uint TimeSyncAddress = LinkLocalServices.TimeSync;
    private const uint ResolverAddress = LinkLocalServices.AmazonResolver;
    private const uint KmsFirst = LinkLocalServices.WindowsActivationFirst;
    private const uint KmsSecond = LinkLocalServices.WindowsActivationSecond;

    /// <summary>
    /// Classifies an IP packet by the reference's list: DHCP (UDP 67/68), the metadata service, Time Sync,
    /// Windows activation, and Amazon DNS (the resolver address or the VPC's base + 2, on port 53).
    /// </summary>
    public PacketFacts Classified(UInt128? vpcDnsAddress = null)
    {
        if (Class != PacketClass.Ordinary || IsV6)
        {
            return this;
        }
        var peer = Direction == TrafficDirection.Egress ? Destination : Source;
        var peerPort = Direction == TrafficDirection.Egress ? DestinationPort : SourcePort;
        PacketClass kind = PacketClass.Ordinary;
        if (Protocol == Protocols.Udp && (SourcePort is 67 or 68) && (DestinationPort is 67 or 68))
        {
            kind = PacketClass.Dhcp;
        }
        else if (peer == Metadata)
        {
            kind = PacketClass.InstanceMetadata;
        }
        else if (peer == TimeSyncAddress)
        {
            kind = PacketClass.TimeSync;
        }
        else if (peer == KmsFirst || peer == KmsSecond)
        {
            kind = PacketClass.WindowsActivation;
        }
        else if (peerPort == 53 && (peer == ResolverAddress || (vpcDnsAddress is { } dns && peer == dns)))
        {
            kind = PacketClass.AmazonDns;
        }
        return this with { Class = kind };
    }
}
