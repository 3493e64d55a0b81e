using System.Buffers.Binary;

namespace MirrorTower.Engine.Packets;

/// <summary>
/// Writes a classic pcap file (nanosecond timestamps, link type Ethernet) that Wireshark and tshark read. Records are
/// gathered in a buffer of its own and written a large piece at a time (the stream needs no buffer of its own); no
/// allocation per packet.
/// </summary>
public sealed class PcapWriter : IDisposable
{
    public const uint NanosecondMagic = 0xA1B23C4D;
    private const int LinkTypeEthernet = 1;
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private const int BufferBytes = 1 << 20;
    private readonly byte[] _buffer = new byte[BufferBytes];
    private int _used;

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
        global.CopyTo(_buffer);
        _used = global.Length;
    }

    public long Packets { get; private set; }

    /// <summary>Appends a frame stamped with nanoseconds since the Unix epoch.</summary>
    public void Write(long timestampNanoseconds, ReadOnlySpan<byte> frame) => Write(timestampNanoseconds, frame, []);

    /// <summary>Appends a frame given in two parts (headers, then the payload where it already is), saving a copy.</summary>
    public void Write(long timestampNanoseconds, ReadOnlySpan<byte> head, ReadOnlySpan<byte> body)
    {
        var frameLength = head.Length + body.Length;
        if (_used + 16 + frameLength > _buffer.Length)
        {
            Drain();
        }
        Span<byte> header = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)(timestampNanoseconds / 1_000_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(timestampNanoseconds % 1_000_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)frameLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)frameLength);
        if (16 + frameLength > _buffer.Length)
        {
            // A record larger than the buffer (never for Ethernet frames) goes straight to the stream.
            _stream.Write(header);
            _stream.Write(head);
            _stream.Write(body);
        }
        else
        {
            header.CopyTo(_buffer.AsSpan(_used));
            head.CopyTo(_buffer.AsSpan(_used + 16));
            body.CopyTo(_buffer.AsSpan(_used + 16 + head.Length));
            _used += 16 + frameLength;
        }
        Packets++;
    }

    /// <summary>Writes what is gathered to the stream (and flushes it), so that a reader of the file sees every record so far.</summary>
    public void Flush()
    {
        Drain();
        _stream.Flush();
    }

    private void Drain()
    {
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose()
    {
        Flush();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
