using MirrorTower.Engine.Packets;
using MirrorTower.Engine.Simulation;

namespace MirrorTower.Engine.Simulation;

/// <summary>Where a run's packets come from: a synthetic scenario, or a user's capture replayed through one ENI.</summary>
public interface IRunSource
{
    /// <summary>How many packets the source will give, when known.</summary>
    long? Total { get; }

    /// <summary>Frames skipped: not Ethernet/IP, or neither to nor from the source ENI.</summary>
    long Ignored { get; }

    /// <summary>The Unix time (ns) of simulated time zero, for the timestamps of the written captures.</summary>
    long EpochNanoseconds { get; }

    /// <summary>Bytes of a capture read so far (0 for synthetic traffic).</summary>
    long BytesRead { get; }

    /// <summary>The capture's size when it is known beforehand (an upload's length), for a replay's progress.</summary>
    long? TotalBytes { get; }

    bool TryNext(out GeneratedPacket packet);

    /// <summary>The bytes of the packet last returned; built on demand for synthetic traffic.</summary>
    ReadOnlySpan<byte> CurrentFrame { get; }
}

public sealed class ScenarioSource(ScenarioSpec spec, IReadOnlyList<SimEni> enis, long epochNanoseconds) : IRunSource
{
    private readonly TrafficGenerator _generator = new(spec, enis);
    private readonly byte[] _frame = new byte[9100];
    private GeneratedPacket _current;

    public long? Total => _generator.Total;

    public long Ignored => 0;

    public long BytesRead => 0;

    public long? TotalBytes => null;

    public long EpochNanoseconds => epochNanoseconds;

    public bool TryNext(out GeneratedPacket packet)
    {
        var found = _generator.TryNext(out packet);
        _current = packet;
        return found;
    }

    public ReadOnlySpan<byte> CurrentFrame => _frame.AsSpan(0, TrafficGenerator.WriteFrame(_frame, _current));
}

/// <summary>
/// A capture replayed through one ENI: each frame's direction comes from the ENI's addresses, IPv4 or IPv6 (to one: ingress; from one:
/// egress); frames neither to nor from it, and frames that are not Ethernet ARP/IPv4/IPv6, are counted and skipped.
/// </summary>
public sealed class CaptureSource(CaptureReader reader, SimEni eni, long? totalBytes = null) : IRunSource
{
    private long _first = -1;

    public long? Total => null;

    public long BytesRead => reader.BytesRead;

    public long? TotalBytes => totalBytes;

    public long Ignored { get; private set; }

    public long EpochNanoseconds => Math.Max(0, _first);

    public bool TryNext(out GeneratedPacket packet)
    {
        while (reader.TryRead(out var frame))
        {
            if (_first < 0)
            {
                _first = frame.TimestampNanoseconds;
            }
            if (!FrameInfo.TryParse(frame.Data, out var info) || info.Relative(eni.Address, eni.Ipv6) is not { } facts)
            {
                Ignored++;
                continue;
            }
            packet = new GeneratedPacket(0, facts.Classified(eni.VpcDnsAddress), Math.Max(frame.OriginalLength, frame.Data.Length), frame.TimestampNanoseconds - _first);
            return true;
        }
        packet = default;
        return false;
    }

    /// <summary>The reader's own buffer: valid until the next frame is read, which is all a run needs.</summary>
    public ReadOnlySpan<byte> CurrentFrame => reader.LastFrame;
}
