using System.Buffers.Binary;
using MirrorTower.Engine.Mirroring;

namespace MirrorTower.Engine.Packets;

/// <summary>
/// Writes the synthetic frames of the traffic scenarios: Ethernet, IPv4 (with its checksum) or IPv6, then TCP (flags
/// ACK/PSH or SYN), UDP or ICMP echo, then zero payload to the requested frame length.
/// </summary>
public static class FrameBuilder
{
    public const int MinimumLength = 14 + 20 + 20;

    public static int WriteIpv4(Span<byte> destination, uint source, uint target, byte protocol, ushort sourcePort, ushort destinationPort, int frameLength, bool syn = false)
    {
        frameLength = Math.Max(frameLength, 14 + 20 + TransportHeader(protocol));
        var frame = destination[..frameLength];
        WriteEthernet(frame, FrameInfo.EtherTypeIpv4);
        var ip = frame.Slice(14, 20);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(frameLength - 14));
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000);
        ip[8] = 64;
        ip[9] = protocol;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], source);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], target);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum.Ipv4Header(ip));
        WriteTransport(frame[34..], protocol, sourcePort, destinationPort, syn, icmpEchoType: 8);
        return frameLength;
    }

    /// <summary>An IPv6 frame (fixed header, no extension headers; ICMP is ICMPv6 echo).</summary>
    public static int WriteIpv6(Span<byte> destination, UInt128 source, UInt128 target, byte protocol, ushort sourcePort, ushort destinationPort, int frameLength, bool syn = false)
    {
        frameLength = Math.Max(frameLength, 14 + 40 + TransportHeader(protocol));
        var frame = destination[..frameLength];
        WriteEthernet(frame, FrameInfo.EtherTypeIpv6);
        var ip = frame.Slice(14, 40);
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)(frameLength - 54));
        ip[6] = protocol;
        ip[7] = 64;
        BinaryPrimitives.WriteUInt128BigEndian(ip[8..], source);
        BinaryPrimitives.WriteUInt128BigEndian(ip[24..], target);
        WriteTransport(frame[54..], protocol, sourcePort, destinationPort, syn, icmpEchoType: 128);
        return frameLength;
    }

    private static int TransportHeader(byte protocol) => protocol == Protocols.Tcp ? 20 : 8;

    private static void WriteEthernet(Span<byte> frame, ushort etherType)
    {
        frame.Clear();
        frame[0] = 0x02;
        frame[5] = 0x0b;
        frame[6] = 0x02;
        frame[11] = 0x0a;
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], etherType);
    }

    private static void WriteTransport(Span<byte> l4, byte protocol, ushort sourcePort, ushort destinationPort, bool syn, byte icmpEchoType)
    {
        switch (protocol)
        {
            case Protocols.Tcp:
                BinaryPrimitives.WriteUInt16BigEndian(l4, sourcePort);
                BinaryPrimitives.WriteUInt16BigEndian(l4[2..], destinationPort);
                l4[12] = 0x50;
                l4[13] = syn ? (byte)0x02 : (byte)0x18;
                BinaryPrimitives.WriteUInt16BigEndian(l4[14..], 65535);
                break;
            case Protocols.Udp:
                BinaryPrimitives.WriteUInt16BigEndian(l4, sourcePort);
                BinaryPrimitives.WriteUInt16BigEndian(l4[2..], destinationPort);
                BinaryPrimitives.WriteUInt16BigEndian(l4[4..], (ushort)l4.Length);
                break;
            default:
                l4[0] = icmpEchoType;
                break;
        }
    }
}
