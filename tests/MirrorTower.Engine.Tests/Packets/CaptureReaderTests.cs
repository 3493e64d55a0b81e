using MirrorTower.Engine.Packets;

namespace MirrorTower.Engine.Tests.Packets;

/// <summary>
/// The reader takes its stream as it comes: an upload arrives in pieces of any size, and a large capture must not cost
/// a read (a system call, under a file or a request body) per frame.
/// </summary>
public sealed class CaptureReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void FramesArrivingInPiecesOfAnySizeReadAsFromMemory(int piece)
    {
        var (bytes, frames) = Capture(count: 300, seed: piece);

        var read = ReadAll(CaptureReader.Open(new PieceStream(bytes, piece)));

        Assert.Equal(frames, read);
    }

    [Fact]
    public void APcapngArrivingAByteAtATimeReadsAsFromMemory()
    {
        var frame = new byte[90];
        new Random(5).NextBytes(frame);
        var bytes = VxlanAndPcapTests.Pcapng(frame, timestamp: 1_700_000_000_123_456_789L);

        var read = ReadAll(CaptureReader.Open(new PieceStream(bytes, 1)));

        Assert.Equal([frame], read);
    }

    [Fact]
    public void ALargeCaptureIsReadAMegabyteAtATimeAndCountsItsBytes()
    {
        var (bytes, frames) = Capture(count: 40_000, seed: 3);
        var stream = new PieceStream(bytes, int.MaxValue);

        var reader = CaptureReader.Open(stream);
        var read = ReadAll(reader);

        Assert.Equal(frames.Count, read.Count);
        Assert.Equal(bytes.Length, reader.BytesRead);
        // About 40 MB: one read per megabyte of window, not two per frame (80,000).
        Assert.InRange(stream.Reads, bytes.Length / (1 << 20), (bytes.Length / (1 << 20)) + 3);
    }

    [Fact]
    public void ACaptureCutInsideARecordIsRefusedAfterTheWholeFrames()
    {
        var (bytes, frames) = Capture(count: 3, seed: 9);
        var reader = CaptureReader.Open(new MemoryStream(bytes[..^10]));

        Assert.True(reader.TryRead(out _));
        Assert.True(reader.TryRead(out _));
        var error = Assert.Throws<InvalidDataException>(() => reader.TryRead(out _));
        Assert.Contains("ends in the middle of a record", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, frames.Count);
    }

    private static List<byte[]> ReadAll(CaptureReader reader)
    {
        var frames = new List<byte[]>();
        while (reader.TryRead(out var frame))
        {
            frames.Add(frame.Data.ToArray());
        }
        return frames;
    }

    private static (byte[] Bytes, List<byte[]> Frames) Capture(int count, int seed)
    {
        var random = new Random(seed);
        var frames = Enumerable.Range(0, count).Select(_ =>
        {
            var frame = new byte[random.Next(60, 1515)];
            random.NextBytes(frame);
            return frame;
        }).ToList();
        var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, leaveOpen: true))
        {
            foreach (var frame in frames)
            {
                writer.Write(1_700_000_000_000_000_000L, frame);
            }
        }
        return (stream.ToArray(), frames);
    }

    /// <summary>A stream that gives at most <paramref name="piece"/> bytes a read, and counts its reads.</summary>
    private sealed class PieceStream(byte[] bytes, int piece) : MemoryStream(bytes)
    {
        public int Reads { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            return base.Read(buffer, offset, Math.Min(count, piece));
        }

        public override int Read(Span<byte> buffer)
        {
            Reads++;
            return base.Read(buffer[..Math.Min(buffer.Length, piece)]);
        }
    }
}
