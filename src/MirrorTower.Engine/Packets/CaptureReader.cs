using System.Buffers.Binary;

namespace MirrorTower.Engine.Packets;

/// <summary>A frame of a capture: its timestamp (nanoseconds since the Unix epoch), its captured bytes and its length on the wire.</summary>
public readonly ref struct CapturedFrame(long timestampNanoseconds, ReadOnlySpan<byte> data, int originalLength)
{
    public long TimestampNanoseconds { get; } = timestampNanoseconds;
    public ReadOnlySpan<byte> Data { get; } = data;
    public int OriginalLength { get; } = originalLength;
}

/// <summary>
/// Reads pcap (micro- or nanosecond, either byte order) and pcapng (section header, interface description with its
/// timestamp resolution, enhanced and simple packet blocks; other blocks skipped) captures of Ethernet frames, one frame
/// at a time into a reused buffer. Written here because the replay must read millions of frames a second without
/// allocating; the parsing libraries available allocate an object graph per packet.
/// </summary>
public sealed class CaptureReader
{
    private readonly Stream _stream;
    private byte[] _buffer = new byte[65536];
    private readonly byte[] _small = new byte[28];
    private readonly bool _pcapng;
    private bool _bigEndian;
    private long _tickNanoseconds = 1000;
    private int _lastOffset, _lastLength;
    private readonly List<long> _interfaceTicks = [];

    private CaptureReader(Stream stream, bool pcapng)
    {
        _stream = stream;
        _pcapng = pcapng;
    }

    public static CaptureReader Open(Stream stream)
    {
        Span<byte> magic = stackalloc byte[4];
        stream.ReadExactly(magic);
        var little = BinaryPrimitives.ReadUInt32LittleEndian(magic);
        if (little == 0x0A0D0D0A)
        {
            var reader = new CaptureReader(stream, pcapng: true);
            reader.ReadSectionHeaderRest();
            return reader;
        }
        var pcap = new CaptureReader(stream, pcapng: false);
        (pcap._bigEndian, pcap._tickNanoseconds) = little switch
        {
            0xA1B2C3D4 => (false, 1000L),
            0xA1B23C4D => (false, 1L),
            0xD4C3B2A1 => (true, 1000L),
            0x4D3CB2A1 => (true, 1L),
            _ => throw new InvalidDataException("Not a pcap or pcapng capture (unknown magic number)."),
        };
        Span<byte> rest = stackalloc byte[20];
        stream.ReadExactly(rest);
        var linkType = pcap.U32(rest[16..]) & 0x0FFFFFFF;
        if (linkType != 1)
        {
            throw new InvalidDataException($"The capture's link type is {linkType}; only Ethernet (1) can be replayed.");
        }
        return pcap;
    }

    /// <summary>The bytes of the frame last read, valid until the next read (no copy).</summary>
    public ReadOnlySpan<byte> LastFrame => _buffer.AsSpan(_lastOffset, _lastLength);

    /// <summary>Reads the next frame; false at the end of the capture.</summary>
    public bool TryRead(out CapturedFrame frame) => _pcapng ? TryReadBlock(out frame) : TryReadRecord(out frame);

    private bool TryReadRecord(out CapturedFrame frame)
    {
        frame = default;
        if (!Fill(_small.AsSpan(0, 16)))
        {
            return false;
        }
        var seconds = U32(_small);
        var fraction = U32(_small.AsSpan(4));
        var captured = (int)U32(_small.AsSpan(8));
        var original = (int)U32(_small.AsSpan(12));
        var data = Read(captured);
        (_lastOffset, _lastLength) = (0, captured);
        frame = new CapturedFrame((seconds * 1_000_000_000L) + (fraction * _tickNanoseconds), data, original);
        return true;
    }

    private bool TryReadBlock(out CapturedFrame frame)
    {
        frame = default;
        while (Fill(_small.AsSpan(0, 8)))
        {
            var type = U32(_small);
            var length = (int)U32(_small.AsSpan(4));
            if (length < 12)
            {
                throw new InvalidDataException($"A pcapng block has a length of {length} bytes.");
            }
            var body = Read(length - 8);
            switch (type)
            {
                case 0x0A0D0D0A:
                    throw new InvalidDataException("Several pcapng sections are not supported.");
                case 1:
                    ReadInterface(body);
                    break;
                case 6:
                    {
                        // Lengths come from the file: a block that claims more than it holds is refused, not sliced.
                        var captured = body.Length < 20 ? -1 : (long)U32(body[12..]);
                        if (captured < 0 || captured > body.Length - 20)
                        {
                            throw new InvalidDataException($"A pcapng packet block claims {captured} captured bytes in a block of {length}.");
                        }
                        var interfaceId = (int)U32(body);
                        var ticks = ((long)U32(body[4..]) << 32) | U32(body[8..]);
                        var tick = interfaceId < _interfaceTicks.Count ? _interfaceTicks[interfaceId] : 1000;
                        (_lastOffset, _lastLength) = (20, (int)captured);
                        frame = new CapturedFrame(tick >= 1 ? ticks * tick : ticks / (-tick), body.Slice(20, (int)captured), (int)Math.Min(int.MaxValue, U32(body[16..])));
                        return true;
                    }
                case 3:
                    {
                        var original = body.Length < 4 ? -1 : (int)Math.Min(int.MaxValue, U32(body));
                        if (original < 0 || body.Length < 8)
                        {
                            throw new InvalidDataException($"A pcapng simple packet block of {length} bytes holds no packet.");
                        }
                        (_lastOffset, _lastLength) = (4, Math.Min(original, body.Length - 8));
                        frame = new CapturedFrame(0, body.Slice(4, Math.Min(original, body.Length - 8)), original);
                        return true;
                    }
            }
        }
        return false;
    }

    private void ReadSectionHeaderRest()
    {
        Span<byte> head = stackalloc byte[8];
        _stream.ReadExactly(head);
        var byteOrder = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
        _bigEndian = byteOrder switch
        {
            0x1A2B3C4D => false,
            0x4D3C2B1A => true,
            _ => throw new InvalidDataException("The pcapng section header has no valid byte-order magic."),
        };
        var length = (int)U32(head);
        Read(length - 12);
    }

    /// <summary>An interface: Ethernet only, and its timestamp resolution (option 9, if_tsresol; default microseconds).</summary>
    private void ReadInterface(ReadOnlySpan<byte> body)
    {
        var linkType = (_bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(body) : BinaryPrimitives.ReadUInt16LittleEndian(body));
        if (linkType != 1)
        {
            throw new InvalidDataException($"A capture interface has link type {linkType}; only Ethernet (1) can be replayed.");
        }
        long tick = 1000;
        var options = body[8..^4];
        while (options.Length >= 4)
        {
            var code = _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(options) : BinaryPrimitives.ReadUInt16LittleEndian(options);
            var size = _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(options[2..]) : BinaryPrimitives.ReadUInt16LittleEndian(options[2..]);
            if (code == 0)
            {
                break;
            }
            if (code == 9 && size >= 1)
            {
                var resolution = options[4];
                var exponent = resolution & 0x7F;
                // Negative ticks mean "divide": a resolution finer than a nanosecond.
                tick = (resolution & 0x80) == 0
                    ? (exponent <= 9 ? (long)Math.Pow(10, 9 - exponent) : -(long)Math.Pow(10, exponent - 9))
                    : (long)(1e9 / Math.Pow(2, exponent));
            }
            options = options[Math.Min(options.Length, 4 + ((size + 3) & ~3))..];
        }
        _interfaceTicks.Add(tick == 0 ? 1 : tick);
    }

    private ReadOnlySpan<byte> Read(int length)
    {
        if (length < 0 || length > 16 * 1024 * 1024)
        {
            throw new InvalidDataException($"A capture record claims {length} bytes.");
        }
        if (_buffer.Length < length)
        {
            _buffer = new byte[length];
        }
        if (!Fill(_buffer.AsSpan(0, length)))
        {
            throw new InvalidDataException("The capture ends in the middle of a record.");
        }
        return _buffer.AsSpan(0, length);
    }

    private bool Fill(Span<byte> destination)
    {
        var read = _stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        if (read == 0)
        {
            return false;
        }
        return read == destination.Length ? true : throw new InvalidDataException("The capture ends in the middle of a record.");
    }

    private uint U32(ReadOnlySpan<byte> bytes) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
}
