using System.Buffers.Binary;

namespace MirrorTower.Engine.Packets;

/// <summary>
/// The mirrored copy on the wire (RFC 7348): outer Ethernet, IPv4 from the source ENI to the target, UDP to 4789 from
/// a port derived from the inner flow, the 8-byte VXLAN header (flags 0x08, 24-bit VNI), then the inner frame as
/// truncated. The reference counts 54 bytes of overhead (the 50 bytes of headers here plus the outer frame check
/// sequence, which captures do not contain) for an IPv4 packet and 74 for an IPv6 one; that count decides the
/// truncation to the target's MTU and what a copy costs the source's bandwidth. The outer header stays IPv4 (the source
/// ENI's primary private address) for both, as the reference's wire section says (docs/decisions/0012-ipv6.md).
/// </summary>
public static class Vxlan
{
    public const int Port = 4789;
    public const int HeaderBytes = 14 + 20 + 8 + 8;
    public const int OverheadIpv4 = 54;
    public const int OverheadIpv6 = 74;
    private static readonly byte[] OuterDestinationMac = [0x02, 0x00, 0x00, 0x00, 0x00, 0x02];
    private static readonly byte[] OuterSourceMac = [0x02, 0x00, 0x00, 0x00, 0x00, 0x01];

    /// <summary>How many bytes of the inner frame the copy carries: the packet length when set, then the target's MTU less the overhead.</summary>
    public static int InnerLength(int frameLength, int? packetLength, int targetMtu, bool isV6 = false) =>
        Math.Min(Math.Min(frameLength, packetLength ?? int.MaxValue), targetMtu - Overhead(isV6));

    public static int Overhead(bool isV6) => isV6 ? OverheadIpv6 : OverheadIpv4;

    /// <summary>Writes the copy into <paramref name="destination"/> and returns its length.</summary>
    public static int Encapsulate(Span<byte> destination, ReadOnlySpan<byte> inner, uint outerSource, uint outerDestination, ushort sourcePort, int vni)
    {
        WriteHeaders(destination, inner.Length, outerSource, outerDestination, sourcePort, vni);
        inner.CopyTo(destination[HeaderBytes..]);
        return HeaderBytes + inner.Length;
    }

    /// <summary>Writes only the 50 bytes of headers for an inner frame of the given length, so a writer can append the frame from where it is.</summary>
    public static int WriteHeaders(Span<byte> destination, int innerLength, uint outerSource, uint outerDestination, ushort sourcePort, int vni)
    {
        WriteOuter(destination, innerLength + 8, outerSource, outerDestination, sourcePort, Port);
        var vxlan = destination.Slice(42, 8);
        vxlan.Clear();
        vxlan[0] = 0x08;
        vxlan[4] = (byte)(vni >> 16);
        vxlan[5] = (byte)(vni >> 8);
        vxlan[6] = (byte)vni;
        return HeaderBytes;
    }

    /// <summary>Outer Ethernet, IPv4 (checksum computed) and UDP headers for a UDP payload of the given length; returns the frame's length.</summary>
    internal static int WriteOuter(Span<byte> destination, int udpPayload, uint outerSource, uint outerDestination, ushort sourcePort, int destinationPort)
    {
        var length = 14 + 20 + 8 + udpPayload;
        OuterDestinationMac.CopyTo(destination);
        OuterSourceMac.CopyTo(destination[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination[12..], FrameInfo.EtherTypeIpv4);

        var ip = destination.Slice(14, 20);
        ip[0] = 0x45;
        ip[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + 8 + udpPayload));
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000);
        ip[8] = 64;
        ip[9] = 17;
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], outerSource);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], outerDestination);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum.Ipv4Header(ip));

        var udp = destination.Slice(34, 8);
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], (ushort)destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + udpPayload));
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], 0); // optional over IPv4, as VXLAN senders commonly leave it
        return length;
    }
}

/// <summary>
/// What a Gateway Load Balancer does with a copy sent to its endpoint: it wraps the whole VXLAN frame in GENEVE
/// (RFC 8926, UDP 6081, protocol type 0x6558 for an Ethernet payload) from the load balancer to the chosen appliance.
/// </summary>
public static class Geneve
{
    public const int Port = 6081;
    public const int HeaderBytes = 14 + 20 + 8 + 8;
    private const ushort TransparentEthernetBridging = 0x6558;

    /// <summary>Writes GENEVE around <paramref name="frame"/> (already in <paramref name="destination"/> at offset <see cref="HeaderBytes"/>) and returns the length.</summary>
    public static int Wrap(Span<byte> destination, int frameLength, uint outerSource, uint outerDestination, ushort sourcePort, int vni)
    {
        var length = Vxlan.WriteOuter(destination, frameLength + 8, outerSource, outerDestination, sourcePort, Port);
        var geneve = destination.Slice(42, 8);
        geneve.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(geneve[2..], TransparentEthernetBridging);
        geneve[4] = (byte)(vni >> 16);
        geneve[5] = (byte)(vni >> 8);
        geneve[6] = (byte)vni;
        return length;
    }
}

public static class Checksum
{
    /// <summary>The one's-complement sum of an IPv4 header whose checksum field is zero.</summary>
    public static ushort Ipv4Header(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (ushort)~sum;
    }
}
