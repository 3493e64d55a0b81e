using System.Buffers;
using System.IO.Pipelines;

namespace MirrorTower.Portal.Features.Simulation;

/// <summary>
/// The read side of an upload's pipe as the synchronous stream a run reads on its own thread. When it must wait for
/// bytes that have not arrived it calls <see cref="Waiting"/> (false), and again (true) if they have not come within
/// <see cref="Stall"/>, so the run can publish its progress: when a snapshot is due, and at once when the upload stalls.
/// </summary>
internal sealed class UploadStream(PipeReader reader) : Stream
{
    /// <summary>Ends a read that waits for the upload (a stopped run must not wait for bytes it will not judge).</summary>
    public void CancelWaiting() => reader.CancelPendingRead();

    private static readonly TimeSpan Stall = TimeSpan.FromMilliseconds(200);

    /// <summary>Called on the reading thread when a read must wait for the upload; true once it has waited <see cref="Stall"/>.</summary>
    public Action<bool>? Waiting { get; set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }
        if (!reader.TryRead(out var result))
        {
            Waiting?.Invoke(false);
            var read = reader.ReadAsync().AsTask();
            if (!read.Wait(Stall))
            {
                Waiting?.Invoke(true);
            }
            result = read.GetAwaiter().GetResult();
        }
        if (result.IsCanceled)
        {
            // Nothing taken, but the read is ended, so the rest of the body can still be drained.
            reader.AdvanceTo(result.Buffer.Start);
            throw new OperationCanceledException("The replay was stopped while it waited for the upload.");
        }
        var available = result.Buffer;
        var length = (int)Math.Min(available.Length, buffer.Length);
        available.Slice(0, length).CopyTo(buffer);
        reader.AdvanceTo(available.GetPosition(length));
        return length == 0 && !result.IsCompleted ? Read(buffer) : length;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
