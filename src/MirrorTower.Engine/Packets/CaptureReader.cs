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
/// timestamp resolution, enhanced and simple packet blocks; other blocks skipped) captures of Ethernet frames. The stream
/// is read a megabyte at a time into one window and frames are handed out as slices of it, so a replay costs one read
/// per megabyte whatever the stream (an upload arriving over HTTP, a file) and allocates nothing per frame. Written here
/// because the replay must read millions of frames a second; the parsing libraries available allocate an object graph
/// per packet.
/// </summary>
public sealed class CaptureReader
{
    private const int WindowBytes = 1 << 20;
    private const int MaxRecordBytes = 16 * 1024 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer = new byte[WindowBytes];
    private int _start, _end;
    private bool _endOfStream;
    private bool _pcapng;
    private bool _bigEndian;
    private long _tickNanoseconds = 1000;
    private int _lastOffset, _lastLength;
    private readonly List<long> _interfaceTicks = [];

    private CaptureReader(Stream stream) => _stream = stream;

    /// <summary>Bytes of the capture read and parsed so far (for a replay's progress).</summary>
    public long BytesRead { get; private set; }

    public static CaptureReader Open(Stream stream)
    {
        var reader = new CaptureReader(stream);
        if (!reader.Ensure(4))
        {
            throw new EndOfStreamException("The capture is too short to hold a header.");
        }
        var little = BinaryPrimitives.ReadUInt32LittleEndian(reader.Take(4));
        if (little == 0x0A0D0D0A)
        {
            reader._pcapng = true;
            reader.ReadSectionHeaderRest();
            return reader;
        }
        (reader._bigEndian, reader._tickNanoseconds) = little switch
        {
            0xA1B2C3D4 => (false, 1000L),
            0xA1B23C4D => (false, 1L),
            0xD4C3B2A1 => (true, 1000L),
            0x4D3CB2A1 => (true, 1L),
            _ => throw new InvalidDataException("Not a pcap or pcapng capture (unknown magic number)."),
        };
        if (!reader.Ensure(20))
        {
            throw new EndOfStreamException("The capture is too short to hold a header.");
        }
        var linkType = reader.U32(reader.Take(20)[16..]) & 0x0FFFFFFF;
        if (linkType != 1)
        {
            throw new InvalidDataException($"The capture's link type is {linkType}; only Ethernet (1) can be replayed.");
        }
        return reader;
    }

    /// <summary>The bytes of the frame last read, valid until the next read (no copy).</summary>
    public ReadOnlySpan<byte> LastFrame => _buffer.AsSpan(_lastOffset, _lastLength);

    /// <summary>Reads the next frame; false at the end of the capture.</summary>
    public bool TryRead(out CapturedFrame frame) => _pcapng ? TryReadBlock(out frame) : TryReadRecord(out frame);

    private bool TryReadRecord(out CapturedFrame frame)
    {
        frame = default;
        if (!Ensure(16))
        {
            return AtEnd();
        }
        var header = _buffer.AsSpan(_start, 16);
        var seconds = U32(header);
        var fraction = U32(header[4..]);
        var captured = Checked(U32(header[8..]));
        var original = (int)Math.Min(int.MaxValue, U32(header[12..]));
        if (!Ensure(16 + captured))
        {
            throw new InvalidDataException("The capture ends in the middle of a record.");
        }
        Take(16);
        (_lastOffset, _lastLength) = (_start, captured);
        frame = new CapturedFrame((seconds * 1_000_000_000L) + (fraction * _tickNanoseconds), Take(captured), original);
        return true;
    }

    private bool TryReadBlock(out CapturedFrame frame)
    {
        frame = default;
        while (Ensure(8))
        {
            var type = U32(_buffer.AsSpan(_start));
            var length = U32(_buffer.AsSpan(_start + 4));
            if (length < 12)
            {
                throw new InvalidDataException($"A pcapng block has a length of {length} bytes.");
            }
            var blockLength = Checked(length);
            if (!Ensure(blockLength))
            {
                throw new InvalidDataException("The capture ends in the middle of a record.");
            }
            Take(8);
            var bodyOffset = _start;
            var body = Take(blockLength - 8);
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
                        (_lastOffset, _lastLength) = (bodyOffset + 20, (int)captured);
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
                        (_lastOffset, _lastLength) = (bodyOffset + 4, Math.Min(original, body.Length - 8));
                        frame = new CapturedFrame(0, body.Slice(4, Math.Min(original, body.Length - 8)), original);
                        return true;
                    }
            }
        }
        return AtEnd();
    }

    private void ReadSectionHeaderRest()
    {
        if (!Ensure(8))
        {
            throw new EndOfStreamException("The capture is too short to hold a header.");
        }
        var byteOrder = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_start + 4));
        _bigEndian = byteOrder switch
        {
            0x1A2B3C4D => false,
            0x4D3C2B1A => true,
            _ => throw new InvalidDataException("The pcapng section header has no valid byte-order magic."),
        };
        var length = U32(_buffer.AsSpan(_start)) is var declared && declared >= 12 ? Checked(declared) - 4 : throw new InvalidDataException("The pcapng section header is too short.");
        if (!Ensure(length))
        {
            throw new InvalidDataException("The capture ends in the middle of a record.");
        }
        Take(length);
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

    /// <summary>
    /// Makes <paramref name="length"/> unread bytes available in the window, reading the stream in large pieces; false
    /// when the stream ends first.
    /// </summary>
    private bool Ensure(int length)
    {
        if (_end - _start >= length)
        {
            return true;
        }
        if (_buffer.Length < length)
        {
            var larger = new byte[Math.Max(length, _buffer.Length * 2)];
            _buffer.AsSpan(_start, _end - _start).CopyTo(larger);
            (_buffer, _end, _start) = (larger, _end - _start, 0);
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            (_end, _start) = (_end - _start, 0);
        }
        while (_end - _start < length && !_endOfStream)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            _endOfStream = read == 0;
            _end += read;
        }
        return _end - _start >= length;
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        var taken = _buffer.AsSpan(_start, length);
        _start += length;
        BytesRead += length;
        return taken;
    }

    /// <summary>The end of the capture: clean between records, an error inside one.</summary>
    private bool AtEnd() => _end == _start ? false : throw new InvalidDataException("The capture ends in the middle of a record.");

    private static int Checked(uint length) => length <= MaxRecordBytes
        ? (int)length
        : throw new InvalidDataException($"A capture record claims {length} bytes.");

    private uint U32(ReadOnlySpan<byte> bytes) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
}
