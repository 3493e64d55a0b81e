using System.Buffers.Binary;
using MirrorTower.Engine.Mirroring;

namespace MirrorTower.Engine.Packets;

/// <summary>What a captured Ethernet frame carries: ARP, or IPv4/IPv6 with the transport's ports (0 where none).</summary>
public readonly record struct FrameInfo(bool IsArp, bool IsV6, UInt128 Source, UInt128 Destination, byte Protocol, ushort SourcePort, ushort DestinationPort)
{
    public const ushort EtherTypeIpv4 = 0x0800, EtherTypeArp = 0x0806, EtherTypeIpv6 = 0x86DD, EtherTypeVlan = 0x8100;

    /// <summary>Parses Ethernet II (one 802.1Q tag allowed), ARP, IPv4 (options skipped) and IPv6 (fixed header), TCP/UDP ports.</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out FrameInfo info)
    {
        info = default;
        if (frame.Length < 14)
        {
            return false;
        }
        var offset = 12;
        var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        if (etherType == EtherTypeVlan && frame.Length >= 18)
        {
            offset += 4;
            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        }
        var l3 = frame[(offset + 2)..];
        switch (etherType)
        {
            case EtherTypeArp when l3.Length >= 28:
                info = new FrameInfo(true, false, BinaryPrimitives.ReadUInt32BigEndian(l3[14..]), BinaryPrimitives.ReadUInt32BigEndian(l3[24..]), 0, 0, 0);
                return true;
            case EtherTypeIpv4 when l3.Length >= 20 && (l3[0] >> 4) == 4:
                {
                    var headerLength = (l3[0] & 0x0F) * 4;
                    var protocol = l3[9];
                    var fragmentOffset = BinaryPrimitives.ReadUInt16BigEndian(l3[6..]) & 0x1FFF;
                    var (sourcePort, destinationPort) = fragmentOffset == 0 ? Ports(protocol, l3[Math.Min(headerLength, l3.Length)..]) : ((ushort)0, (ushort)0);
                    info = new FrameInfo(false, false, BinaryPrimitives.ReadUInt32BigEndian(l3[12..]), BinaryPrimitives.ReadUInt32BigEndian(l3[16..]), protocol, sourcePort, destinationPort);
                    return true;
                }
            case EtherTypeIpv6 when l3.Length >= 40 && (l3[0] >> 4) == 6:
                {
                    var protocol = l3[6];
                    var (sourcePort, destinationPort) = Ports(protocol, l3[40..]);
                    info = new FrameInfo(false, true, BinaryPrimitives.ReadUInt128BigEndian(l3[8..]), BinaryPrimitives.ReadUInt128BigEndian(l3[24..]), protocol, sourcePort, destinationPort);
                    return true;
                }
            default:
                return false;
        }
    }

    /// <summary>
    /// The facts the judge needs, with the direction seen from an ENI with the given IPv4 address and IPv6 addresses
    /// (to one of them: ingress; from one: egress); null when the frame is neither to nor from the ENI.
    /// </summary>
    public PacketFacts? Relative(uint eniIpv4, ReadOnlySpan<UInt128> eniIpv6 = default)
    {
        TrafficDirection direction;
        if (IsV6 ? eniIpv6.Contains(Destination) : Destination == eniIpv4)
        {
            direction = TrafficDirection.Ingress;
        }
        else if (IsV6 ? eniIpv6.Contains(Source) : Source == eniIpv4)
        {
            direction = TrafficDirection.Egress;
        }
        else
        {
            return null;
        }
        return new PacketFacts(direction, IsV6, Source, Destination, Protocol, SourcePort, DestinationPort, IsArp ? PacketClass.Arp : PacketClass.Ordinary);
    }

    private static (ushort, ushort) Ports(byte protocol, ReadOnlySpan<byte> l4) =>
        protocol is Protocols.Tcp or Protocols.Udp && l4.Length >= 4
            ? (BinaryPrimitives.ReadUInt16BigEndian(l4), BinaryPrimitives.ReadUInt16BigEndian(l4[2..]))
            : ((ushort)0, (ushort)0);
}
