using System.Net;
using MirrorTower.Engine.Mirroring;
using MirrorTower.Engine.Packets;

namespace MirrorTower.Engine.Simulation;

/// <summary>
/// One run: pulls packets from its source, runs them through the simulator, writes what each target receives to its
/// sink (up to a cap per target), and every <see cref="SnapshotInterval"/> publishes an immutable snapshot (counters, a
/// time-series point, the sampled log). Paced against the clock of its <see cref="TimeProvider"/> at <see cref="Speed"/>
/// (0: as fast as possible), so tests drive it with a fake clock. Only the run's own thread touches the simulator;
/// viewers read snapshots.
/// </summary>
public sealed class LiveRun
{
    public static readonly TimeSpan SnapshotInterval = TimeSpan.FromMilliseconds(200);
    private const int LogSize = 200;
    private const int MaxSeriesPoints = 3000;

    private readonly MirrorSimulator _simulator;
    private readonly IRunSource _source;
    private readonly ICaptureSink _sink;
    private readonly TimeProvider _time;
    private readonly int _captureCap;
    private readonly PcapWriter?[] _captures;
    private readonly long[] _captured;
    private readonly List<TimePoint> _series = [];
    private readonly Queue<LoggedPacket> _log = new();
    private readonly long _sampleEvery;
    private readonly byte[] _copy = new byte[9200];
    private long[] _lastOutcomes;
    private long[] _lastTargets;
    private double _lastSeconds;
    private volatile bool _paused, _stopped;
    private long _started;
    private Action<RunSnapshot>? _publish;
    private long _sequence, _publishedSequence;
    private TimeSpan _publishedAt;
    private double _seconds;
    private double _speed;

    public LiveRun(string id, string name, RunKind kind, MirrorSimulator simulator, IRunSource source, double speed, double durationSeconds,
        ICaptureSink sink, int captureCap, DateTime startedUtc, TimeProvider time)
    {
        Id = id;
        _simulator = simulator;
        _source = source;
        _speed = speed;
        _sink = sink;
        _time = time;
        _captureCap = captureCap;
        _captures = new PcapWriter?[simulator.Setup.Targets.Count];
        _captured = new long[simulator.Setup.Targets.Count];
        _lastOutcomes = new long[Enum.GetValues<SimOutcome>().Length];
        _lastTargets = new long[simulator.Setup.Targets.Count];
        _sampleEvery = Math.Max(1, (source.Total ?? 100_000) / 2000);
        Snapshot = new RunSnapshot(id, name, kind, RunStatus.Running, speed, 0, durationSeconds, SimulationReport.From(simulator, 0), [], [], startedUtc, null);
    }

    public string Id { get; }

    public RunSnapshot Snapshot { get; private set; }

    public double Speed => _speed;

    public void Pause() => _paused = true;

    public void Resume() => _paused = false;

    public void Stop() => _stopped = true;

    public void ChangeSpeed(double speed) => _speed = speed;

    /// <summary>Runs to the end, publishing snapshots through <paramref name="publish"/>; returns the last snapshot.</summary>
    public RunSnapshot Run(Action<RunSnapshot> publish, CancellationToken cancellationToken)
    {
        _started = _time.GetTimestamp();
        _publish = publish;
        TimeSpan Elapsed() => _time.GetElapsedTime(_started);
        var lastPublish = TimeSpan.Zero;
        double simulatedAtRebase = 0;
        var wallAtRebase = TimeSpan.Zero;
        var speedAtRebase = _speed;
        var sequence = 0L;
        var seconds = 0.0;
        var status = RunStatus.Completed;
        string? message = null;
        try
        {
            while (_source.TryNext(out var packet))
            {
                seconds = packet.TimeNanoseconds / 1e9;
                // Pace: simulated time may run ahead of the wall clock by no more than the speed allows.
                while (true)
                {
                    if (_stopped || cancellationToken.IsCancellationRequested)
                    {
                        status = RunStatus.Stopped;
                        break;
                    }
                    if (_speed != speedAtRebase || _paused)
                    {
                        simulatedAtRebase = Math.Max(simulatedAtRebase, seconds - 1e-9);
                        wallAtRebase = Elapsed();
                        speedAtRebase = _speed;
                    }
                    if (_paused)
                    {
                        Publish(publish, RunStatus.Paused, seconds);
                        Wait(TimeSpan.FromMilliseconds(50));
                        lastPublish = Elapsed();
                        continue;
                    }
                    if (speedAtRebase <= 0 || seconds <= simulatedAtRebase + ((Elapsed() - wallAtRebase).TotalSeconds * speedAtRebase))
                    {
                        break;
                    }
                    if (Elapsed() - lastPublish >= SnapshotInterval)
                    {
                        Publish(publish, RunStatus.Running, seconds);
                        lastPublish = Elapsed();
                    }
                    Wait(TimeSpan.FromMilliseconds(2));
                }
                if (status == RunStatus.Stopped)
                {
                    break;
                }

                var result = _simulator.Process(packet.Eni, packet.Facts, packet.FrameLength, packet.TimeNanoseconds);
                if (result.Outcome == SimOutcome.Mirrored && result.TargetIndex >= 0 && _captured[result.TargetIndex] < _captureCap)
                {
                    Capture(packet, result);
                }
                (_sequence, _seconds) = (sequence + 1, seconds);
                if (++sequence % _sampleEvery == 0)
                {
                    Sample(sequence, seconds, packet, result);
                }
                if ((sequence & 0x3FF) == 0 && Elapsed() - lastPublish >= SnapshotInterval)
                {
                    Publish(publish, RunStatus.Running, seconds);
                    lastPublish = Elapsed();
                }
            }
        }
        catch (InvalidDataException exception)
        {
            // A capture broken part-way: what came before it was judged and written, and is kept.
            (status, message) = (RunStatus.Failed, exception.Message);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            // The capture stopped arriving (the uploader went away, or the upload was cut off).
            (status, message) = (RunStatus.Stopped, _stopped ? null : $"The capture stopped arriving after {_source.BytesRead:N0} bytes: {exception.Message}");
        }
        finally
        {
            foreach (var capture in _captures)
            {
                capture?.Dispose();
            }
        }
        // The final snapshot is returned, not published: readers keep seeing the run in progress until the host has
        // stored its report and captures, so nobody who reads Completed can then miss what it produced.
        return Measure(status, seconds, final: true) with { Message = message ?? Snapshot.Message };
    }

    /// <summary>The explanation of a logged packet: each session tried, the rule that decided, the outcome.</summary>
    public IReadOnlyList<SessionStep> Explain(LoggedPacket packet) => _simulator.Explain(packet.EniIndex, packet.Facts);

    // Blocks the run's own thread on its clock: real time in the portal, a fake one that a test advances.
    private void Wait(TimeSpan delay) => Task.Delay(delay, _time).Wait();

    private void Capture(in GeneratedPacket packet, in PacketResult result)
    {
        var writer = _captures[result.TargetIndex] ??= new PcapWriter(_sink.Create(_simulator.Setup.Targets[result.TargetIndex]));
        var frame = _source.CurrentFrame;
        var inner = frame[..Math.Min(result.CopyBytes, frame.Length)];
        var timestamp = _source.EpochNanoseconds + packet.TimeNanoseconds;
        // Plain VXLAN: write the 50 bytes of headers, then the inner frame from the source's buffer, without copying it twice.
        if (_simulator.WriteCopyHeaders(_copy, packet.Eni, result, inner.Length) is { } headers)
        {
            writer.Write(timestamp, _copy.AsSpan(0, headers), inner);
        }
        else
        {
            writer.Write(timestamp, _copy.AsSpan(0, _simulator.WriteCopy(_copy, frame, packet.Eni, result)));
        }
        _captured[result.TargetIndex]++;
    }

    private void Sample(long sequence, double seconds, in GeneratedPacket packet, in PacketResult result)
    {
        var facts = packet.Facts;
        var session = result.Verdict.SessionSlot >= 0 ? _simulator.Table.Sessions[result.Verdict.SessionSlot] : null;
        var rule = result.Verdict.RuleSlot >= 0 ? _simulator.Table.Rules[result.Verdict.RuleSlot] : null;
        var target = result.TargetIndex >= 0 ? _simulator.Setup.Targets[result.TargetIndex] : null;
        _log.Enqueue(new LoggedPacket(sequence, seconds, packet.Eni, _simulator.Setup.Enis[packet.Eni].Label, facts.Direction.ToString().ToLowerInvariant(), Flow(facts),
            result.Outcome.ToString(), session?.SessionNumber, rule?.RuleNumber, target?.Label,
            target is not null && result.ApplianceIndex >= 0 ? target.Appliances[result.ApplianceIndex].Label : null, result.CopyBytes, facts));
        if (_log.Count > LogSize)
        {
            _log.Dequeue();
        }
    }

    /// <summary>
    /// Called on the run's own thread by a source that waits for input (an upload between two pieces): what has been
    /// judged so far is published if a snapshot is due, or at once when <paramref name="stalled"/> (the input has not come
    /// for a while), so viewers see the progress of a run that waits without a snapshot at every short wait.
    /// </summary>
    public void Waiting(bool stalled)
    {
        if (_publish is { } publish && _sequence != _publishedSequence
            && (stalled || _time.GetElapsedTime(_started) - _publishedAt >= SnapshotInterval))
        {
            Publish(publish, _paused ? RunStatus.Paused : RunStatus.Running, _seconds);
        }
    }

    private void Publish(Action<RunSnapshot> publish, RunStatus status, double seconds)
    {
        (_publishedSequence, _publishedAt) = (_sequence, _time.GetElapsedTime(_started));
        Snapshot = Measure(status, seconds, final: false);
        publish(Snapshot);
    }

    private RunSnapshot Measure(RunStatus status, double seconds, bool final)
    {
        var counters = _simulator.Counters;
        var interval = seconds - _lastSeconds;
        if (interval > 0 || final)
        {
            var outcomes = (long[])counters.ByOutcome.Clone();
            var targets = (long[])counters.TargetPackets.Clone();
            var span = Math.Max(interval, 1e-9);
            if (interval > 0)
            {
                _series.Add(new TimePoint(Math.Round(seconds, 3),
                    Enum.GetValues<SimOutcome>().ToDictionary(o => o.ToString(), o => (outcomes[(int)o] - _lastOutcomes[(int)o]) / span),
                    _simulator.Setup.Targets.Select((t, i) => (t, i)).ToDictionary(p => p.t.Label, p => (targets[p.i] - _lastTargets[p.i]) / span)));
                if (_series.Count > MaxSeriesPoints)
                {
                    _series.RemoveAt(0);
                }
            }
            (_lastOutcomes, _lastTargets, _lastSeconds) = (outcomes, targets, seconds);
        }
        var wall = _started == 0 ? 0 : _time.GetElapsedTime(_started).TotalSeconds;
        var report = SimulationReport.From(_simulator, seconds, _source.Ignored, _captured, wall, _source.BytesRead, _source.TotalBytes);
        return Snapshot with { Status = status, Speed = _speed, SimulatedSeconds = seconds, Report = report, Series = _series.ToList(), Log = _log.Reverse().ToList() };
    }

    private static string Flow(in PacketFacts facts)
    {
        static string Address(UInt128 value, bool v6) => v6
            ? new IPAddress(BitConverter.GetBytes(value).Reverse().ToArray()).ToString()
            : new IPAddress(BitConverter.GetBytes((uint)value).Reverse().ToArray()).ToString();
        var protocol = Protocols.Name(facts.Protocol);
        return facts.SourcePort == 0 && facts.DestinationPort == 0
            ? $"{protocol} {Address(facts.Source, facts.IsV6)} → {Address(facts.Destination, facts.IsV6)}"
            : $"{protocol} {Address(facts.Source, facts.IsV6)}:{facts.SourcePort} → {Address(facts.Destination, facts.IsV6)}:{facts.DestinationPort}";
    }
}
