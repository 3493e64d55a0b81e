using System.Buffers.Binary;

namespace MirrorTower.Engine.Packets;

/// <summary>
/// Writes a classic pcap file (nanosecond timestamps, link type Ethernet) that Wireshark and tshark read. Records are
/// written through a buffered stream; no allocation per packet.
/// </summary>
public sealed class PcapWriter : IDisposable
{
    public const uint NanosecondMagic = 0xA1B23C4D;
    private const int LinkTypeEthernet = 1;
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly byte[] _header = new byte[16];

    /// <summary>Writes to <paramref name="stream"/>, which it closes when disposed unless <paramref name="leaveOpen"/>.</summary>
    public PcapWriter(Stream stream, bool leaveOpen = false, int snapLength = 65535)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        Span<byte> global = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(global, NanosecondMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(global[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(global[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(global[16..], (uint)snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(global[20..], LinkTypeEthernet);
        _stream.Write(global);
    }

    public long Packets { get; private set; }

    /// <summary>Appends a frame stamped with nanoseconds since the Unix epoch.</summary>
    public void Write(long timestampNanoseconds, ReadOnlySpan<byte> frame) => Write(timestampNanoseconds, frame, []);

    /// <summary>Appends a frame given in two parts (headers, then the payload where it already is), saving a copy.</summary>
    public void Write(long timestampNanoseconds, ReadOnlySpan<byte> head, ReadOnlySpan<byte> body)
    {
        var frameLength = head.Length + body.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(_header, (uint)(timestampNanoseconds / 1_000_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(4), (uint)(timestampNanoseconds % 1_000_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(8), (uint)frameLength);
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(12), (uint)frameLength);
        _stream.Write(_header);
        _stream.Write(head);
        if (!body.IsEmpty)
        {
            _stream.Write(body);
        }
        Packets++;
    }

    public void Dispose()
    {
        _stream.Flush();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
